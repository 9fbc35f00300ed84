"""Saving an index beside the database and knowing when the saved one is stale."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
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


def save(path: Path, version: str, passages: list[Passage], bm25: BM25, term_langs: np.ndarray) -> None:
    """Write an index atomically: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload: dict[str, Any] = {
        "version": np.array(version),
        "passages": np.array(json.dumps([asdict(p) for p in passages], ensure_ascii=False)),
        "terms": np.array(json.dumps(bm25.terms, ensure_ascii=False)),
        "offsets": bm25.offsets,
        "doc_ids": bm25.doc_ids,
        "contributions": bm25.contributions,
        "idf": bm25.idf,
        "eps": np.array(bm25.eps),
        "term_langs": term_langs,
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **payload)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def load(path: Path, version: str) -> tuple[list[Passage], BM25, np.ndarray] | None:
    """Passages, BM25 arrays and term languages of a saved index of this version, else None."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["version"]) != version:
                return None
            passages = [_passage(item) for item in json.loads(str(data["passages"]))]
            bm25 = BM25(json.loads(str(data["terms"])), data["offsets"], data["doc_ids"],
                        data["contributions"], data["idf"], float(data["eps"]), len(passages))
            return passages, bm25, data["term_langs"]
    except (OSError, KeyError, ValueError, TypeError):
        return None


def _passage(item: dict[str, Any]) -> Passage:
    legal = item.get("legal")
    if legal is not None:
        legal = LegalPlace(**{**legal, "paragraphs": tuple(legal["paragraphs"]), "history": tuple(legal["history"])})
    return Passage(**{**item, "notes": tuple(item.get("notes") or ()), "legal": legal})
