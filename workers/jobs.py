"""The shape every aggregation task shares: never two runs at once, progress for the page that
started it, one commit at the end."""

from __future__ import annotations

from collections.abc import Callable

from celery import Task

from tenants import db

from .locks import job_lock

Progress = Callable[[int, int], None]


def run_locked(task: Task, job: str, compute: Callable[[Progress], int]) -> int | str:
    with job_lock(job) as acquired:
        if not acquired:
            return "locked"

        def progress(done: int, total: int) -> None:
            if not task.request.called_directly and task.request.id:
                task.update_state(state="PROGRESS", meta={"done": done, "total": total})

        written = compute(progress)
        db.session.commit()
        return written
