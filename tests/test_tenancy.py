"""The scoping layer: every hole DESIGN.md names is closed, and each closure can fail."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import Membership, MembershipRole
from tenants import NoTenantError, TenantError, cross_tenant, tenant_context

from .helpers import tenant, user


@pytest.fixture
def two(ctx):
    with ctx():
        return tenant("zwickau").id, tenant("zittau").id


def test_select_sees_only_the_current_tenant(ctx, two):
    zwickau, zittau = two
    with ctx() as session, tenant_context(zwickau):
        rows = session.scalars(sa.select(Membership)).all()
        assert rows and {m.tenant_id for m in rows} == {zwickau}
        # An explicit filter on the other tenant cannot widen the scope.
        assert session.scalars(sa.select(Membership).where(Membership.tenant_id == zittau)).all() == []


def test_no_tenant_raises_instead_of_returning_all_rows(ctx):
    with ctx() as session, pytest.raises(NoTenantError):
        session.scalars(sa.select(Membership)).all()


def test_identity_map_does_not_leak_objects_of_another_tenant(ctx, two):
    zwickau, zittau = two
    with ctx() as session:
        with tenant_context(zittau):
            foreign = session.scalars(sa.select(Membership)).first()
        # The object now sits in the identity map; get() would return it without any SQL.
        assert foreign in session
        with tenant_context(zwickau):
            assert session.get(Membership, foreign.id) is None
        with tenant_context(zittau):
            assert session.get(Membership, foreign.id) is foreign


def test_bulk_update_and_delete_are_scoped(ctx, two):
    zwickau, zittau = two
    with ctx() as session:
        with tenant_context(zwickau):
            updated = session.execute(sa.update(Membership).values(role=MembershipRole.coordinator)).rowcount
            deleted = session.execute(sa.delete(Membership).where(Membership.role == MembershipRole.coordinator))
            assert deleted.rowcount == updated > 0
        with tenant_context(zittau):
            roles = session.scalars(sa.select(Membership.role)).all()
            assert MembershipRole.member in roles  # untouched by Zwickau's bulk statements


def test_relationship_loads_are_scoped(ctx, two):
    zwickau, zittau = two
    with ctx() as session:
        admin = user("land")
        with tenant_context(zittau):
            session.add(Membership(user=admin, role=MembershipRole.member))
            session.flush()
        with tenant_context(zwickau):
            session.add(Membership(user=admin, role=MembershipRole.member))
            session.flush()
        session.expire(admin, ["memberships"])
        with tenant_context(zwickau):
            assert [m.tenant_id for m in admin.memberships] == [zwickau]
        session.expire(admin, ["memberships"])
        with pytest.raises(NoTenantError):
            _ = admin.memberships


def test_insert_is_stamped_and_foreign_writes_fail(ctx, two):
    zwickau, zittau = two
    with ctx() as session:
        member = user("mitglied.meissen")
        with tenant_context(zwickau):
            row = Membership(user=member, role=MembershipRole.member)
            session.add(row)
            session.flush()
            assert row.tenant_id == zwickau
            session.add(Membership(user=user("land"), role=MembershipRole.member, tenant_id=zittau))
            with pytest.raises(TenantError):
                session.flush()
        session.rollback()
        with tenant_context(zittau):
            foreign = session.scalars(sa.select(Membership)).first()
        with tenant_context(zwickau):
            foreign.role = MembershipRole.coordinator
            with pytest.raises(TenantError):
                session.flush()
        session.rollback()


def test_moving_a_row_to_another_tenant_fails(ctx, two):
    zwickau, zittau = two
    with ctx() as session, tenant_context(zwickau):
        row = session.scalars(sa.select(Membership)).first()
        row.tenant_id = zittau
        with pytest.raises(TenantError):
            session.flush()
        session.rollback()


def test_cross_tenant_reading_is_named_logged_and_read_only(ctx, two, caplog):
    with ctx() as session:
        with caplog.at_level(logging.INFO, logger="tenants.cross_tenant"), cross_tenant("test: count all"):
            tenants_seen = {m.tenant_id for m in session.scalars(sa.select(Membership))}
            assert set(two) <= tenants_seen
            with pytest.raises(TenantError):
                session.execute(sa.delete(Membership))
        assert "cross-tenant read: test: count all" in caplog.text
        with pytest.raises(ValueError), cross_tenant(""):
            pass
