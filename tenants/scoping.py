"""Automatic tenant scoping of every model that uses `TenantScoped`.

- ORM SELECT, UPDATE and DELETE get `tenant_id = current` through `with_loader_criteria`
  (relationship and column loads included: no `is_select` guard, unlike the documented recipe).
  The option is not propagated to later lazy loads: each load is scoped by the tenant current
  when it runs, not by the one current when its parent object was loaded.
- `Session.get()` re-checks objects served from the identity map, which emit no SQL.
- Flushing stamps new rows with the current tenant and refuses writing another tenant's row.
- No tenant set raises; `cross_tenant()` reads everything, `within_tenants()` exactly a named set;
  neither may write tenant rows.
- Inside an alliance (the request's, from its host name) every query sees only that alliance's
  KPRs, and a cross-tenant read only their rows: one state's network never reads another's.
Core statements, `text()` and `session.connection()` bypass all of this and are not used on
tenant tables outside the aggregation jobs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapped, ORMExecuteState, declared_attr, mapped_column, with_loader_criteria

from .context import (
    NoTenantError,
    TenantError,
    cross_tenant_reason,
    current_tenant_set,
    maybe_alliance_id,
    maybe_tenant_id,
)


def utcnow() -> datetime:
    return datetime.now(UTC)


class TenantScoped:
    """Mixin for tenant-owned tables: tenant_id NOT NULL, indexed, scoped automatically."""

    @declared_attr
    def tenant_id(cls) -> Mapped[int]:  # noqa: N805 - SQLAlchemy declared_attr
        return mapped_column(sa.ForeignKey("tenant.id", ondelete="CASCADE"), nullable=False, index=True)

    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)


def is_scoped(mapper_or_class) -> bool:
    cls = getattr(mapper_or_class, "class_", mapper_or_class)
    return isinstance(cls, type) and issubclass(cls, TenantScoped)


def scoped_models(registry) -> list[type]:
    """Every mapped tenant-owned class, for the aggregation jobs and the tests."""
    return sorted((m.class_ for m in registry.mappers if is_scoped(m)), key=lambda c: c.__name__)


def _visible(tenant_id: int) -> bool:
    if cross_tenant_reason():
        return True
    tenant_set = current_tenant_set()
    if tenant_set is not None:
        return tenant_id in tenant_set
    current = maybe_tenant_id()
    if current is None:
        raise NoTenantError("Kein Mandant gesetzt: Zugriff auf mandantenbezogene Daten verweigert.")
    return tenant_id == current


class TenantSession(FlaskSession):
    """Closes the identity-map hole: `get()` may return a cached object without any SQL."""

    def get(self, entity, ident, **kwargs):
        obj = super().get(entity, ident, **kwargs)
        if obj is not None and isinstance(obj, TenantScoped) and not _visible(obj.tenant_id):
            return None
        alliance_id = maybe_alliance_id()
        if alliance_id is not None and getattr(obj, "__tablename__", None) == "tenant" \
                and obj.alliance_id != alliance_id:
            return None  # a KPR of another alliance, served from the identity map
        return obj

    def get_one(self, entity, ident, **kwargs):
        obj = self.get(entity, ident, **kwargs)
        if obj is None:
            raise sa.exc.NoResultFound("No row was found when one was required")
        return obj


# Classes with an alliance_id whose rows only their alliance sees (the KPRs, the state roles).
_ALLIANCE_SCOPED: list[type] = []
# Class -> (column, value): its rows with that value are seen from every alliance (the operator's role).
_EVERYWHERE: dict[type, tuple[str, str]] = {}


def alliance_scoped(cls: type | None = None, *, everywhere: tuple[str, str] | None = None) -> Any:
    """Class decorator: inside an alliance, every query sees only this alliance's rows, and those
    whose column `everywhere[0]` holds `everywhere[1]` (`@alliance_scoped(everywhere=(...))`)."""

    def register(cls: type) -> type:
        _ALLIANCE_SCOPED.append(cls)
        if everywhere is not None:
            _EVERYWHERE[cls] = everywhere
        return cls

    return register if cls is None else register(cls)


def _alliance_criteria(cls: type, alliance_id: int):
    if cls not in _EVERYWHERE:
        return with_loader_criteria(cls, lambda c: c.alliance_id == alliance_id, include_aliases=True,
                                    propagate_to_loaders=False)
    column, value = _EVERYWHERE[cls]
    # A plain expression, not a lambda: it names one class, and its value is a bound parameter.
    return with_loader_criteria(cls, sa.or_(cls.alliance_id == alliance_id, getattr(cls, column) == value),
                                include_aliases=True, propagate_to_loaders=False)


def _within_alliance(state: ORMExecuteState, cross_reads: bool) -> None:
    """Only the current alliance's KPRs (and other alliance-scoped rows); in a cross-tenant read
    only their KPRs' rows too."""
    alliance_id = maybe_alliance_id()
    if alliance_id is None:
        return
    options = [_alliance_criteria(cls, alliance_id) for cls in _ALLIANCE_SCOPED]
    if cross_reads:
        tenant = next(cls for cls in _ALLIANCE_SCOPED if cls.__tablename__ == "tenant")  # no import: models needs us
        members = sa.select(tenant.id).where(tenant.alliance_id == alliance_id).scalar_subquery()
        options.append(with_loader_criteria(TenantScoped, lambda cls: cls.tenant_id.in_(members),
                                            include_aliases=True, propagate_to_loaders=False))
    state.statement = state.statement.options(*options)


