"""An alliance's accent colour, used only where it keeps the contrast WCAG 2.1 AA asks for.

The colour stands for the brand colour of the stylesheet: white text on it (the header, buttons)
and it as text on white and on the light grey of panels (links) all need at least 4.5:1. A colour
that falls short is not used at all, so no alliance can make its pages unreadable. The CSP allows
no inline style, so the colour comes as a small stylesheet of its own, `/marke.css`, only on the
hosts of alliances that set one."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort

from tenants.alliances import current_alliance

from .policy import public

bp = Blueprint("branding", __name__)

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5
BACKGROUNDS = ("#ffffff", "#f2f5f8")  # --bg and --soft of asskomm.css
DARKER = 0.72  # the hover and border shade: darker still, so its contrast only grows


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of "#rrggbb"."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The WCAG 2.1 contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def usable_accent(colour: str | None) -> str | None:
    """The colour if it is one ("#rrggbb") with at least 4.5:1 against every background, else None."""
    if not colour or not HEX.match(colour) or min(contrast(colour, b) for b in BACKGROUNDS) < MIN_CONTRAST:
        return None
    return colour.lower()


def _darker(colour: str) -> str:
    return "#" + "".join(f"{round(int(colour[i:i + 2], 16) * DARKER):02x}" for i in (1, 3, 5))


def accent_sheet() -> bool:
    """Whether the current alliance's pages load /marke.css (base.html)."""
    return usable_accent(current_alliance().accent_colour) is not None


@bp.get("/marke.css")
@public
def accent_css() -> Response:
    colour = usable_accent(current_alliance().accent_colour)
    if colour is None:
        abort(404)
    response = Response(f":root {{ --brand: {colour}; --brand-dark: {_darker(colour)}; }}\n", mimetype="text/css")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response
