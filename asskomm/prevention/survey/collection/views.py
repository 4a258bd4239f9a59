"""Every page of the collection: importing this module registers them on the blueprints."""

from __future__ import annotations

from . import respondent as _respondent  # noqa: F401  the respondents' pages (public_bp)
from . import workspace as _workspace  # noqa: F401  codes and paper entry (bp)
