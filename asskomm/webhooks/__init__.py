"""Webhooks: the state council or a KPR registers an HTTPS URL for chosen events; the worker
delivers them signed (signing.py), retries with backoff (tasks.py) and keeps a delivery log."""
