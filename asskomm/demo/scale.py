"""`flask --app asskomm demo scale N`: N generated KPRs with three years of records, for the
benchmark (issue 15). Written in bulk (Core executemany per table and batch, see scale_rows), so
11,000 KPRs take minutes, not hours; a seeded random.Random makes a run reproducible. Running it
again adds N more, numbered on from the generated KPRs already there (gemeinde-00001, ...).

Nothing is audited and nothing is marked stale: these are demo rows, and the benchmark runs the
full report job afterwards. The search index gets its entries here, read by the search package's
own sources and written in bulk."""

from __future__ import annotations

import math
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace

import sqlalchemy as sa

from config import DEMO_PASSWORD
from tenants import FIRST_ALLIANCE_ID, Alliance, Tenant, TenantKind, TenantStatus, cross_tenant, db
from tenants.districts import LAND_KEYS, SAXONY, SAXONY_DISTRICTS

from ..accounts.models import Assignment, GlobalRole, Membership, User, UserRole
from ..accounts.passwords import hash_password
from ..search import backend as search_backend
from ..search.models import SearchEntry
from ..search.sources import SOURCES
from ..state.models import StatusChange
from ..timeutil import today
from . import scale_records as records
from .loader import DEMO_DOMAIN
from .scale_rows import Row, Rows, allocate_ids, insert_rows

PREFIX = "gemeinde-"
BATCH = 500  # KPRs per round of inserts: bounded memory, few statements
KPRS_PER_COACH, KPRS_PER_CONTACT = 30, 60
REASON = "demo scale generator: bulk demo rows and their search entries"

POLICE = {"14511": "Chemnitz", "14521": "Chemnitz", "14522": "Chemnitz", "14523": "Zwickau", "14524": "Zwickau",
          "14612": "Dresden", "14625": "Görlitz", "14626": "Görlitz", "14627": "Dresden", "14628": "Dresden",
          "14713": "Leipzig", "14729": "Leipzig", "14730": "Leipzig"}
FRONT = ["Ober", "Nieder", "Alt", "Neu", "Groß", "Klein", "Hohen", "Wald", "Berg", "Linden", "Eichen", "Birken",
         "Rosen", "Tannen", "Wiesen", "Stein", "Mühl", "Sonnen"]
BACK = ["au", "bach", "dorf", "hain", "walde", "berg", "feld", "grün", "stein", "thal", "brunn", "hausen",
        "heide", "witz", "ritz", "lohe"]
# target status -> weight; the dates decide what is reached by today
STATUS_WEIGHTS = {TenantStatus.contacted: 12, TenantStatus.agreement_signed: 14, TenantStatus.founded: 18,
                  TenantStatus.active: 46, TenantStatus.dormant: 10}
STEP_DAYS = (120, 520)  # from one lifecycle step to the next


@dataclass
class ScaleSummary:
    kprs: int = 0
    users: int = 0
    first_slug: str = ""
    last_slug: str = ""
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        head = f"{self.kprs} KPR erzeugt ({self.first_slug} … {self.last_slug}), {self.users} Konten, " \
               f"{sum(self.rows.values())} Zeilen in {self.seconds:.1f} s:"
        return [head] + [f"  {table:32} {count:>9}" for table, count in sorted(self.rows.items())]


def _numbers_taken(pattern: str, column, like: str) -> int:
    """The highest number in `column` values (LIKE `like`) matching the regex `pattern` (0 if none)."""
    regex = re.compile(pattern)
    values = db.session.scalars(sa.select(column).where(column.like(like)))
    found = [int(m.group(1)) for value in values if (m := regex.fullmatch(value))]
    return max(found, default=0)


def _generated() -> int:
    return _numbers_taken(rf"{PREFIX}(\d+)", Tenant.slug, f"{PREFIX}%")


@dataclass(frozen=True)
class Network:
    """The alliance the generated KPRs join, with its districts: key (AGS prefix) -> (name, police)."""

    id: int
    federal_state: str
    districts: dict[str, tuple[str, str]]


