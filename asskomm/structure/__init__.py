"""Structure feature of the KPR workspace."""
