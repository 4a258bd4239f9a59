"""What an upload must be: a clean file name, a size within the limit, an allowed type by content.

The type is decided from the bytes (`filetype`), never from the browser's content type; the
file name's extension must fit what the bytes are. Office formats are zip containers: their
inner marker is checked too (`[Content_Types].xml` and the main part for OOXML, the `mimetype`
entry for OpenDocument). The original name is kept for display and as download name only.

Refused outright: archives that unpack to more than MAX_UNPACKED bytes or MAX_ENTRIES entries
(zip bombs, counted while unpacking, not trusted from the headers), entries that name a path
outside the archive, documents with macros (OOXML `vbaProject.bin`, OpenDocument Basic or
scripts, the VBA storage of Office 97–2003 files), and PDFs or images whose first kilobytes
carry HTML or script (polyglots). Whatever passes is still only ever served as a download in a
sandbox (asskomm.documents.views.send_version), so a polyglot that slips through cannot run.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import filetype

from ..errors import DomainError

MAX_NAME_LENGTH = 150
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ENTRIES = 10_000
MAX_UNPACKED = 256 * 1024 * 1024
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")  # OOXML parts of a VBA project, lower case
ODF_SCRIPT_FOLDERS = ("basic/", "scripts/")
OLE2_MACRO_STORAGES = tuple(name.encode("utf-16-le") for name in ("_VBA_PROJECT", "Macros", "VBA"))
# What makes a browser take bytes for a page, in a file that claims to be a PDF or an image.
HTML_MARKERS = (b"<html", b"<script", b"<svg", b"<!doctype", b"<iframe", b"<body", b"<object", b"javascript:")
SNIFF_WINDOW = 4096


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    mime: str


KINDS = {kind.key: kind for kind in (
    FileKind("pdf", "PDF-Dokument", "application/pdf"),
    FileKind("docx", "Word-Dokument", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    FileKind("xlsx", "Excel-Tabelle", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    FileKind("pptx", "PowerPoint-Präsentation",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    FileKind("odt", "OpenDocument-Text", "application/vnd.oasis.opendocument.text"),
    FileKind("ods", "OpenDocument-Tabelle", "application/vnd.oasis.opendocument.spreadsheet"),
    FileKind("odp", "OpenDocument-Präsentation", "application/vnd.oasis.opendocument.presentation"),
    FileKind("doc", "Word-Dokument (Office 97–2003)", "application/msword"),
    FileKind("xls", "Excel-Tabelle (Office 97–2003)", "application/vnd.ms-excel"),
    FileKind("ppt", "PowerPoint-Präsentation (Office 97–2003)", "application/vnd.ms-powerpoint"),
    FileKind("png", "PNG-Bild", "image/png"),
    FileKind("jpg", "JPEG-Bild", "image/jpeg"),
    FileKind("webp", "WebP-Bild", "image/webp"),
)}
# file name extension -> kind
EXTENSIONS = {**{key: key for key in KINDS}, "jpeg": "jpg"}
ALLOWED_TEXT = ("PDF, Word (DOCX, DOC), Excel (XLSX, XLS), PowerPoint (PPTX, PPT), OpenDocument (ODT, ODS, ODP) "
                "sowie Bilder (PNG, JPEG, WebP)")
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in EXTENSIONS)

# The main part an OOXML package of each kind must contain.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ODF_KINDS = {KINDS[key].mime: key for key in ("odt", "ods", "odp")}
ZIP_KINDS = {"zip", *OOXML_PARTS, *(ODF_KINDS.values())}
OLE2_KINDS = {"doc", "xls", "ppt"}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    data: bytes
    kind: FileKind
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def format_size(size: int) -> str:
    """German file sizes as KPR pages show them: "812 Byte", "48 KB", "0,24 MB", "3,10 MB", "20 MB"."""
    if size < 1024:
        return f"{size} Byte"
    if size < 100 * 1024:
        return f"{round(size / 1024)} KB"
    if size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    return f"{size / (1024 * 1024):.2f} MB".replace(".", ",")


def too_large_message(limit: int) -> str:
    return f"Die Datei ist zu groß. Erlaubt sind höchstens {format_size(limit)} je Datei."


def clean_name(raw: str | None) -> str:
    """The name as shown and offered for download. A name that tries to name a folder or carries
    control characters is refused, not repaired: such a name is no accident."""
    name = unicodedata.normalize("NFC", raw or "").strip()
    if not name:
        raise DomainError("Die Datei hat keinen Namen. Bitte wählen Sie eine Datei aus.", "file")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in name):
        raise DomainError("Der Dateiname enthält Steuerzeichen. Bitte benennen Sie die Datei um und laden Sie sie "
                          "erneut hoch.", "file")
    if "/" in name or "\\" in name or name.startswith("."):
        raise DomainError("Der Dateiname darf keine Ordnerangaben („/“, „\\“, „..“) enthalten und nicht mit "
                          "einem Punkt beginnen. Bitte laden Sie die Datei unter ihrem einfachen Namen hoch, z. B. "
                          "„Geschäftsordnung.pdf“.", "file")
    name = " ".join(name.split())
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem.strip(". "):
        raise DomainError("Der Dateiname braucht einen Namen und eine Endung, z. B. „Flyer.pdf“.", "file")
    stem = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(". ")
    return f"{stem}.{extension}"


def detect(data: bytes) -> FileKind | None:
    """The allowed kind the bytes are, or None."""
    if data.startswith(OLE2_MAGIC):
        return None  # decided by the extension in check_upload; see _ole2_kind
    guess = filetype.guess(data)
    if guess is None:
        return None
    if guess.extension in ZIP_KINDS:
        return _zip_kind(data)
    key = EXTENSIONS.get(guess.extension)
    return KINDS[key] if key in ("pdf", "png", "jpg", "webp") else None


def _zip_kind(data: bytes) -> FileKind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            kind = _zip_marker(archive)
            if kind is not None:
                _check_archive(archive)
            return kind
    except DomainError:
        raise  # a DomainError is a ValueError: the refusal with its reason, not "no document"
    # zipfile raises NotImplementedError for compression methods it cannot read: not a document.
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return None


def _zip_marker(archive: zipfile.ZipFile) -> FileKind | None:
    names = set(archive.namelist())
    infos = archive.infolist()
    if infos and infos[0].filename == "mimetype" and infos[0].file_size <= 100:
        with archive.open(infos[0]) as entry:
            key = ODF_KINDS.get(entry.read(100).decode("ascii", "replace").strip())
        return KINDS[key] if key else None
    if "[Content_Types].xml" in names:
        for key, part in OOXML_PARTS.items():
            if part in names:
                return KINDS[key]
    return None


def _check_archive(archive: zipfile.ZipFile) -> None:
    """Entry count, paths and macros from the directory; the unpacked size by unpacking, in
    chunks, stopping at the limit: a bomb's headers may lie about its sizes."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise DomainError(f"Die Datei enthält mehr als {MAX_ENTRIES:,} Teile und wird nicht angenommen."
                          .replace(",", "."), "file")
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = name.split("/")
        if name.startswith("/") or ".." in parts or ":" in parts[0] or "\\" in info.filename:
            raise DomainError("Die Datei enthält Teile mit Pfadangaben außerhalb des Dokuments und wird nicht "
                              "angenommen.", "file")
        lower = name.lower()
        if lower.rsplit("/", 1)[-1] in MACRO_PARTS or lower.startswith(ODF_SCRIPT_FOLDERS):
            raise DomainError(MACRO_MESSAGE, "file")
    unpacked = 0
    for info in infos:
        with archive.open(info) as entry:
            while chunk := entry.read(1024 * 1024):
                unpacked += len(chunk)
                if unpacked > MAX_UNPACKED:
                    raise DomainError(f"Die Datei entpackt sich auf mehr als {format_size(MAX_UNPACKED)} und wird "
                                      "nicht angenommen (so sehen manipulierte Archive aus). Bitte speichern Sie "
                                      "das Dokument neu.", "file")


