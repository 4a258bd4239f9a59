"""Small lookups shared by tests."""

from __future__ import annotations

import time

import sqlalchemy as sa

from asskomm.accounts.models import User
from tenants import Tenant, db


def tenant(slug: str) -> Tenant:
    return db.session.scalar(sa.select(Tenant).filter_by(slug=slug))


def user(login: str) -> User:
    email = login if "@" in login else f"{login}@demo.asskomm.de"
    return db.session.scalar(sa.select(User).filter_by(email=email))


def run_job_from_page(client, page: str, worker_log) -> dict:
    """Press "Jetzt neu berechnen" on `page` and poll the job's progress as progress.js does,
    until it has finished (30 s at most). Returns the last progress answer."""
    response = client.submit(f"{page}berechnen")
    assert response.status_code == 302 and "lauf=" in response.headers["Location"]
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<progress" in shown and "progress.js" in shown
    task_id = response.headers["Location"].split("lauf=")[1]
    deadline, state = time.monotonic() + 30, {}
    while time.monotonic() < deadline:
        state = client.get(f"{page}berechnung/{task_id}").get_json()
        if state["state"] == "SUCCESS":
            break
        time.sleep(0.2)
    assert state["state"] == "SUCCESS", worker_log.read_text()[-2000:]
    return state
