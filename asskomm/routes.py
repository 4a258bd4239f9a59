"""The pair of routes every kind of entry has: one view writes a new one and edits an existing one."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Blueprint

from tenants import db

from .policy import requires


def load_or_none(model: type, parameter: str) -> Callable:
    """Loads the object a URL names (another KPR's is a 404 by scoping); None on the "new" URL."""

    def load(**kwargs):
        object_id = kwargs.get(parameter)
        return None if object_id is None else db.get_or_404(model, object_id)

    return load


def new_and_edit(bp: Blueprint, new_path: str, edit_path: str, model: type, action: str,
                 endpoints: tuple[str, str] = ("new", "edit")) -> Callable:
    """Register the decorated view as `new_path` (obj=None) and `edit_path` (the object its id
    names), both GET and POST, behind `action`."""
    (parameter,) = re.findall(r"<int:(\w+)>", edit_path)

    def register(view: Callable) -> Callable:
        guarded = requires(action, load=load_or_none(model, parameter))(view)
        bp.add_url_rule(new_path, endpoints[0], guarded, methods=["GET", "POST"])
        bp.add_url_rule(edit_path, endpoints[1], guarded, methods=["GET", "POST"])
        return guarded

    return register
