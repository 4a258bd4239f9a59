"""Celery workers: the app bound to create_app (workers.app), beat schedule, aggregation jobs."""