@event.listens_for(TenantSession, "do_orm_execute")
def _scope_statement(state: ORMExecuteState) -> None:
    _within_alliance(state, cross_reads=bool(cross_tenant_reason()))
    involved = any(is_scoped(m) for m in state.all_mappers)
    if cross_tenant_reason():
        if involved and (state.is_update or state.is_delete or state.is_insert):
            raise TenantError("Im mandantenübergreifenden Lesekontext sind Schreibzugriffe verboten.")
        return
    tenant_set = current_tenant_set()
    if tenant_set is not None:
        if involved and (state.is_update or state.is_delete or state.is_insert):
            raise TenantError("Beim Lesen mehrerer Mandanten sind Schreibzugriffe verboten.")
        ids = tuple(sorted(tenant_set))
        state.statement = state.statement.options(with_loader_criteria(
            TenantScoped, lambda cls: cls.tenant_id.in_(ids), include_aliases=True, propagate_to_loaders=False
        ))
        return
    tenant_id = maybe_tenant_id()
    if tenant_id is None:
        if involved:
            raise NoTenantError("Kein Mandant gesetzt: Zugriff auf mandantenbezogene Daten verweigert.")
        # Scoped classes reached only through joins or loader options: no rows, never all rows.
        criteria = with_loader_criteria(
            TenantScoped, lambda cls: sa.false(), include_aliases=True, propagate_to_loaders=False
        )
    else:
        if involved and state.is_insert:
            raise TenantError("Mandantenbezogene Zeilen werden über session.add() angelegt.")
        criteria = with_loader_criteria(
            TenantScoped, lambda cls: cls.tenant_id == tenant_id, include_aliases=True, propagate_to_loaders=False
        )
    state.statement = state.statement.options(criteria)


@event.listens_for(TenantSession, "before_flush")
def _guard_writes(session, flush_context, instances) -> None:
    for obj in session.new:
        if isinstance(obj, TenantScoped):
            _stamp_new(obj)
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, TenantScoped):
            _check_existing(obj)


def _stamp_new(obj: TenantScoped) -> None:
    if cross_tenant_reason() or current_tenant_set() is not None:
        raise TenantError("Im mandantenübergreifenden Lesekontext sind Schreibzugriffe verboten.")
    current = maybe_tenant_id()
    if current is None:
        raise NoTenantError("Kein Mandant gesetzt: neue mandantenbezogene Zeile abgelehnt.")
    if obj.tenant_id is None:
        obj.tenant_id = current
    elif obj.tenant_id != current:
        raise TenantError(f"{type(obj).__name__} gehört zu einem anderen Mandanten.")


def _check_existing(obj: TenantScoped) -> None:
    if cross_tenant_reason() or current_tenant_set() is not None:
        raise TenantError("Im mandantenübergreifenden Lesekontext sind Schreibzugriffe verboten.")
    current = maybe_tenant_id()
    if current is None:
        raise NoTenantError("Kein Mandant gesetzt: Änderung abgelehnt.")
    history = inspect(obj).attrs.tenant_id.history
    original = history.deleted[0] if history.deleted else obj.tenant_id
    if original != current or obj.tenant_id != current:
        raise TenantError(f"{type(obj).__name__} eines anderen Mandanten darf nicht geändert werden.")
