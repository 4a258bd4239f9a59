"""argon2id hashing; cheap parameters only in the test suite."""

from __future__ import annotations

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


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


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
