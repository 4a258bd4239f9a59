"""Founding feature of the KPR workspace."""
