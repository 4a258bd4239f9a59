"""Public feature of the KPR workspace."""
