"""Aggregation jobs a page can start: a button that sends the task and a progress endpoint that
static/progress.js polls until the page can show the new figures (templates/_jobs.html)."""

from __future__ import annotations

from celery.result import AsyncResult
from flask import Blueprint, current_app, jsonify, redirect, url_for

from .policy import requires


def task_progress(task_id: str, total: int) -> dict:
    result = AsyncResult(task_id, app=current_app.extensions["celery"])
    info = result.info if isinstance(result.info, dict) else {}
    steps = info.get("total", total)
    done = steps if result.state == "SUCCESS" else info.get("done", 0)
    return {"state": result.state, "done": done, "total": steps}


def add_job_routes(bp: Blueprint, task: str, action: str, page_endpoint: str, steps: int = 3) -> None:
    """`POST <prefix>/berechnen` starts `task` and returns to the page with `?lauf=<task id>`;
    `GET <prefix>/berechnung/<task_id>` answers its progress as JSON. Both need `action`."""

    @bp.post("/berechnen", endpoint="compute")
    @requires(action)
    def compute():
        result = current_app.extensions["celery"].send_task(task)
        return redirect(url_for(page_endpoint, lauf=result.id))

    @bp.get("/berechnung/<task_id>", endpoint="progress")
    @requires(action)
    def progress(task_id: str):
        return jsonify(task_progress(task_id, steps))
