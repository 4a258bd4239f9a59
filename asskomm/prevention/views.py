"""Every page of the prevention cycle: importing this module registers them on the blueprints."""

from __future__ import annotations

from . import models as _models  # noqa: F401  the tables, for migrations
from .blueprint import bp, land_bp
from .overview import views as _overview  # noqa: F401

__all__ = ["bp", "land_bp"]
