"""argon2id hashing; cheap parameters only in the test suite."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import CHEAPEST, RFC_9106_LOW_MEMORY
from flask import current_app

from config import DEMO_PASSWORD

from ..errors import DomainError

MIN_LENGTH = 12


def _hasher() -> PasswordHasher:
    testing = current_app.config["SETTINGS"].testing
    return PasswordHasher.from_parameters(CHEAPEST if testing else RFC_9106_LOW_MEMORY)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


_DUMMY_HASHES: dict[bool, str] = {}


def _dummy_hash(testing: bool) -> str:
    """A hash of a random secret with the parameters in use, made once per process."""
    if testing not in _DUMMY_HASHES:
        _DUMMY_HASHES[testing] = _hasher().hash(secrets.token_urlsafe(16))
    return _DUMMY_HASHES[testing]


def verify_password(password_hash: str | None, password: str) -> bool:
    """Without a hash (an unknown, inactive or invited account) the password is checked against
    a dummy hash all the same, so that the answer takes as long as for a real account."""
    hasher = _hasher()
    try:
        matches = hasher.verify(password_hash or _dummy_hash(current_app.config["SETTINGS"].testing), password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and bool(password_hash)


def demo_password_refused(password: str) -> bool:
    """The published demo password works only while the platform runs in demo mode."""
    return password == DEMO_PASSWORD and not current_app.config["SETTINGS"].demo_mode


def check_new_password(password: str, email: str) -> None:
    if len(password) < MIN_LENGTH:
        raise DomainError(f"Das Passwort muss mindestens {MIN_LENGTH} Zeichen lang sein.", "password")
    if password.lower() == email.lower():
        raise DomainError("Das Passwort darf nicht Ihre E-Mail-Adresse sein.", "password")
    if demo_password_refused(password):
        raise DomainError("Das Demo-Passwort ist außerhalb des Demo-Modus nicht zulässig.", "password")
