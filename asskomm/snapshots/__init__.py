"""Snapshot tables written by the aggregation jobs in workers/; dashboards read only these."""
