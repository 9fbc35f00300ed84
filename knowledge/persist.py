"""Saving an index beside the database and knowing when the saved one is stale."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.analysis import ANALYSIS_VERSION
from knowledge.bm25 import BM25
from knowledge.corpus import documents_dir
from knowledge.glossary import GLOSSARY_FILE
from knowledge.models import LegalPlace, Passage

INDEX_FILE = "index.npz"


def fingerprint(knowledge_dir: Path) -> str:
    """Content hash of everything an index depends on: documents, glossary and code."""
    digest = hashlib.sha256(f"analysis {ANALYSIS_VERSION}\n".encode())
    sources = sorted(Path(__file__).parent.glob("*.py"))
    files = sources + sorted(documents_dir(knowledge_dir).glob("*")) + [knowledge_dir / GLOSSARY_FILE]
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _bm25_arrays(prefix: str, bm25: BM25) -> dict[str, Any]:
    return {
        f"{prefix}terms": np.array(json.dumps(bm25.terms, ensure_ascii=False)),
        f"{prefix}offsets": bm25.offsets,
        f"{prefix}doc_ids": bm25.doc_ids,
        f"{prefix}contributions": bm25.contributions,
        f"{prefix}idf": bm25.idf,
        f"{prefix}eps": np.array(bm25.eps),
        f"{prefix}size": np.array(bm25.size),
    }


def _bm25(prefix: str, data: Any) -> BM25:
    return BM25(json.loads(str(data[f"{prefix}terms"])), data[f"{prefix}offsets"], data[f"{prefix}doc_ids"],
                data[f"{prefix}contributions"], data[f"{prefix}idf"], float(data[f"{prefix}eps"]),
                int(data[f"{prefix}size"]))


# The fields of legal acts scored beside the passages (index.py): a passage's row in each.
FIELDS = ("article", "chapter")
Field = tuple[BM25, np.ndarray]


def save(path: Path, version: str, passages: list[Passage], bm25: BM25, term_langs: np.ndarray,
         fields: Mapping[str, Field] | None = None) -> None:
    """Write an index atomically: readers see the old file or the new one, never half.

    `fields` are the whole-article and whole-chapter indexes of legal acts, if any.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload: dict[str, Any] = {
        "version": np.array(version),
        "passages": np.array(json.dumps([asdict(p) for p in passages], ensure_ascii=False)),
        **_bm25_arrays("", bm25),
        "term_langs": term_langs,
    }
    for name, (field, rows) in (fields or {}).items():
        payload |= _bm25_arrays(f"{name}_", field) | {f"{name}_rows": rows}
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **payload)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


Saved = tuple[list[Passage], BM25, np.ndarray, dict[str, Field]]


def load(path: Path, version: str) -> Saved | None:
    """Passages, BM25 arrays, term languages and the legal fields of a saved index of this version, else None."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["version"]) != version:
                return None
            passages = [_passage(item) for item in json.loads(str(data["passages"]))]
            bm25 = _bm25("", data)
            fields = {name: (_bm25(f"{name}_", data), data[f"{name}_rows"]) for name in FIELDS
                      if f"{name}_rows" in data}
            return passages, bm25, data["term_langs"], fields
    except (OSError, KeyError, ValueError, TypeError):
        return None


def _passage(item: dict[str, Any]) -> Passage:
    legal = item.get("legal")
    if legal is not None:
        legal = LegalPlace(**{**legal, "paragraphs": tuple(legal["paragraphs"]), "history": tuple(legal["history"])})
    return Passage(**{**item, "notes": tuple(item.get("notes") or ()), "legal": legal})
