"""Provisioning commands: `flask tenants list`, `flask tenants create`."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from .db import db
from .districts import BY_NAME, LAENDER, SAXONY, PlaceError, resolve_district
from .models import Tenant, TenantKind, TenantStatus, compose_name, name_conflict

tenants_cli = AppGroup("tenants", help="KPR (Mandanten) anlegen und auflisten.")


@tenants_cli.command("list")
def list_tenants() -> None:
    for tenant in db.session.scalars(sa.select(Tenant).order_by(Tenant.slug)):
        archived = " (archiviert)" if tenant.archived else ""
        click.echo(f"{tenant.slug:24} {tenant.ags} {tenant.status.value:18} {tenant.official_name}{archived}")


@tenants_cli.command("create")
@click.option("--slug", required=True)
@click.option("--name", required=True)
@click.option("--kind", type=click.Choice([k.value for k in TenantKind]), default="city")
@click.option("--ags", required=True)
@click.option("--district", required=True,
              help="In Sachsen der Schlüssel (14524) oder amtliche Name des Landkreises, sonst sein Name.")
@click.option("--federal-state", type=click.Choice(sorted(LAENDER.values())), default=SAXONY)
@click.option("--status", type=click.Choice([s.value for s in TenantStatus]), default="contacted")
def create_tenant(slug: str, name: str, kind: str, ags: str, district: str, federal_state: str, status: str) -> None:
    if not (len(ags) == 8 and ags.isdigit()):
        raise click.BadParameter("Der AGS besteht aus genau 8 Ziffern.", param_hint="--ags")
    if conflict := name_conflict(TenantKind(kind), name):
        raise click.BadParameter(conflict, param_hint="--name")
    saxon = federal_state == SAXONY
    key = (BY_NAME[district].key if district in BY_NAME else district) if saxon else ""
    try:
        district = resolve_district(ags, federal_state, key, "" if saxon else district)
    except PlaceError as error:
        hint = {"ags": "--ags", "federal_state": "--federal-state"}.get(error.field, "--district")
        raise click.BadParameter(error.message, param_hint=hint) from None
    if db.session.scalar(sa.select(Tenant).where(sa.or_(Tenant.slug == slug, Tenant.ags == ags))):
        raise click.ClickException(f"Kurzname {slug} oder AGS {ags} ist bereits vergeben.")
    db.session.add(Tenant(slug=slug, name=compose_name(TenantKind(kind), name), kind=TenantKind(kind), ags=ags,
                          district=district, federal_state=federal_state, status=TenantStatus(status)))
    db.session.commit()
    click.echo(f"KPR {slug} angelegt.")