def _network(slug: str | None) -> Network:
    """Saxony's alliance with its real districts, or another with thirteen invented districts of its Land
    (their AGS prefixes of the Land's key, 9 then two digits: no real district has them)."""
    alliance = db.session.scalar(sa.select(Alliance).where(
        Alliance.id == FIRST_ALLIANCE_ID if slug is None else Alliance.slug == slug))
    if alliance is None:
        raise ValueError(f"Eine Allianz „{slug}“ gibt es nicht.")
    if alliance.federal_state == SAXONY:
        return Network(alliance.id, SAXONY, {key: (d.name, f"Polizeidirektion {POLICE[key]}")
                                             for key, d in SAXONY_DISTRICTS.items()})
    land = LAND_KEYS[alliance.federal_state]
    return Network(alliance.id, alliance.federal_state, {
        f"{land}9{n:02d}": (f"Landkreis {n:02d} ({alliance.short_name})", f"Polizei {alliance.federal_state}")
        for n in range(1, 14)})


def _ags_allocator(rng_keys: list[str]):
    prefixes = sorted({key[:2] for key in rng_keys})
    taken = set(db.session.scalars(sa.select(Tenant.ags).where(sa.or_(*(Tenant.ags.like(f"{p}%") for p in prefixes)))))
    next_local = dict.fromkeys(rng_keys, 1)

    def allocate(key: str) -> str:
        while next_local[key] <= 999:
            ags = f"{key}{next_local[key]:03d}"
            next_local[key] += 1
            if ags not in taken:
                taken.add(ags)
                return ags
        raise ValueError(f"Keine freien Gemeindeschlüssel mehr im Kreis {key}.")

    return allocate


def _lifecycle(rng: random.Random, day: date) -> dict:
    target = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    steps = list(TenantStatus)[:list(TenantStatus).index(target) + 1]
    on = day - timedelta(days=rng.randint(400, 3300))
    dates = {}
    for status in steps:
        if on > day:
            break
        dates[status] = on
        on = on + timedelta(days=rng.randint(*STEP_DAYS))
    reached = list(dates)[-1]
    return {"status": reached, **{s.date_field: dates.get(s) for s in TenantStatus}}


def _staff(rows: Rows, role: GlobalRole, prefix: str, count: int, password_hash: str, rng: random.Random,
           summary: ScaleSummary, alliance_id: int) -> list[Row]:
    first = _numbers_taken(rf"{prefix}(\d+)@{re.escape(DEMO_DOMAIN)}", User.email, f"{prefix}%@{DEMO_DOMAIN}") + 1
    made = []
    for number in range(first, first + count):
        user = rows.add(User.__table__, email=f"{prefix}{number}@{DEMO_DOMAIN}", name=records.person_name(rng),
                        password_hash=password_hash)
        rows.add(UserRole.__table__, user_id=user, role=role.value, alliance_id=alliance_id)
        made.append(user)
    summary.users += count
    return made


def _kpr(rows: Rows, rng: random.Random, number: int, key: str, ags: str, day: date, network: Network) -> Row:
    slug = f"{PREFIX}{number:05d}"
    kind = TenantKind.city if rng.random() < 0.25 else TenantKind.municipality
    place = f"{rng.choice(FRONT)}{rng.choice(BACK)}"
    life = _lifecycle(rng, day)
    district, police = network.districts[key]
    tenant = rows.add(Tenant.__table__, slug=slug, name=f"{kind.label} {place} {number:05d}", kind=kind.value,
                      ags=ags, district=district, federal_state=network.federal_state, alliance_id=network.id,
                      population=rng.randint(1_500, 60_000) if kind == TenantKind.municipality
                      else rng.randint(8_000, 120_000), police_directorate=police, **life)
    for status in TenantStatus:
        if life[status.date_field]:
            rows.add(StatusChange.__table__, tenant_id=tenant, status=status.value,
                     effective_on=life[status.date_field], changed_by_id=None)
    return tenant


