"""The cycle's start page: where the KPR stands, its rounds, and what to do next."""
