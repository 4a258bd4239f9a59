"""Meetings feature of the KPR workspace."""
