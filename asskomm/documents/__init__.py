"""Documents feature of the KPR workspace."""
