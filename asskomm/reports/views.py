"""The cross-municipal report pages and their CSV/XLSX exports."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/berichte", template_folder="templates")