MACRO_MESSAGE = ("Die Datei enthält Makros. Dokumente mit Makros werden nicht angenommen; bitte speichern Sie es "
                 "ohne Makros (z. B. als .docx, .xlsx, .pptx oder PDF) und laden Sie es erneut hoch.")


def _check_polyglot(data: bytes, kind: FileKind) -> None:
    """A PDF or an image that is also a web page: refused."""
    if kind.key in ("pdf", "png", "jpg", "webp") and any(
            marker in data[:SNIFF_WINDOW].lower() for marker in HTML_MARKERS):
        raise DomainError("Die Datei enthält HTML oder Skript und wird nicht angenommen. Bitte speichern Sie sie "
                          "neu, z. B. über „Drucken als PDF“.", "file")


def _ole2_kind(data: bytes, extension_kind: str | None) -> FileKind | None:
    """Office 97–2003 files share one container; which program made it is only guessed by
    `filetype`. Accepted when the name says doc/xls/ppt and the guess, if any, agrees."""
    if extension_kind not in OLE2_KINDS:
        return None
    if any(storage in data for storage in OLE2_MACRO_STORAGES):
        raise DomainError(MACRO_MESSAGE, "file")
    guess = filetype.guess(data)
    if guess is not None and guess.extension in OLE2_KINDS and guess.extension != extension_kind:
        return KINDS[guess.extension]
    return KINDS[extension_kind]


def check_upload(filename: str | None, stream: BinaryIO, limit: int) -> CheckedFile:
    """Read and check an upload; raises DomainError (German, on the field "file") if refused."""
    name = clean_name(filename)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DomainError(too_large_message(limit), "file")
    if not data:
        raise DomainError("Die Datei ist leer.", "file")
    extension = name.rpartition(".")[2].lower()
    expected = EXTENSIONS.get(extension)
    kind = _ole2_kind(data, expected) if data.startswith(OLE2_MAGIC) else detect(data)
    if kind is None:
        raise DomainError(f"Dieser Dateityp ist nicht erlaubt. Erlaubt sind {ALLOWED_TEXT}; der Typ wird am Inhalt "
                          "der Datei erkannt, nicht an der Endung.", "file")
    if expected != kind.key:
        raise DomainError(f"Die Endung „.{extension}“ passt nicht zum Inhalt der Datei ({kind.label}). Bitte laden "
                          "Sie die Datei mit der passenden Endung hoch.", "file")
    _check_polyglot(data, kind)
    return CheckedFile(name=name, data=data, kind=kind, sha256=hashlib.sha256(data).hexdigest())
