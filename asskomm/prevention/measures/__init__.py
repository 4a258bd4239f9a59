"""Maßnahmen und Projekte of a round: each in an action field, serving a goal, worked through the
Beccaria steps (worksheet.py) and evaluated at the end."""
