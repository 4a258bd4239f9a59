"""The API's request and response models (pydantic), from which SpecTree validates and writes the
OpenAPI document. Answers name things as the pages do; ids are the ones the pages' addresses use."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from tenants import TenantKind, TenantStatus

from ..accounts.api_tokens import TokenScope
from ..accounts.models import GlobalRole, MembershipRole
from ..documents.models import DocumentCategory
from ..events.models import Audience, EventKind, Reach, RegistrationStatus
from ..meetings.models import MeetingStatus
from ..prevention.models import MeasureStatus, Setting, TargetGroup
from ..structure.models import BodyKind, BodyRole
from ..timeutil import as_utc

MAX_PAGE = 10_000
# A moment with its offset (RFC 3339), also where SQLite hands back a naive UTC time.
Moment = Annotated[datetime, AfterValidator(as_utc)]
# Text in a query: no control characters (asskomm.web refuses them in every request).
NO_CONTROL_CHARACTERS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"


def text(max_length: int, description: str = ""):
    return Field("", max_length=max_length, pattern=NO_CONTROL_CHARACTERS, description=description)


class Model(BaseModel):
    model_config = ConfigDict(from_attributes=True, extra="forbid")


class Query(BaseModel):
    """Query parameters; unknown ones are refused, so a misspelt filter does not silently list everything."""

    model_config = ConfigDict(extra="forbid")


class Problem(Model):
    """An error (RFC 9457), with a German title and what went wrong."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


class FieldError(Model):
    loc: list[str]
    msg: str


class PageQuery(Query):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1")
    per_page: int = Field(50, ge=1, le=200, description="Einträge je Seite (höchstens 200)")


class Paged(Model):
    total: int = Field(description="Einträge insgesamt (über alle Seiten)")
    page: int
    per_page: int


# --- the person and their token ------------------------------------------------------------------


class KprRole(Model):
    kpr: str = Field(description="Kurzname (slug) des KPR")
    role: MembershipRole


class TokenInfo(Model):
    name: str
    scope: TokenScope
    expires_at: Moment


class Me(Model):
    id: int
    name: str
    email: str
    global_roles: list[GlobalRole]
    memberships: list[KprRole]
    token: TokenInfo


# --- KPRs ----------------------------------------------------------------------------------------


class KprQuery(PageQuery):
    district: str = text(120, "Landkreis, genau")
    status: TenantStatus | None = None
    q: str = text(100, "Teil des Namens")


class Kpr(Model):
    slug: str
    name: str = Field(description="Amtlicher Name der Kommune")
    council_name: str
    kind: TenantKind
    ags: str = Field(description="Amtlicher Gemeindeschlüssel")
    district: str
    federal_state: str
    population: int | None
    status: TenantStatus


class KprList(Paged):
    items: list[Kpr]


class NewsPost(Model):
    id: int
    title: str
    published_on: date
    body: str = Field(description="Text in Markdown")


class NewsList(Paged):
    items: list[NewsPost]


class DocumentVersion(Model):
    number: int
    file_name: str
    size: int
    content_type: str
    sha256: str
    uploaded_at: Moment


class Document(Model):
    id: int
    title: str
    category: DocumentCategory
    public: bool
    description: str
    latest: DocumentVersion | None


class DocumentQuery(PageQuery):
    category: DocumentCategory | None = None


class DocumentList(Paged):
    items: list[Document]


class BodyMember(Model):
    name: str
    organisation: str
    function: str
    role: BodyRole


class Body(Model):
    id: int
    kind: BodyKind
    name: str
    topic: str
    members: list[BodyMember]


class BodyList(Paged):
    items: list[Body]


class MeetingQuery(PageQuery):
    since: date | None = Field(None, description="Sitzungen ab diesem Tag")
    until: date | None = Field(None, description="Sitzungen bis zu diesem Tag")


class Meeting(Model):
    id: int
    title: str
    body: str = Field(description="Gremium")
    starts_at: Moment
    ends_at: Moment | None
    place: str
    public: bool
    status: MeetingStatus


class MeetingList(Paged):
    items: list[Meeting]


class MeasureQuery(PageQuery):
    status: MeasureStatus | None = None


class Measure(Model):
    id: int
    title: str
    description: str
    action_field: str
    status: MeasureStatus
    target_group: TargetGroup | None
    setting: Setting | None
    programme_key: str
    starts_on: date | None
    ends_on: date | None
    shared: bool = Field(description="Mit dem Netzwerk geteilt (Praxisbörse)")


class MeasureList(Paged):
    items: list[Measure]


# --- events and registrations --------------------------------------------------------------------


class EventQuery(PageQuery):
    kind: EventKind | None = None
    past: bool = Field(False, description="Vergangene statt kommender Veranstaltungen")
    free: bool = Field(False, description="Nur mit freien Plätzen")


class EventSession(Model):
    starts_at: Moment
    ends_at: Moment
    place: str


class Event(Model):
    id: int
    kind: EventKind
    title: str
    description: str
    audience: Audience
    reach: Reach
    capacity: int
    free_seats: int
    registration_opens_at: Moment | None
    registration_closes_at: Moment
    cancelled: bool
    sessions: list[EventSession]


class EventList(Paged):
    items: list[Event]


class RegistrationQuery(PageQuery):
    status: RegistrationStatus | None = None


class Registration(Model):
    id: int
    event_id: int
    person: str | None = Field(description="Name; leer, wenn nach der Aufbewahrungsfrist anonymisiert")
    kpr: str | None = Field(description="Kurzname des KPR, für den angemeldet wurde")
    status: RegistrationStatus
    queued_at: Moment
    cancelled_at: Moment | None


class RegistrationList(Paged):
    items: list[Registration]


class IdempotencyHeaders(BaseModel):
    idempotency_key: str | None = Field(None, alias="Idempotency-Key", min_length=1, max_length=200,
                                        pattern=r"^[\x21-\x7e]+$",
                                        description="Beliebiger eindeutiger Schlüssel: eine Wiederholung "
                                                    "mit demselben Schlüssel wird nicht noch einmal ausgeführt")


# --- reports and practices -----------------------------------------------------------------------


class FigureQuery(Query):
    land: str = text(60, "Bundesland (nur Landespräventionsrat)")
    landkreis: str = text(120, "Landkreis (nur Landespräventionsrat)")
    kpr: str = text(60, "Kurzname eines KPR")
    year: int | None = Field(None, ge=2000, le=2100)


class Figure(Model):
    year: int
    metric: str
    label: str
    category: str
    value: Decimal


class Figures(Model):
    selection: str = Field(description="Was die Zahlen umfassen")
    scope: str
    computed_at: Moment | None = Field(description="Stand der Zahlen")
    items: list[Figure]


class PracticeQuery(PageQuery):
    q: str = text(100, "Im Titel, in der Beschreibung und im Handlungsfeld")
    target_group: TargetGroup | None = None
    setting: Setting | None = None
    status: MeasureStatus | None = None
    district: str = text(120)


class Practice(Model):
    id: int
    title: str
    action_field: str
    kpr: str
    district: str
    status: MeasureStatus
    target_group: TargetGroup | None
    setting: Setting | None
    programme_key: str
    evaluated: bool
    adopters: int = Field(description="KPR, die die Maßnahme übernommen haben")
    federal_state: str | None = Field(None, description="Bundesland der Maßnahme, wenn sie aus einer anderen "
                                      "Allianz kommt (dort über die Allianz hinaus geteilt); sonst leer")


class PracticeList(Paged):
    items: list[Practice]


Problem.model_rebuild()
