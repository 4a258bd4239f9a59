"""A KPR's own workspace."""
