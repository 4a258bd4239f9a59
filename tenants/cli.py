"""Provisioning commands: `flask tenants list`, `flask tenants create`."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from .db import db
from .models import Tenant, TenantKind, TenantStatus

tenants_cli = AppGroup("tenants", help="KPR (Mandanten) anlegen und auflisten.")


@tenants_cli.command("list")
def list_tenants() -> None:
    for tenant in db.session.scalars(sa.select(Tenant).order_by(Tenant.slug)):
        click.echo(f"{tenant.slug:24} {tenant.ags} {tenant.status.value:18} {tenant.name}")


@tenants_cli.command("create")
@click.option("--slug", required=True)
@click.option("--name", required=True)
@click.option("--kind", type=click.Choice([k.value for k in TenantKind]), default="city")
@click.option("--ags", required=True)
@click.option("--district", required=True)
@click.option("--status", type=click.Choice([s.value for s in TenantStatus]), default="contacted")
def create_tenant(slug: str, name: str, kind: str, ags: str, district: str, status: str) -> None:
    if not (len(ags) == 8 and ags.isdigit()):
        raise click.BadParameter("Der AGS besteht aus genau 8 Ziffern.", param_hint="--ags")
    if db.session.scalar(sa.select(Tenant).where(sa.or_(Tenant.slug == slug, Tenant.ags == ags))):
        raise click.ClickException(f"Kurzname {slug} oder AGS {ags} ist bereits vergeben.")
    db.session.add(Tenant(slug=slug, name=name, kind=TenantKind(kind), ags=ags, district=district,
                          status=TenantStatus(status)))
    db.session.commit()
    click.echo(f"KPR {slug} angelegt.")
