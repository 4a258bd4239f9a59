"""News text: Markdown as written by a coordinator, turned into HTML that is safe to show anyone.

The HTML is rendered once, on save, and kept in `NewsPost.body_html`; it is the only piece of user
input a template may mark safe. Anything outside the small set below is removed: raw HTML in the
Markdown, event handlers, images, scripts, inline styles and links with other schemes than http,
https and mailto. A link that loses its target loses the element too (its text stays): an `<a>`
without `href` is no link for a keyboard or a screen reader, only a trap.

Headings and tables render. The post's title is the page's h1, so the text's headings start at h2
and keep their order without gaps whatever levels were typed ("###" alone becomes h2); header cells
of a Markdown table are column headers; every table scrolls inside its own labelled region, so a
wide table never makes the page scroll sideways at 320 px.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

HEADINGS = ("h2", "h3", "h4", "h5", "h6")
ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", *HEADINGS,
                          "table", "thead", "tbody", "tr", "th", "td"})
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"scope"}}
ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
LINK_REL = "noopener noreferrer"
SCOPES = ("col", "row")

_LINK_WITHOUT_TARGET = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)
_TABLE = re.compile(r"<table>|</table>")


class _Outline(Treeprocessor):
    """Heading levels from h2 on, without gaps; header cells of a table head as column headers."""

    def run(self, root: etree.Element) -> None:
        headings = [element for element in root.iter() if re.fullmatch(r"h[1-6]", element.tag)]
        levels = sorted({int(element.tag[1]) for element in headings})
        for element in headings:
            element.tag = HEADINGS[min(levels.index(int(element.tag[1])), len(HEADINGS) - 1)]
        for head in root.iter("thead"):
            for cell in head.iter("th"):
                cell.set("scope", "col")


class _OutlineExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (the Markdown API's name)
        md.treeprocessors.register(_Outline(md), "asskomm_outline", 5)


def _allowed_attribute(element: str, attribute: str, value: str) -> str | None:
    """Relative links and every other scheme lose their target; a header cell's scope is col or row."""
    if element == "a" and attribute == "href":
        return value if value.strip().lower().startswith(ALLOWED_SCHEMES) else None
    if element == "th" and attribute == "scope":
        return value if value in SCOPES else None
    return value


def _scrolling_tables(html: str) -> str:
    """Each table inside a focusable, labelled region that scrolls sideways (the .scroll pattern)."""
    count = 0

    def wrap(match: re.Match) -> str:
        nonlocal count
        if match.group(0) == "</table>":
            return "</table></div>"
        count += 1
        return f'<div class="scroll" role="region" tabindex="0" aria-label="Tabelle {count}"><table>'

    return _TABLE.sub(wrap, html)


def render_markdown(text: str) -> str:
    html = markdown.markdown(text or "", output_format="html", extensions=["tables", _OutlineExtension()])
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes={scheme.rstrip(":/") for scheme in ALLOWED_SCHEMES},
        attribute_filter=_allowed_attribute,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    # nh3's output is normalised (no nested links, attributes as allowed above), so the links that lost
    # their target are matched exactly; their text stays. The regions are our own markup, added last.
    return _scrolling_tables(_LINK_WITHOUT_TARGET.sub(r"\1", clean)).strip()
