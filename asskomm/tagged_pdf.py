"""Every PDF the platform makes, from an accessible HTML document, as a tagged PDF (PDF/UA-1 by
WeasyPrint): structure tags from the HTML's elements, the language from <html lang>, the title from
<title> (shown as the window's title), the reading order as written."""

from __future__ import annotations

import hashlib
import logging

# Layout and font subsetting take a while; the same HTML always gives the same PDF, so the last few
# are kept (the demo, reloaded after tests, and a draft downloaded twice do not render again).
_RENDERED: dict[str, bytes] = {}
_RENDERED_MAX = 8
for _noisy in ("weasyprint.progress", "fontTools"):
    logging.getLogger(_noisy).setLevel(logging.WARNING)


def tagged_pdf(html: str, keep: bool = True) -> bytes:
    """The PDF of a standalone HTML document (its own styles, no links to fetch). `keep=False` for
    documents made once each (certificates), which would only push the others out."""
    key = hashlib.sha256(html.encode()).hexdigest()
    if key in _RENDERED:
        return _RENDERED[key]
    # WeasyPrint is imported here: it loads Pango, which only the PDF needs.
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    if keep:
        if len(_RENDERED) >= _RENDERED_MAX:
            _RENDERED.pop(next(iter(_RENDERED)))
        _RENDERED[key] = pdf
    return pdf
