"""Personal access tokens: created on the command line (shown once, stored hashed), listed, revoked."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from asskomm.accounts.api_tokens import ApiToken, authenticate, create_token
from asskomm.audit.models import AuditEntry
from asskomm.errors import DomainError

from .helpers import user


def test_the_command_prints_the_token_alone_on_its_last_line_and_stores_only_its_hash(fresh, ctx):
    runner = fresh.test_cli_runner()
    result = runner.invoke(args=["api", "token", "create", "koordination.zwickau@demo.asskomm.de",
                                 "--scope", "read", "--name", "Website"])
    assert result.exit_code == 0, result.output
    raw = result.output.strip().splitlines()[-1]
    assert raw.startswith("askt_") and " " not in raw and len(raw) > 40
    with ctx() as session:
        token = session.scalar(sa.select(ApiToken).filter_by(name="Website"))
        assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest() and raw not in token.token_hash
        assert token.hint == raw[-4:] and token.scope.value == "read"
        assert authenticate(raw).id == token.id and authenticate(raw + "x") is None
        entry = session.scalar(sa.select(AuditEntry).filter_by(object_type="api_token", object_id=str(token.id)))
        assert entry is not None and raw not in str(entry.changes) and token.token_hash not in str(entry.changes)
        token_id = token.id
    listed = runner.invoke(args=["api", "token", "list", "koordination.zwickau@demo.asskomm.de"])
    assert f"{token_id}\tWebsite\t…{raw[-4:]}\tread\tgültig" in listed.output
    revoked = runner.invoke(args=["api", "token", "revoke", "koordination.zwickau@demo.asskomm.de", str(token_id)])
    assert revoked.exit_code == 0 and "widerrufen" in revoked.output
    with ctx():
        assert authenticate(raw) is None


def test_bad_input_is_refused_in_german_and_changes_nothing(fresh, ctx):
    runner = fresh.test_cli_runner()
    unknown = runner.invoke(args=["api", "token", "create", "niemand@example.org", "--scope", "read"])
    assert unknown.exit_code != 0 and "Kein Konto" in unknown.output
    too_long = runner.invoke(args=["api", "token", "create", "land@demo.asskomm.de", "--scope", "write",
                                   "--days", "1000"])
    assert too_long.exit_code != 0 and "höchstens 366 Tage" in too_long.output
    foreign = runner.invoke(args=["api", "token", "revoke", "land@demo.asskomm.de", "999999"])
    assert foreign.exit_code != 0
    with ctx() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0
        try:
            create_token(user("land"), "admin", "x")
        except DomainError as error:
            assert "read" in str(error)
        else:
            raise AssertionError("an unknown scope was accepted")


def test_an_expired_token_or_an_inactive_person_does_not_authenticate(ctx):
    with ctx() as session:
        person = user("mitglied.zittau")
        token, raw = create_token(person, "read", "Test", days=1)
        token.expires_at = token.created_at
        assert authenticate(raw) is None
        token2, raw2 = create_token(person, "read", "Test 2")
        assert authenticate(raw2) is not None
        person.active = False
        session.flush()
        assert authenticate(raw2) is None
