"""The tenant: one municipality's or district's prevention council (KPR)."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .alliance_model import DEFAULT_COUNCIL_TERM, alliance_info, current_or_first_alliance
from .alliance_model import FIRST_ALLIANCE_ID as FIRST_ALLIANCE_ID  # where the package's users find them
from .alliance_model import Alliance as Alliance
from .db import db
from .scoping import alliance_scoped, utcnow


class TenantKind(enum.StrEnum):
    city = "city"
    municipality = "municipality"
    district = "district"

    @property
    def label(self) -> str:
        return {"city": "Stadt", "municipality": "Gemeinde", "district": "Landkreis"}[self.value]


# The designations an official name may begin with, per kind; the first is the kind's label.
DESIGNATIONS: dict[TenantKind, tuple[str, ...]] = {
    TenantKind.city: ("Stadt", "Große Kreisstadt", "Kreisfreie Stadt", "Landeshauptstadt", "Hansestadt",
                      "Universitätsstadt"),
    TenantKind.municipality: ("Gemeinde", "Marktgemeinde"),
    TenantKind.district: ("Landkreis", "Kreis"),
}
_LONGEST_FIRST = sorted({d for ds in DESIGNATIONS.values() for d in ds}, key=len, reverse=True)


def split_designations(name: str) -> tuple[list[str], str]:
    """"Stadt Große Kreisstadt Zittau" -> (["Stadt", "Große Kreisstadt"], "Zittau")."""
    rest, found = " ".join((name or "").split()), []
    while True:
        designation = next((d for d in _LONGEST_FIRST if rest == d or rest.startswith(d + " ")), None)
        if designation is None:
            return found, rest
        found.append(designation)
        rest = rest[len(designation):].strip()


def compose_name(kind: TenantKind | None, name: str) -> str:
    """The official name, composed once from kind and name: the designation said once ("Stadt
    Zwickau", "Große Kreisstadt Zittau", "Landkreis Rostock", "Erzgebirgskreis"), whether or not
    the name as typed already carried it. Never raises; `name_conflict` says what does not fit."""
    found, rest = split_designations(name)
    if kind is None or not rest:
        return " ".join((name or "").split())
    if kind == TenantKind.district and rest.endswith("kreis"):
        return rest  # "Vogtlandkreis" names its kind itself
    own = [d for d in found if d in DESIGNATIONS[kind]]
    return f"{own[-1] if own else kind.label} {rest}"  # the most specific designation given


def name_conflict(kind: TenantKind, name: str) -> str | None:
    """A German message where the name contradicts the kind ("Landkreis Zwickau" as a Stadt)."""
    found, rest = split_designations(name)
    if not rest:
        return "Bitte geben Sie den Namen der Kommune ein, nicht nur ihre Art."
    foreign = [d for d in found if d not in DESIGNATIONS[kind]]
    if foreign:
        return (f"„{foreign[0]}“ passt nicht zur Art „{kind.label}“: wählen Sie die passende Art "
                f"oder geben Sie den Namen ohne „{foreign[0]}“ ein.")
    return None


class TenantStatus(enum.StrEnum):
    """The onboarding lifecycle, in order."""

    contacted = "contacted"
    agreement_signed = "agreement_signed"
    founded = "founded"
    active = "active"
    dormant = "dormant"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def date_field(self) -> str:
        return f"{self.value}_on"


STATUS_LABELS = {
    TenantStatus.contacted: "Kontaktiert",
    TenantStatus.agreement_signed: "Vereinbarung unterzeichnet",
    TenantStatus.founded: "KPR gegründet",
    TenantStatus.active: "Aktiv",
    TenantStatus.dormant: "Ruhend",
}


@alliance_scoped
class Tenant(db.Model):
    __tablename__ = "tenant"

    id: Mapped[int] = mapped_column(primary_key=True)
    alliance_id: Mapped[int] = mapped_column(sa.ForeignKey("alliance.id"), index=True,
                                             default=current_or_first_alliance, server_default=sa.text("1"))
    slug: Mapped[str] = mapped_column(sa.String(60))  # unique within its alliance
    name: Mapped[str] = mapped_column(sa.String(160))
    kind: Mapped[TenantKind] = mapped_column(sa.Enum(TenantKind, native_enum=False, length=20))
    ags: Mapped[str] = mapped_column(sa.String(8), unique=True)
    district: Mapped[str] = mapped_column(sa.String(120))
    federal_state: Mapped[str] = mapped_column(sa.String(60), default="Sachsen")
    population: Mapped[int | None]
    police_directorate: Mapped[str] = mapped_column(sa.String(120), default="")
    status: Mapped[TenantStatus] = mapped_column(
        sa.Enum(TenantStatus, native_enum=False, length=20), default=TenantStatus.contacted, index=True
    )
    contacted_on: Mapped[date | None]
    agreement_signed_on: Mapped[date | None]
    founded_on: Mapped[date | None]
    active_on: Mapped[date | None]
    dormant_on: Mapped[date | None]
    # Archived by the state council: hidden from the alliance index and the state overview's default
    # view, its workspace read-only; beside the lifecycle (which it keeps), so restoring is exact.
    archived_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # Least visibility (DSGVO): members see each other's e-mail addresses only when the coordinators
    # chose so on the members page; on the KPR, so every page decides without a query.
    member_emails_visible: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    __table_args__ = (sa.CheckConstraint("length(ags) = 8", name="ags_length"),
                      sa.UniqueConstraint("alliance_id", "slug"))

    @property
    def official_name(self) -> str:
        """"Stadt Zwickau", "Große Kreisstadt Zittau", "Landkreis Rostock": kind and name, composed once."""
        return compose_name(self.kind, self.name)

    @property
    def council_name(self) -> str:
        """"Kommunaler Präventionsrat Stadt Zwickau", "Präventionsrat Landkreis Rostock": its alliance's word."""
        term = alliance_info(self.alliance_id).council_term if self.alliance_id else DEFAULT_COUNCIL_TERM
        return f"{term} {self.official_name}"

    @property
    def short_name(self) -> str:
        """For running text, where the long name would need declining: "zum KPR Stadt Zittau"."""
        return f"KPR {self.official_name}"

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    def status_date(self, status: TenantStatus | None = None) -> date | None:
        return getattr(self, (status or self.status).date_field)

    def __repr__(self) -> str:
        return f"<Tenant {self.slug}>"
