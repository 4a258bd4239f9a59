"""News text: Markdown as written by a coordinator, turned into HTML that is safe to show anyone.

The HTML is rendered once, on save, and kept in `NewsPost.body_html`; it is the only piece of user
input a template may mark safe. Anything outside the small set below is removed: raw HTML in the
Markdown, event handlers, images, scripts and links with other schemes than http, https and mailto.
"""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
LINK_REL = "noopener noreferrer"


def _only_absolute_links(element: str, attribute: str, value: str) -> str | None:
    """Relative links and every other scheme lose their target (the text stays)."""
    if element == "a" and attribute == "href":
        return value if value.strip().lower().startswith(ALLOWED_SCHEMES) else None
    return value


def render_markdown(text: str) -> str:
    html = markdown.markdown(text or "", output_format="html")
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes={scheme.rstrip(":/") for scheme in ALLOWED_SCHEMES},
        attribute_filter=_only_absolute_links,
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()
