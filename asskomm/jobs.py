"""Aggregation jobs a page can start: a button that sends the task and a progress endpoint that
static/progress.js polls until the page can show the new figures (templates/_jobs.html)."""

from __future__ import annotations

import logging

from celery.result import AsyncResult
from flask import Blueprint, current_app, flash, jsonify, redirect, url_for
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from tenants import maybe_alliance_id

from .health import broker_ok
from .policy import requires

log = logging.getLogger(__name__)

UNAVAILABLE = ("Die Berechnung kann gerade nicht gestartet werden, weil der Hintergrunddienst nicht erreichbar "
               "ist. Die angezeigten Zahlen bleiben gültig; bitte versuchen Sie es in einigen Minuten erneut.")
# What a broker or result store that is down raises: kombu wraps the broker's errors, redis-py
# raises its own for the result store, Celery's result consumer a RuntimeError after its retries.
DOWN = (OperationalError, RedisError, OSError, RuntimeError)


def start_job(task: str, **kwargs) -> str | None:
    """Send `task` by name; its id, or None (logged) when the broker is not reachable. The broker
    is tried once first with a short timeout: Celery itself would retry the result store for about
    20 s, holding a web thread."""
    if not broker_ok():
        log.warning("broker unreachable: %s not started", task)
        return None
    try:
        return current_app.extensions["celery"].send_task(task, kwargs=kwargs, retry=False).id
    except DOWN:
        log.warning("could not start %s", task, exc_info=True)
        return None


def task_progress(task_id: str, total: int) -> dict:
    """The job's state as progress.js reads it; raises one of DOWN when the result store is down."""
    result = AsyncResult(task_id, app=current_app.extensions["celery"])
    raw = result.info  # read once: a run that ends between two reads turns the progress into its result
    info = raw if isinstance(raw, dict) else {}
    steps = info.get("total", total)
    done = steps if result.state == "SUCCESS" else info.get("done", 0)
    return {"state": result.state, "done": done, "total": steps}


def add_job_routes(bp: Blueprint, task: str, action: str, page_endpoint: str, steps: int = 3,
                   per_alliance: bool = False) -> None:
    """`POST <prefix>/berechnen` starts `task` and returns to the page with `?lauf=<task id>`;
    `GET <prefix>/berechnung/<task_id>` answers its progress as JSON. Both need `action`.
    `per_alliance`: the task computes the request's alliance only (its `alliance_id` argument)."""

    @bp.post("/berechnen", endpoint="compute")
    @requires(action)
    def compute():
        task_id = start_job(task, **({"alliance_id": maybe_alliance_id()} if per_alliance else {}))
        if task_id is None:
            flash(UNAVAILABLE, "error")
            return redirect(url_for(page_endpoint))
        return redirect(url_for(page_endpoint, lauf=task_id))

    @bp.get("/berechnung/<task_id>", endpoint="progress")
    @requires(action)
    def progress(task_id: str):
        try:
            return jsonify(task_progress(task_id, steps))
        except DOWN:
            # progress.js asks again later; the state is neither done nor failed
            return jsonify({"state": "UNAVAILABLE", "done": 0, "total": steps,
                            "message": "Der Stand der Berechnung ist gerade nicht abrufbar."}), 503
