"""Settings are validated at start, with German messages naming every bad value."""

from __future__ import annotations

import pytest

from config import ConfigError, load_settings


def test_defaults_need_no_services(tmp_path):
    settings = load_settings({}, instance_path=str(tmp_path))
    assert settings.database_url == f"sqlite:///{tmp_path / 'asskomm.sqlite'}"
    assert settings.broker_url == "filesystem://"
    assert settings.celery_config()["result_backend"].startswith("file://")
    assert settings.session_cookie_secure is True and settings.demo_mode is False


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path):
    first = load_settings({}, instance_path=str(tmp_path)).secret_key
    second = load_settings({}, instance_path=str(tmp_path)).secret_key
    assert first == second and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_services_when_configured(tmp_path):
    settings = load_settings({"DATABASE_URL": "postgres://u:p@db/asskomm", "REDIS_URL": "redis://cache:6379/0"},
                             instance_path=str(tmp_path))
    assert settings.database_url == "postgresql+psycopg://u:p@db/asskomm"
    assert settings.celery_config()["broker_url"] == "redis://cache:6379/0"
    assert settings.flask_config()["RATELIMIT_STORAGE_URI"] == "redis://cache:6379/0"


def test_every_bad_value_is_named(tmp_path):
    with pytest.raises(ConfigError) as error:
        load_settings({"DATABASE_URL": "mysql://x", "SMTP_PORT": "abc", "DEMO_MODE": "vielleicht",
                       "REDIS_URL": "http://x", "PASSWORD_RESET_MAX_AGE": "5"}, instance_path=str(tmp_path))
    message = str(error.value)
    for expected in ("DATABASE_URL muss", "SMTP_PORT muss eine ganze Zahl", "DEMO_MODE muss ja/nein",
                     "REDIS_URL muss", "PASSWORD_RESET_MAX_AGE muss zwischen"):
        assert expected in message


def test_public_dict_hides_secrets(tmp_path):
    settings = load_settings({"SECRET_KEY": "geheim", "SMTP_PASSWORD": "pw"}, instance_path=str(tmp_path))
    public = settings.public_dict()
    assert public["secret_key"] == "***" and public["smtp_password"] == "***"


def test_audit_retention_has_a_default_and_refuses_values_that_would_wipe_the_trail(tmp_path):
    assert load_settings({}, instance_path=str(tmp_path)).audit_retention_days == 730
    assert load_settings({"AUDIT_RETENTION_DAYS": "365"}, instance_path=str(tmp_path)).audit_retention_days == 365
    for raw, expected in (("7", "AUDIT_RETENTION_DAYS muss zwischen 30 und 3650 liegen"),
                          ("zwei Jahre", "AUDIT_RETENTION_DAYS muss eine ganze Zahl sein")):
        with pytest.raises(ConfigError, match=expected):
            load_settings({"AUDIT_RETENTION_DAYS": raw}, instance_path=str(tmp_path))
