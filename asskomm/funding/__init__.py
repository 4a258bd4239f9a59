"""Funding of a KPR per year: what was applied for, what was granted."""
