"""Accounts: people, roles, memberships, assignments; login and passwords."""
