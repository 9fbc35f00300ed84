"""The on-disk document store: a knowledge directory's `documents/` folder.

A document is `<id>.txt` (UTF-8, one paragraph per line) beside `<id>.meta.json`. Writes are
atomic and the metadata goes first, so a reader (the index build) never sees a text without
its metadata or half a file; ids are file names that cannot leave the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from knowledge.corpus import META_SUFFIX, documents_dir
from knowledge.ingest import IngestError, IngestProblem
from knowledge.models import DocumentMeta
from knowledge.normalize import DELETED_CHARS

# Letters, digits and `_.-` only: an id is a file name and can never leave the documents folder.
DOC_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,80}\Z")


# --- the knowledge directory ------------------------------------------------------------------

_NUMBERED = re.compile(r"^(\d+)_")


def new_doc_id(knowledge_dir: Path, text: str) -> str:
    """`NNN_<16 hex>`: the number after the highest one in use, then the text's SHA-1."""
    folder = documents_dir(knowledge_dir)
    numbers = [int(match.group(1)) for path in (folder.iterdir() if folder.is_dir() else ())
               if (match := _NUMBERED.match(path.name)) and path.is_file()]
    number = max(numbers, default=-1) + 1
    return f"{number:03d}_{hashlib.sha1(text.encode('utf-8')).hexdigest()[:16]}"


def _comparable(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text.translate(DELETED_CHARS)).split())


def find_duplicate(knowledge_dir: Path, text: str) -> str | None:
    """The id of a document with the same text, whitespace and invisible characters aside."""
    folder = documents_dir(knowledge_dir)
    if not folder.is_dir():
        return None
    wanted = _comparable(text)
    for path in sorted(folder.glob("*.txt")):
        try:
            existing = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if _comparable(existing) == wanted:
            return path.stem
    return None


def meta_json(meta: DocumentMeta) -> str:
    """A metadata file with the keys, in the order, of the shipped ones."""
    data = {
        "title": meta.title,
        "title_ru": meta.title_ru,
        "short_title": meta.short_title,
        "short_title_ru": meta.short_title_ru,
        "authors": list(meta.authors),
        "kind": meta.kind,
        "year": meta.year,
        "languages": list(meta.languages),
        "note": meta.note,
    }
    for key in ("act_number", "act_date", "edition", "parallel", "act_form"):
        if getattr(meta, key):
            data[key] = getattr(meta, key)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _write_atomically(path: Path, content: str) -> None:
    """Readers see no file or the whole file; the temporary name matches neither `*.txt` nor `*.json`."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_document(knowledge_dir: Path, text: str, meta: DocumentMeta) -> str:
    """Write a new document (metadata first, so no text is ever without it); return its id."""
    if not text.translate(DELETED_CHARS).strip():
        raise IngestError(IngestProblem.EMPTY, "no text to add")
    duplicate = find_duplicate(knowledge_dir, text)
    if duplicate is not None:
        raise IngestError.duplicate(duplicate)
    folder = documents_dir(knowledge_dir)
    folder.mkdir(parents=True, exist_ok=True)
    doc_id = new_doc_id(knowledge_dir, text)
    meta_path, text_path = folder / f"{doc_id}{META_SUFFIX}", folder / f"{doc_id}.txt"
    _write_atomically(meta_path, meta_json(meta))
    try:
        _write_atomically(text_path, text if text.endswith("\n") else text + "\n")
    except BaseException:
        meta_path.unlink(missing_ok=True)
        raise
    return doc_id


def remove_document(knowledge_dir: Path, doc_id: str) -> None:
    """Delete a document: its text first, so a half-done removal leaves only an unused metadata file."""
    if not DOC_ID_PATTERN.fullmatch(doc_id) or doc_id.startswith("."):
        raise IngestError(IngestProblem.UNKNOWN_DOCUMENT, f"{doc_id!r} is not a document id")
    folder = documents_dir(knowledge_dir)
    text_path, meta_path = folder / f"{doc_id}.txt", folder / f"{doc_id}{META_SUFFIX}"
    if not (text_path.is_file() or meta_path.is_file()):
        raise IngestError(IngestProblem.UNKNOWN_DOCUMENT, f"no document {doc_id!r}")
    text_path.unlink(missing_ok=True)
    meta_path.unlink(missing_ok=True)

