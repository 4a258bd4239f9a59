"""Beat's schedule names only tasks the worker knows, with the nightly report run among them:
a misspelt task name would otherwise fail silently, every night, in production."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import json
from workers.app import celery_app
print(json.dumps({name: [entry["task"], entry["task"] in celery_app.tasks, str(entry["schedule"])]
                  for name, entry in celery_app.conf.beat_schedule.items()}))
"""


def test_every_scheduled_task_is_registered(app_environment):
    env = {**os.environ, **app_environment}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60,
                          check=True)
    schedule = json.loads(done.stdout.strip().splitlines()[-1])
    assert {name: task for name, (task, _, _) in schedule.items()} == {
        "activity-snapshot": "workers.snapshot_activity",
        "mail-sweep": "mail.sweep_outbox",
        "event-reminders": "events.send_reminders",
        "event-figures": "workers.aggregate_events",
        "reports": "workers.compute_reports",
        "reports-refresh": "workers.refresh_stale_reports",
        "funding-window-reminders": "funding.send_window_reminders",
        "audit-purge": "audit.purge",
        "survey-benchmark": "workers.compute_survey_benchmark",
        "privacy-retention": "privacy.apply_retention",
        "privacy-exports": "privacy.purge_exports",
        "webhooks-sweep": "webhooks.sweep",
    }
    assert all(registered for _, registered, _ in schedule.values()), schedule
    assert "30 2" in schedule["reports"][2]  # nightly at 02:30 (Europe/Berlin, Celery's timezone)
    assert "<crontab: 0 4 " in schedule["survey-benchmark"][2]  # nightly at 04:00, after the other nightly jobs
    assert "<crontab: 45 3 " in schedule["privacy-retention"][2]  # DSGVO retention daily, at 03:45
