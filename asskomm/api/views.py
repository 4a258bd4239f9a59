"""The API's blueprint with every resource on it (importing a module registers its routes)."""

from . import docs, events, kprs, practices, reports  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
