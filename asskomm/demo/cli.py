"""`flask --app asskomm demo load`: the demo KPRs and logins (demo mode only)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from config import DEMO_PASSWORD
from tenants import db

from .loader import demo_logins, load_demo
from .scale import add_scale

demo_cli = AppGroup("demo", help="Demodaten laden.")


@demo_cli.command("load")
def load() -> None:
    if not current_app.config["SETTINGS"].demo_mode:
        raise click.ClickException("Demodaten nur im Demo-Modus (DEMO_MODE=1): das Demo-Passwort ist öffentlich.")
    counts = load_demo()
    db.session.commit()
    click.echo(f"Demodaten geladen: {counts['tenants']} KPR, {counts['users']} Konten.")


@demo_cli.command("scale")
@click.argument("count", type=click.IntRange(min=1))
@click.option("--seed", type=int, default=0, show_default=True, help="Startwert des Zufallsgenerators.")
@click.option("--allianz", "alliance", default=None, help="Kurzname der Allianz (sonst die erste).")
def scale(count: int, seed: int, alliance: str | None) -> None:
    """COUNT erzeugte KPR mit Personen und Vorgängen hinzufügen (für Lasttests)."""
    if not current_app.config["SETTINGS"].demo_mode:
        raise click.ClickException("Erzeugte Daten nur im Demo-Modus (DEMO_MODE=1): das Demo-Passwort ist öffentlich.")
    try:
        summary = add_scale(count, seed, alliance)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    for line in summary.lines():
        click.echo(line)


@demo_cli.command("logins")
def logins() -> None:
    click.echo(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):")
    for email, label in demo_logins():
        click.echo(f"  {email:45} {label}")