def _search(ids: dict[str, list[int]], counts: Counter) -> None:
    """The entries of the new objects, read by the search package's sources, written in bulk."""
    conn = db.session.connection()
    table = SearchEntry.__table__
    for kind, object_ids in ids.items():
        if not object_ids:
            continue
        with cross_tenant(REASON):
            found = list(SOURCES[kind].read(object_ids))
        if not found:
            continue
        params = [{"kind": kind, "object_id": f.object_id, "target_id": f.target_id or f.object_id,
                   "tenant_id": f.tenant_id, "title": f.title[:300], "text": f.text, "rule": f.rule,
                   "rule_alt": f.rule_alt, "open_to_all": f.open_to_all, "for_alliance": f.for_alliance,
                   "file_text": ""} for f in found]
        new_ids = allocate_ids(conn, table, len(params))
        for param, new_id in zip(params, new_ids, strict=True):
            param["id"] = new_id
        insert_rows(conn, table, params)
        # SQLite's FTS rows follow the entries (PostgreSQL computes its vector column itself)
        search_backend.write([SimpleNamespace(id=i, title=p["title"], text=p["text"], file_text="")
                              for i, p in zip(new_ids, params, strict=True)], [])
        counts[table.name] += len(params)


def add_scale(count: int, seed: int = 0, alliance: str | None = None) -> ScaleSummary:
    """Add `count` generated KPRs with their people and records, in the alliance `alliance` (its slug;
    None: the first); flushes, the caller commits."""
    started = time.perf_counter()
    summary = ScaleSummary()
    if count <= 0:
        return summary
    network = _network(alliance)
    rng = random.Random(f"{seed}:{count}:{_generated()}")
    day = today()
    password_hash = hash_password(DEMO_PASSWORD)  # once: hashing is slow on purpose
    rows = Rows(records.ORDER, records.WITH_IDS, {t.name for t in records.SEARCHED.values()})
    coaches = _staff(rows, GlobalRole.coach, "coach", math.ceil(count / KPRS_PER_COACH), password_hash, rng,
                     summary, network.id)
    contacts = _staff(rows, GlobalRole.state_contact, "kontakt", math.ceil(count / KPRS_PER_CONTACT),
                      password_hash, rng, summary, network.id)
    events = records.events(rows, rng, day, max(2, math.ceil(count / 40)), network.id)
    rows.write(summary.rows)
    recorder = db.session.scalar(sa.select(User.id).filter_by(email=f"land@{DEMO_DOMAIN}"))
    keys = sorted(network.districts)
    allocate = _ags_allocator(keys)
    first = _generated() + 1
    seats: Counter = Counter()
    for start in range(first, first + count, BATCH):
        kprs = []
        for number in range(start, min(start + BATCH, first + count)):
            key = keys[(number - 1) % len(keys)]
            tenant = _kpr(rows, rng, number, key, allocate(key), day, network)
            people = records.people(rows, rng, tenant, password_hash)
            summary.users += len(people)
            coach, contact = coaches[(number - first) % len(coaches)], contacts[(number - first) % len(contacts)]
            starts = tenant["agreement_signed_on"] or tenant["contacted_on"]
            for user, role in people:
                rows.add(Membership.__table__, tenant_id=tenant, user_id=user, role=role.value)
            for user, kind in ((coach, "coach"), (contact, "contact")):
                rows.add(Assignment.__table__, tenant_id=tenant, user_id=user, kind=kind, starts_on=starts,
                         ends_on=None)
            kprs.append((tenant, people, coach))
        rows.write(summary.rows)  # tenants and users first: their ids are in every later row
        for tenant, people, coach in kprs:
            records.workspace(rows, rng, day, tenant, people, coach, recorder)
            records.registrations(rows, rng, day, tenant, people, events, seats)
        rows.write(summary.rows)
        search_ids = {kind: rows.take(table) for kind, table in records.SEARCHED.items()}
        search_ids["kpr"] = [tenant.id for tenant, _, _ in kprs]
        _search(search_ids, summary.rows)
        if summary.kprs == 0:
            summary.first_slug = kprs[0][0]["slug"]
        summary.kprs += len(kprs)
        summary.last_slug = kprs[-1][0]["slug"]
    records.fill_seats(events, seats)
    _search({"event": [e.event.id for e in events]}, summary.rows)
    db.session.flush()
    summary.seconds = time.perf_counter() - started
    return summary

