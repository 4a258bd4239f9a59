"""Words and stems: German stemming for the SQLite index and the snippets (PostgreSQL stems with
its own "german" configuration, the same Snowball algorithm), and the text of uploaded files."""

from __future__ import annotations

import io
import logging
import re
from functools import lru_cache

import snowballstemmer
from markupsafe import Markup, escape

log = logging.getLogger(__name__)

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TEXT = 100_000  # characters of a file's text that are indexed; the rest of a long file is not
SNIPPET = 90  # characters shown on either side of the first hit


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("german")


def words(text: str) -> list[str]:
    """The words of `text`, folded for comparison (Unicode case folding: "STRASSE" is "straße")."""
    return [word.casefold() for word in WORD.findall(text or "")]


def stems(text: str) -> list[str]:
    """The German stems of `text`'s words: "Sitzungen" and "Sitzung" are both "sitzung"."""
    return _stemmer().stemWords(words(text))


def stem_text(text: str) -> str:
    return " ".join(stems(text))


def snippet(text: str, query: str) -> Markup:
    """A short passage of `text` around the first word whose stem the query has, that word marked;
    the beginning of `text` when no word matches."""
    wanted = set(stems(query))
    text = " ".join((text or "").split())
    for match in WORD.finditer(text):
        if _stemmer().stemWord(match.group().casefold()) in wanted:
            start, end = max(0, match.start() - SNIPPET), min(len(text), match.end() + SNIPPET)
            return Markup("{}{}<mark>{}</mark>{}{}").format(
                "… " if start else "", text[start:match.start()], match.group(), text[match.end():end],
                " …" if end < len(text) else "")
    return escape(text[: 2 * SNIPPET] + (" …" if len(text) > 2 * SNIPPET else ""))


# --- the text of uploaded files ------------------------------------------------------------------------------

def file_text(data: bytes, kind: str) -> str:
    """The readable text of a PDF, DOCX or ODT file (other kinds: none). A file that cannot be read
    is logged and found by its title only."""
    reader = _READERS.get(kind)
    if reader is None:
        return ""
    try:
        return " ".join(reader(io.BytesIO(data)).split())[:MAX_TEXT]
    except Exception:  # a damaged or unusual file must not stop the upload's indexing
        log.warning("could not read the text of a %s file for the search", kind, exc_info=True)
        return ""


def _pdf(stream: io.BytesIO) -> str:
    from pypdf import PdfReader

    parts, size = [], 0
    for page in PdfReader(stream).pages:
        parts.append(page.extract_text() or "")
        size += len(parts[-1])
        if size > MAX_TEXT:
            break
    return "\n".join(parts)


def _docx(stream: io.BytesIO) -> str:
    import docx

    document = docx.Document(stream)
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])


def _odt(stream: io.BytesIO) -> str:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(stream)
    return "\n".join(teletype.extractText(element)
                     for kind in (text.H, text.P) for element in document.getElementsByType(kind))


_READERS = {"pdf": _pdf, "docx": _docx, "odt": _odt}
