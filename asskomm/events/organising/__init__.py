"""Organising events: the organisers create, edit and cancel them with their sessions and invited
KPRs (everyone registered is told of changes); the state council's dashboard of their figures."""
