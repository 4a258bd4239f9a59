"""`flask --app asskomm api token create|list|revoke`: personal access tokens from the command line."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from tenants import db

from ..errors import DomainError
from ..timeutil import format_date
from .api_tokens import TokenScope, create_token, revoke, token_of, tokens_of
from .models import User

api_cli = AppGroup("api", help="Die JSON-Schnittstelle (/api/v1/).")
token_cli = AppGroup("token", help="Persönliche Zugangstoken.")
api_cli.add_command(token_cli)


def _user(email: str) -> User:
    user = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"Kein Konto mit der Adresse {email}.")
    return user


@token_cli.command("create")
@click.argument("email")
@click.option("--scope", type=click.Choice([s.value for s in TokenScope]), required=True,
              help="read: nur lesen; write: lesen und ändern.")
@click.option("--name", default="Kommandozeile", show_default=True, help="Woran Sie das Token wiedererkennen.")
@click.option("--days", type=int, default=90, show_default=True, help="Gültigkeit in Tagen.")
def create(email: str, scope: str, name: str, days: int) -> None:
    """Ein Token für das Konto EMAIL erzeugen; es steht allein in der letzten Zeile."""
    user = _user(email)
    try:
        token, raw = create_token(user, scope, name, days)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Token »{token.name}« für {user.email} ({token.scope.label}), gültig bis "
               f"{format_date(token.expires_at)}. Es wird nur jetzt angezeigt:")
    click.echo(raw)


@token_cli.command("list")
@click.argument("email")
def list_tokens(email: str) -> None:
    """Die Token des Kontos EMAIL."""
    for token in tokens_of(_user(email)):
        state = "widerrufen" if token.revoked_at else ("gültig" if token.active else "abgelaufen")
        click.echo(f"{token.id}\t{token.name}\t…{token.hint}\t{token.scope.value}\t{state}")


@token_cli.command("revoke")
@click.argument("email")
@click.argument("token_id", type=int)
def revoke_token(email: str, token_id: int) -> None:
    """Das Token TOKEN_ID des Kontos EMAIL widerrufen (sofort und endgültig)."""
    token = token_of(_user(email), token_id)
    if token is None:
        raise click.ClickException(f"Das Konto {email} hat kein Token {token_id}.")
    revoke(token)
    db.session.commit()
    click.echo(f"Token »{token.name}« widerrufen.")
