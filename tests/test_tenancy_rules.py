"""Tenancy in one place: every table with a tenant id is scoped by the mixin or stands on the
written allowlist; reading a known set of KPRs and switching KPR inside a request are named,
logged helpers that scope automatically."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import Membership, MembershipRole
from asskomm.coaching.models import NextStep
from tenants import TenantError, db, switch_tenant, tenant_context, within_tenants
from tenants.allowlist import NOT_SCOPED
from tenants.scoping import is_scoped

from .helpers import tenant


def test_every_table_with_a_tenant_id_is_scoped_or_on_the_allowlist(app):
    unlisted, stale = [], set(NOT_SCOPED)
    for mapper in db.Model.registry.mappers:
        table = mapper.local_table
        names_a_tenant = any(fk.column.table.name == "tenant" for column in table.columns
                             for fk in column.foreign_keys) or "tenant_id" in table.columns
        if table.name == "tenant" or not names_a_tenant:
            continue
        stale.discard(table.name)
        if not is_scoped(mapper) and table.name not in NOT_SCOPED:
            unlisted.append(table.name)
    assert unlisted == [], "tables with a tenant id neither scoped nor allowlisted"
    assert stale == set(), "allowlist entries for tables that no longer carry a tenant id"
    assert all(len(reason) > 30 for reason in NOT_SCOPED.values())


@pytest.fixture
def three(ctx):
    with ctx():
        return tenant("zwickau").id, tenant("zittau").id, tenant("meissen").id


def test_within_tenants_reads_exactly_the_named_set(ctx, three, caplog):
    zwickau, zittau, meissen = three
    with ctx() as session:
        with caplog.at_level(logging.INFO, "tenants.cross_tenant"), \
                within_tenants([zwickau, zittau], "coach caseload of a test") as ids:
            seen = set(session.scalars(sa.select(Membership.tenant_id)))
            # An explicit filter cannot widen the set.
            assert session.scalars(sa.select(Membership).where(Membership.tenant_id == meissen)).all() == []
        assert ids == {zwickau, zittau}
        assert seen == {zwickau, zittau}
        assert "read of 2 tenant(s): coach caseload of a test" in caplog.text


def test_within_tenants_refuses_writes(ctx, three):
    zwickau, zittau, _ = three
    with ctx() as session, within_tenants([zwickau, zittau], "a test that tries to write"):
        with pytest.raises(TenantError):
            session.execute(sa.update(NextStep).values(title="x"))
        membership = session.scalars(sa.select(Membership)).first()
        membership.role = MembershipRole.coordinator
        with pytest.raises(TenantError):
            session.flush()
        session.rollback()


def test_within_tenants_and_switch_tenant_need_a_reason(ctx, three):
    zwickau, *_ = three
    with pytest.raises(ValueError), within_tenants([zwickau], " "):
        pass
    with pytest.raises(ValueError), switch_tenant(zwickau, ""):
        pass


def test_switch_tenant_is_logged_and_restores_the_request_tenant(ctx, three, caplog):
    zwickau, zittau, _ = three
    with ctx() as session, tenant_context(zwickau):
        with caplog.at_level(logging.INFO, "tenants.cross_tenant"), switch_tenant(zittau, "a test switch"):
            assert set(session.scalars(sa.select(Membership.tenant_id))) == {zittau}
        assert set(session.scalars(sa.select(Membership.tenant_id))) == {zwickau}
    assert f"switch to tenant {zittau}: a test switch" in caplog.text


def test_a_coach_page_reads_only_the_coachs_kprs(client_as, caplog):
    with caplog.at_level(logging.INFO, "tenants.cross_tenant"):
        assert client_as("coach1").get("/coach/").status_code == 200
    assert "coach caseload: consultations and next steps of the assigned KPRs" in caplog.text
    assert "cross-tenant read: coach caseload" not in caplog.text
