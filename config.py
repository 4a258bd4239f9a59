"""Settings from the environment, validated once at start.

Every setting has an embedded default so that `make run` needs no services; production sets
DATABASE_URL, REDIS_URL, SMTP_HOST and friends. The README lists each one.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from limits import parse_many

DEMO_PASSWORD = "asskomm-demo"  # noqa: S105 - public by design, refused outside demo mode

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nein", ""}


class ConfigError(ValueError):
    """Raised with every problem found, so an operator fixes them in one go."""


ACCESSIBILITY_STATUSES = {
    "vollständig": "vollständig vereinbar",
    "teilweise": "teilweise vereinbar",
    "nicht": "nicht vereinbar",
}

# env variable -> embedded default: the Landespräventionsrat Sachsen as operator. Production sets
# at least the operator's contact and the data protection officer (README).
LEGAL_DEFAULTS_BY_ENV = {
    "OPERATOR_NAME": "Landespräventionsrat Sachsen",
    "OPERATOR_ADDRESS": "Geschäftsstelle im Sächsischen Staatsministerium des Innern, Wilhelm-Buck-Straße 2, "
                        "01097 Dresden",
    "OPERATOR_EMAIL": "kontakt@asskomm.sachsen.de",
    "OPERATOR_PHONE": "+49 351 564-30910",
    "OPERATOR_REPRESENTED_BY": "den Vorsitzenden des Landespräventionsrates Sachsen, den Sächsischen "
                               "Staatsminister des Innern",
    "PRIVACY_OFFICER": "Behördliche:r Datenschutzbeauftragte:r des Sächsischen Staatsministeriums des Innern, "
                       "Wilhelm-Buck-Straße 2, 01097 Dresden, datenschutz@smi.sachsen.de",
    "SUPERVISORY_AUTHORITY": "Die Sächsische Datenschutz- und Transparenzbeauftragte",
    "SUPERVISORY_AUTHORITY_ADDRESS": "Devrientstraße 5, 01067 Dresden, saechsdsb@slt.sachsen.de, "
                                     "https://www.datenschutz.sachsen.de",
    "PROCESSORS": "Staatsbetrieb Sächsische Informatik Dienste (SID), Dresden: Betrieb der Server und "
                  "Versand der E-Mails",
    "ACCESSIBILITY_ENFORCEMENT": "Durchsetzungsstelle beim Landesbeauftragten für Inklusion der Menschen mit "
                                 "Behinderungen, Sächsische Staatskanzlei, Archivstraße 1, 01097 Dresden, "
                                 "durchsetzungsstelle@sk.sachsen.de, https://www.durchsetzungsstelle.sachsen.de",
    "ACCESSIBILITY_STATUS": "teilweise",
    "ACCESSIBILITY_ASSESSED": "01.12.2026",
    "ACCESSIBILITY_GAPS": "Dokumente, die die Kommunalen Präventionsräte hochladen (etwa PDF-Dateien von "
                          "Niederschriften oder Geschäftsordnungen), sind oft nicht barrierefrei; die Plattform "
                          "prüft sie nicht.|Bilder, Texte und Überschriften, die die Präventionsräte auf ihren "
                          "öffentlichen Seiten veröffentlichen, sind nur so barrierefrei, wie sie eingegeben "
                          "werden (etwa Bilder ohne Textalternative).",
}
LEGAL_FIELDS = {key: key.lower() for key in LEGAL_DEFAULTS_BY_ENV}


@dataclass(frozen=True)
class LegalSettings:
    """What the Impressum, the privacy policy and the accessibility statement say about the operator."""

    operator_name: str
    operator_address: str
    operator_email: str
    operator_phone: str
    operator_represented_by: str
    privacy_officer: str
    supervisory_authority: str
    supervisory_authority_address: str
    processors: str
    accessibility_enforcement: str
    accessibility_status: str
    accessibility_assessed: date
    accessibility_gaps: tuple[str, ...]

    @property
    def accessibility_status_label(self) -> str:
        return ACCESSIBILITY_STATUSES[self.accessibility_status]


def _legal(env: Mapping[str, str], errors: list[str]) -> LegalSettings:
    values = {LEGAL_FIELDS[key]: " ".join((env.get(key) or "").split()) or default
              for key, default in LEGAL_DEFAULTS_BY_ENV.items()}
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", values["operator_email"]):
        errors.append(f"OPERATOR_EMAIL muss eine E-Mail-Adresse sein, nicht {values['operator_email']!r}.")
    if values["accessibility_status"] not in ACCESSIBILITY_STATUSES:
        errors.append("ACCESSIBILITY_STATUS muss vollständig, teilweise oder nicht sein, nicht "
                      f"{values['accessibility_status']!r}.")
        values["accessibility_status"] = "teilweise"
    try:
        day, month, year = (int(part) for part in values["accessibility_assessed"].split("."))
        values["accessibility_assessed"] = date(year, month, day)
    except ValueError:
        errors.append("ACCESSIBILITY_ASSESSED muss ein Datum im Format TT.MM.JJJJ sein, nicht "
                      f"{values['accessibility_assessed']!r}.")
        values["accessibility_assessed"] = date(2026, 12, 1)
    # Set but empty: no known gaps (with ACCESSIBILITY_STATUS=vollständig).
    gaps = env.get("ACCESSIBILITY_GAPS", LEGAL_DEFAULTS_BY_ENV["ACCESSIBILITY_GAPS"])
    values["accessibility_gaps"] = tuple(" ".join(g.split()) for g in gaps.split("|") if g.strip())
    return LegalSettings(**values)


@dataclass(frozen=True)
class Settings:
    instance_path: str
    secret_key: str
    database_url: str
    # "transaction" behind a pooler in transaction mode (pgbouncer pool_mode = transaction):
    # consecutive transactions of one connection may reach different server connections.
    database_pooler: str | None
    # The SQLAlchemy pool per process (PostgreSQL): connections kept open, and extra ones at peaks.
    database_pool_size: int
    database_max_overflow: int
    redis_url: str | None
    base_url: str
    demo_mode: bool
    testing: bool
    session_cookie_secure: bool
    proxy_count: int
    smtp_host: str | None
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None
    smtp_starttls: bool
    mail_from: str
    password_reset_max_age: int
    invitation_max_age: int
    # Failed sign-ins allowed per address and account, per account from any address (ASVS 2.2.1:
    # at most 100 an hour), per address for any accounts; counted across all web processes.
    # Calls of the JSON API per token (asskomm.api), in the limiter's store.
    api_rate_limit: str
    login_rate_limit: str
    login_account_rate_limit: str
    login_address_rate_limit: str
    # Citizen survey submissions (and code attempts) per client address; windows of at most an hour,
    # as the respondents' privacy page says.
    survey_rate_limit: str
    activity_snapshot_seconds: int
    upload_max_bytes: int
    event_reminder_days: tuple[int, ...]
    # How many minutes before a session begins its check-in opens (the doors open early).
    event_checkin_early_minutes: int
    # The yearly application period for municipal prevention funding, as (day, month), and how
    # many days before its start coordinators and state contacts are reminded.
    funding_window_start: tuple[int, int]
    funding_window_end: tuple[int, int]
    funding_reminder_days: int
    # How long audit entries are kept; the daily job audit.purge removes older ones.
    audit_retention_days: int
    # Retention of personal data (DSGVO Art. 5(1)(e)): registrations and attendance are anonymised
    # this many months after their event, mail bodies leave the outbox after this many days, and an
    # export of one's own data stays downloadable this many days.
    registration_retention_months: int
    outbox_body_retention_days: int
    data_export_days: int
    # After how many seconds a mail still "queued" (its task lost with the broker) or still
    # "sending" (its worker killed mid-send) is handed to the worker again by the outbox sweep.
    mail_stale_seconds: int
    log_level: str
    # Webhooks: retries after base x 2^(attempt-1) seconds up to max attempts; the POST's timeout; networks
    # (CIDRs) allowed although private or loopback; a CA bundle instead of requests' default CAs.
    webhook_retry_base_seconds: int
    webhook_max_attempts: int
    webhook_timeout_seconds: int
    webhook_allowed_networks: tuple[str, ...]
    webhook_ca_bundle: str | None
    # The operator named on the legal pages (Impressum, Datenschutz, Barrierefreiheit).
    legal: LegalSettings
    extra: dict = field(default_factory=dict)

    @property
    def upload_folder(self) -> Path:
        """Uploaded files, outside the web root, under generated names."""
        return Path(self.instance_path) / "uploads"

    @property
    def broker_url(self) -> str:
        return self.redis_url or "filesystem://"

    def celery_config(self) -> dict:
        """Celery settings: Redis when configured, else a folder queue that needs no server."""
        conf: dict = {
            "broker_url": self.broker_url,
            "task_serializer": "json",
            "result_serializer": "json",
            "accept_content": ["json"],
            "timezone": "Europe/Berlin",
            "enable_utc": True,
            "task_ignore_result": False,
            "worker_prefetch_multiplier": 1,
            "broker_connection_retry_on_startup": True,
            # A request must not hang when the broker is down: publish fails fast, the
            # outbox sweep delivers later.
            "broker_connection_timeout": 2,
            "task_publish_retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.2},
        }
        if self.redis_url:
            conf["result_backend"] = self.redis_url
            # A Redis host that does not answer at all must not hold a web thread for minutes.
            conf["redis_socket_connect_timeout"] = 2
            # Longer than any countdown we use, so a delayed task is never delivered twice.
            conf["broker_transport_options"] = {"visibility_timeout": 6 * 3600}
        else:
            queue = Path(self.instance_path) / "celery"
            for sub in ("queue", "processed", "results", "control"):
                (queue / sub).mkdir(parents=True, exist_ok=True)
            conf["broker_transport_options"] = {
                "data_folder_in": str(queue / "queue"),
                "data_folder_out": str(queue / "queue"),
                "processed_folder": str(queue / "processed"),
                "control_folder": str(queue / "control"),
                "store_processed": False,
                # The folder is polled: every 1 s (kombu's default) lets through only as many tasks
                # a second as the worker prefetches (2); a listing every 0.1 s costs next to nothing.
                "polling_interval": 0.1,
            }
            conf["result_backend"] = f"file://{queue / 'results'}"
            # Threads, not forked children: the folder transport cannot join Celery's event loop, so
            # a prefork pool would hand tasks to its children through one shared pipe under one lock,
            # and a child killed while it waits holds that lock for ever: the worker takes no task
            # again (tests/test_mail_faults.py). No worker setting releases it; threads have no
            # children to lose. With Redis the pool stays prefork (a pipe per child).
            conf["worker_pool"] = "threads"
        return conf

    def engine_options(self) -> dict:
        """SQLAlchemy engine options: a pool sized per process, and behind a transaction-mode pooler
        no server-side prepared statements (psycopg 3 prepares a query from its fifth run on one
        connection, but the next transaction may be served by another server connection, which
        does not know it)."""
        options: dict = {"pool_pre_ping": True}
        if self.database_url.startswith("postgresql"):
            options["pool_size"] = self.database_pool_size
            options["max_overflow"] = self.database_max_overflow
            if self.database_pooler == "transaction":
                options["connect_args"] = {"prepare_threshold": None}
        return options

    def flask_config(self) -> dict:
        conf = {
            "SECRET_KEY": self.secret_key,
            "SQLALCHEMY_DATABASE_URI": self.database_url,
            "SQLALCHEMY_ENGINE_OPTIONS": self.engine_options(),
            "TESTING": self.testing,
            "SESSION_COOKIE_SECURE": self.session_cookie_secure,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "REMEMBER_COOKIE_SECURE": self.session_cookie_secure,
            "WTF_CSRF_TIME_LIMIT": None,
            "BABEL_DEFAULT_LOCALE": "de",
            "BABEL_DEFAULT_TIMEZONE": "Europe/Berlin",
            # Redis when configured, else a file in the instance folder that every web process
            # of this machine shares (asskomm.extensions.SQLiteFileStorage).
            "RATELIMIT_STORAGE_URI": self.redis_url or f"sqlite-file://{self.instance_path}/ratelimits.sqlite",
            "RATELIMIT_HEADERS_ENABLED": False,
            # Redis down: keep limiting per process in memory rather than failing every login.
            "RATELIMIT_SWALLOW_ERRORS": True,
            "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
            # The form around an upload may add a little; the file itself is checked against
            # upload_max_bytes with a German message.
            "MAX_CONTENT_LENGTH": self.upload_max_bytes + 1024 * 1024,
            "SETTINGS": self,
        }
        conf.update(self.extra)
        return conf

    def public_dict(self) -> dict:
        """The settings without secrets, for logs and the admin view."""
        data = asdict(self)
        for key in ("secret_key", "smtp_password"):
            data[key] = "***" if data[key] else None
        return data


def _bool(env: Mapping[str, str], key: str, default: bool, errors: list[str]) -> bool:
    raw = env.get(key)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    errors.append(f"{key} muss ja/nein (1/0, true/false) sein, nicht {raw!r}.")
    return default


def _int(env: Mapping[str, str], key: str, default: int, low: int, high: int, errors: list[str]) -> int:
    raw = env.get(key)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        errors.append(f"{key} muss eine ganze Zahl sein, nicht {raw!r}.")
        return default
    if not low <= value <= high:
        errors.append(f"{key} muss zwischen {low} und {high} liegen, nicht {value}.")
    return value


def _networks(env: Mapping[str, str], key: str, errors: list[str]) -> tuple[str, ...]:
    import ipaddress

    raw = env.get(key, "")
    networks = tuple(part.strip() for part in raw.split(",") if part.strip())
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            errors.append(f"{key} muss eine kommagetrennte Liste von Netzen (CIDR) sein, nicht {network!r}.")
    return networks


def _days(env: Mapping[str, str], key: str, default: tuple[int, ...], errors: list[str]) -> tuple[int, ...]:
    raw = env.get(key)
    if raw is None or not raw.strip():
        return default
    try:
        days = tuple(sorted({int(part) for part in raw.split(",")}, reverse=True))
    except ValueError:
        errors.append(f"{key} muss eine Liste ganzer Tage sein, z. B. 7,1 – nicht {raw!r}.")
        return default
    if any(d < 1 or d > 90 for d in days):
        errors.append(f"{key}: jede Vorlaufzeit muss zwischen 1 und 90 Tagen liegen.")
    return days


_DAY_MONTH = re.compile(r"(\d{2})\.(\d{2})\.")


def _day_month(env: Mapping[str, str], key: str, default: str, errors: list[str]) -> tuple[int, int] | None:
    """A day of every year written "TT.MM." (31.08.); None after an error."""
    raw = (env.get(key) or "").strip() or default
    match = _DAY_MONTH.fullmatch(raw)
    if match is None:
        errors.append(f"{key} muss ein Tag im Format TT.MM. sein (z. B. 31.08.), nicht {raw!r}.")
        return None
    day, month = int(match[1]), int(match[2])
    try:
        date(2001, month, day)  # a year without 29 February: the day must exist every year
    except ValueError:
        errors.append(f"{key}: {raw} ist kein Datum, das es in jedem Jahr gibt.")
        return None
    return day, month


def _funding_window(env: Mapping[str, str], errors: list[str]) -> tuple[tuple[int, int], tuple[int, int]]:
    start = _day_month(env, "FUNDING_WINDOW_START", "31.08.", errors)
    end = _day_month(env, "FUNDING_WINDOW_END", "15.10.", errors)
    if start and end and (end[1], end[0]) < (start[1], start[0]):
        errors.append(f"FUNDING_WINDOW_END ({end[0]:02d}.{end[1]:02d}.) liegt vor FUNDING_WINDOW_START "
                      f"({start[0]:02d}.{start[1]:02d}.): das Antragsfenster muss in einem Kalenderjahr liegen.")
    return start or (31, 8), end or (15, 10)


def _rate_limit(env: Mapping[str, str], key: str, default: str, per_hour: int | None, errors: list[str]) -> str:
    """A limit like "5 per minute;30 per hour"; with `per_hour`, one of its parts must allow no more
    than that many in any hour."""
    raw = (env.get(key) or "").strip() or default
    try:
        items = parse_many(raw)
    except ValueError:
        errors.append(f"{key} muss eine Grenze wie „5 per minute;30 per hour“ sein, nicht {raw!r}.")
        return default
    if per_hour is not None and not any(
        item.amount * max(1, -(-3600 // item.get_expiry())) <= per_hour for item in items
    ):
        errors.append(f"{key} muss höchstens {per_hour} Fehlversuche je Stunde zulassen, nicht {raw!r}.")
    return raw


def _survey_rate_limit(env: Mapping[str, str], errors: list[str]) -> str:
    """A rate limit whose windows last an hour at most: the survey's privacy page promises that an
    address is counted no longer than that."""
    raw = _rate_limit(env, "SURVEY_RATE_LIMIT", "30 per minute;300 per hour", None, errors)
    if any(item.get_expiry() > 3600 for item in parse_many(raw)):
        errors.append(f"SURVEY_RATE_LIMIT darf nur Zeiträume bis zu einer Stunde nennen, nicht {raw!r}.")
    return raw


def _database_url(raw: str | None, instance: Path, errors: list[str]) -> str:
    if not raw:
        return f"sqlite:///{instance / 'asskomm.sqlite'}"
    if raw.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    if raw.startswith(("postgresql+psycopg://", "sqlite://")):
        return raw
    errors.append("DATABASE_URL muss mit postgresql:// oder sqlite:// beginnen.")
    return raw


def _database_pooler(env: Mapping[str, str], database_url: str, errors: list[str]) -> str | None:
    raw = (env.get("DATABASE_POOLER") or "").strip().lower()
    if not raw:
        return None
    if raw != "transaction":
        errors.append(f"DATABASE_POOLER muss leer oder „transaction“ sein, nicht {raw!r}.")
        return None
    if not database_url.startswith("postgresql"):
        errors.append("DATABASE_POOLER=transaction gilt nur für PostgreSQL (DATABASE_URL postgresql://…).")
    return raw


def _secret_key(raw: str | None, instance: Path) -> str:
    """Generated once into the instance folder, so restarts keep sessions valid."""
    if raw:
        return raw
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load_settings(env: Mapping[str, str] | None = None, instance_path: str | None = None) -> Settings:
    """Read and validate the settings; raise ConfigError naming every bad value."""
    env = os.environ if env is None else env
    errors: list[str] = []
    instance = Path(env.get("INSTANCE_PATH") or instance_path or Path.cwd() / "instance").resolve()
    instance.mkdir(parents=True, exist_ok=True)

    redis_url = env.get("REDIS_URL") or None
    if redis_url and not redis_url.startswith(("redis://", "rediss://")):
        errors.append("REDIS_URL muss mit redis:// oder rediss:// beginnen.")
    base_url = (env.get("BASE_URL") or f"http://127.0.0.1:{env.get('PORT', '5000')}").rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        errors.append("BASE_URL muss mit http:// oder https:// beginnen.")
    testing = _bool(env, "TESTING", False, errors)
    demo_mode = _bool(env, "DEMO_MODE", False, errors)
    log_level = env.get("LOG_LEVEL", "INFO").upper()
    if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        errors.append("LOG_LEVEL muss DEBUG, INFO, WARNING oder ERROR sein.")

    funding_window = _funding_window(env, errors)
    database_url = _database_url(env.get("DATABASE_URL"), instance, errors)
    settings = Settings(
        instance_path=str(instance),
        secret_key=_secret_key(env.get("SECRET_KEY"), instance),
        database_url=database_url,
        database_pooler=_database_pooler(env, database_url, errors),
        # SQLAlchemy's defaults; per process, so web processes x (size + overflow) must fit the
        # server's (or the pooler's) connection limit.
        database_pool_size=_int(env, "DATABASE_POOL_SIZE", 5, 1, 100, errors),
        database_max_overflow=_int(env, "DATABASE_MAX_OVERFLOW", 10, 0, 100, errors),
        redis_url=redis_url,
        base_url=base_url,
        demo_mode=demo_mode,
        testing=testing,
        session_cookie_secure=_bool(env, "SESSION_COOKIE_SECURE", True, errors),
        proxy_count=_int(env, "PROXY_COUNT", 0, 0, 5, errors),
        smtp_host=env.get("SMTP_HOST") or None,
        smtp_port=_int(env, "SMTP_PORT", 25, 1, 65535, errors),
        smtp_user=env.get("SMTP_USER") or None,
        smtp_password=env.get("SMTP_PASSWORD") or None,
        smtp_starttls=_bool(env, "SMTP_STARTTLS", False, errors),
        mail_from=env.get("MAIL_FROM", "ASSKomm-Plattform <noreply@asskomm.sachsen.de>"),
        password_reset_max_age=_int(env, "PASSWORD_RESET_MAX_AGE", 3600, 300, 86400, errors),
        invitation_max_age=_int(env, "INVITATION_MAX_AGE", 7 * 86400, 3600, 30 * 86400, errors),
        api_rate_limit=_rate_limit(env, "API_RATE_LIMIT", "600 per minute;20000 per hour", None, errors),
        login_rate_limit=_rate_limit(env, "LOGIN_RATE_LIMIT", "5 per minute;30 per hour", None, errors),
        login_account_rate_limit=_rate_limit(env, "LOGIN_ACCOUNT_RATE_LIMIT", "100 per hour", 100, errors),
        login_address_rate_limit=_rate_limit(env, "LOGIN_ADDRESS_RATE_LIMIT", "20 per minute;100 per hour", None,
                                             errors),
        survey_rate_limit=_survey_rate_limit(env, errors),
        activity_snapshot_seconds=_int(env, "ACTIVITY_SNAPSHOT_SECONDS", 900, 60, 86400, errors),
        upload_max_bytes=_int(env, "UPLOAD_MAX_BYTES", 20 * 1024 * 1024, 1024, 512 * 1024 * 1024, errors),
        event_reminder_days=_days(env, "EVENT_REMINDER_DAYS", (7, 1), errors),
        # 0 to 1440 (a day); a check-in before that window is impossible, and reports ignore it.
        event_checkin_early_minutes=_int(env, "EVENT_CHECKIN_EARLY_MINUTES", 60, 0, 1440, errors),
        funding_window_start=funding_window[0],
        funding_window_end=funding_window[1],
        funding_reminder_days=_int(env, "FUNDING_REMINDER_DAYS", 14, 0, 180, errors),
        # At least 30 days: a typo must not wipe the trail; at most 10 years.
        audit_retention_days=_int(env, "AUDIT_RETENTION_DAYS", 730, 30, 3650, errors),
        registration_retention_months=_int(env, "REGISTRATION_RETENTION_MONTHS", 24, 1, 120, errors),
        outbox_body_retention_days=_int(env, "OUTBOX_BODY_RETENTION_DAYS", 90, 7, 3650, errors),
        data_export_days=_int(env, "DATA_EXPORT_DAYS", 7, 1, 30, errors),
        # At least 10 s: below that a slow but healthy SMTP conversation would be sent twice.
        mail_stale_seconds=_int(env, "MAIL_STALE_SECONDS", 300, 10, 86400, errors),
        log_level=log_level,
        webhook_retry_base_seconds=_int(env, "WEBHOOK_RETRY_BASE_SECONDS", 60, 1, 86400, errors),
        webhook_max_attempts=_int(env, "WEBHOOK_MAX_ATTEMPTS", 6, 1, 20, errors),
        webhook_timeout_seconds=_int(env, "WEBHOOK_TIMEOUT_SECONDS", 10, 1, 120, errors),
        webhook_allowed_networks=_networks(env, "WEBHOOK_ALLOWED_NETWORKS", errors),
        webhook_ca_bundle=env.get("WEBHOOK_CA_BUNDLE") or None,
        legal=_legal(env, errors),
    )
    if errors:
        raise ConfigError("Ungültige Konfiguration:\n- " + "\n- ".join(errors))
    return settings
