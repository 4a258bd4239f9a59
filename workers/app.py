"""The Celery entry point: `celery -A workers.app worker` / `celery -A workers.app beat`."""

from __future__ import annotations

from celery.schedules import crontab

from asskomm import create_app

from . import activity, events, reports, survey_benchmark  # noqa: F401  (registers the aggregation tasks)

flask_app = create_app()
celery_app = flask_app.extensions["celery"]
celery_app.conf.beat_schedule = {
    "activity-snapshot": {
        "task": "workers.snapshot_activity",
        "schedule": float(flask_app.config["SETTINGS"].activity_snapshot_seconds),
    },
    # A mail whose task or worker was lost is taken again once stale: at most twice the setting late.
    "mail-sweep": {"task": "mail.sweep_outbox", "schedule": float(flask_app.config["SETTINGS"].mail_stale_seconds)},
    "event-reminders": {"task": "events.send_reminders", "schedule": 3600.0},
    "event-figures": {"task": "workers.aggregate_events", "schedule": 3600.0},
    # Nightly, after the day's entries; the page can start a run at any time.
    "reports": {"task": "workers.compute_reports", "schedule": crontab(hour=2, minute=30)},
    # A commit that marks KPRs stale starts the refresh itself; this is the net for a lost message
    # or a run that found the lock taken. Without marks it is one query.
    "reports-refresh": {"task": "workers.refresh_stale_reports", "schedule": 60.0},
    # The funding window reminder mails each person once a year (dedup key), so the time of day is
    # the only choice: 07:00 in Berlin (the Celery timezone), when people start reading mail. A day
    # beat missed is caught up on the next, since every day of the span sends what is still due.
    "funding-window-reminders": {"task": "funding.send_window_reminders", "schedule": crontab(hour=7, minute=0)},
    # Entries older than AUDIT_RETENTION_DAYS go once a day, at night, outside office hours.
    "audit-purge": {"task": "audit.purge", "schedule": crontab(hour=3, minute=15)},
    # The survey benchmark changes only when a KPR closes or shares a survey: once a night is enough.
    # 04:00, after the reports (02:30) and the audit purge (03:15), so the nightly jobs do not share
    # the database; the state council's page starts a run at any time.
    "survey-benchmark": {"task": "workers.compute_survey_benchmark", "schedule": crontab(hour=4, minute=0)},
    # DSGVO retention (REGISTRATION_RETENTION_MONTHS, OUTBOX_BODY_RETENTION_DAYS): once a night, after the
    # audit purge; expired data exports go every hour, so a link never outlives its promise by much.
    "privacy-retention": {"task": "privacy.apply_retention", "schedule": crontab(hour=3, minute=45)},
    "privacy-exports": {"task": "privacy.purge_exports", "schedule": 3600.0},
    # webhook deliveries whose task was lost while the broker was down
    "webhooks-sweep": {"task": "webhooks.sweep", "schedule": 300.0},
}
