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


def pdf_tags(node, found: list | None = None) -> list[tuple[str, object]]:
    """The structure tags of a tagged PDF below `node` (its /StructTreeRoot), in reading order, each
    as (name, /Alt or None)."""
    found = [] if found is None else found
    node = node.get_object()
    if "/S" in node:
        found.append((str(node["/S"]), node.get("/Alt")))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if hasattr(kid, "get"):
            pdf_tags(kid, found)
    return found
