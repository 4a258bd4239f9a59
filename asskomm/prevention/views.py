"""Every page of the prevention cycle: importing this module registers them on the blueprints."""

from __future__ import annotations

from . import models as _models  # noqa: F401  the tables, for migrations
from .analysis import views as _analysis  # noqa: F401
from .blueprint import bp, land_bp, public_bp
from .measures import views as _measures  # noqa: F401
from .overview import views as _overview  # noqa: F401
from .statistics import views as _statistics  # noqa: F401
from .strategy import views as _strategy  # noqa: F401
from .survey import models as _survey_models  # noqa: F401
from .survey.benchmark import views as _survey_benchmark  # noqa: F401
from .survey.collection import views as _survey_collection  # noqa: F401
from .survey.editing import views as _survey_editing  # noqa: F401
from .survey.results import views as _survey_results  # noqa: F401

__all__ = ["bp", "land_bp", "public_bp"]
