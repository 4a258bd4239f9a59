"""Where a `next` parameter may send a browser: only to a plain path of this site."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from flask import request


def safe_next_url(default: str) -> str:
    """The `next` parameter when it names a page of this site, else `default`."""
    return same_site_path(request.args.get("next", "")) or default


_URL_SAFE = "/%:@!$&'()*+,;=-._~?#"


def same_site_path(target: str) -> str | None:
    """`target` as a plain path of this site (ASCII, escapes kept), or None. Browsers drop tabs and
    newlines and read a backslash as a slash, so "/%09/evil.example" and "/%5Cevil.example" leave the
    site: every decoding of `target` ("%252F" is "%2F" is "/") must be a path without control
    characters, whitespace, backslashes, scheme, host or dot segments."""
    if not target.startswith("/"):
        return None
    stage = target
    for _ in range(4):
        if not _plain_path(stage):
            return None
        decoded = unquote(stage)
        if decoded == stage:
            parts = urlsplit(target)
            return urlunsplit(("", "", quote(parts.path, _URL_SAFE), quote(parts.query, _URL_SAFE),
                               quote(parts.fragment, _URL_SAFE)))
        stage = decoded
    return None  # encoded more often than any link of ours


def _plain_path(url: str) -> bool:
    if any(c.isspace() or unicodedata.category(c)[0] == "C" for c in url) or "\\" in url:
        return False
    if not url.startswith("/") or url.startswith("//"):
        return False
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not {".", ".."} & set(parts.path.split("/"))
