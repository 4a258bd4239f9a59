"""Posting and withdrawing comments on workspace items."""

from __future__ import annotations

from ..policy import tenant_area

bp = tenant_area("comments", __name__, template_folder="templates")
