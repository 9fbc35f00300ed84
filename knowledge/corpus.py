"""Loading a directory of documents: the only way documents enter the index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from knowledge.models import Document, DocumentMeta

DEFAULT_KNOWLEDGE_DIR = Path(__file__).parent / "data"
DOCUMENTS_SUBDIR = "documents"
META_SUFFIX = ".meta.json"
SHARED_FILES = ("glossary.tsv", "topics.toml")  # beside documents/, read by glossary.py and topics.py


# Words a question uses to point at a document as a whole ("в дипломной работе", "мақалада",
# "автор статьи"): held by every passage of a document of that kind (answerability.py).
KIND_WORDS = {
    "thesis_chapter": "бітіру жұмысы дипломдық жұмыс диплом дипломник автор дипломная работа диссертация thesis",
    "journal_article": "мақала автор журнал статья article paper author journal",
    "law": "закон заң заңы заңнама статья бап пункт тармақ",
    "constitution": "конституция ата заң негізгі заң статья бап пункт тармақ",
    "code": "кодекс кодексі статья бап пункт тармақ",
    "regulation": "положение постановление правила ереже қаулы қағидалар пункт тармақ",
}


class CorpusError(ValueError):
    """A document or its metadata cannot be read."""


def documents_dir(knowledge_dir: Path) -> Path:
    return knowledge_dir / DOCUMENTS_SUBDIR


def read_meta(path: Path) -> DocumentMeta:
    """Parse one `<doc>.meta.json` file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{path.name}: {exc}") from exc
    if not isinstance(data, dict) or not data.get("title"):
        raise CorpusError(f"{path.name}: a JSON object with a non-empty 'title' is required")
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise CorpusError(f"{path.name}: 'year' must be a whole number or null")
    return DocumentMeta(
        title=str(data["title"]),
        short_title=str(data.get("short_title") or data["title"]),
        kind=str(data.get("kind") or "document"),
        title_ru=str(data.get("title_ru") or ""),
        authors=tuple(str(a) for a in data.get("authors") or ()),
        year=year,
        languages=tuple(str(lang) for lang in data.get("languages") or ()),
        note=str(data.get("note") or ""),
        short_title_ru=str(data.get("short_title_ru") or ""),
        act_number=str(data.get("act_number") or ""),
        act_date=str(data.get("act_date") or ""),
        edition=str(data.get("edition") or ""),
        parallel=str(data.get("parallel") or ""),
        act_form=str(data.get("act_form") or ""),
    )


def load_document(path: Path) -> Document:
    """Read a `.txt` document and the metadata file beside it."""
    meta_path = path.with_name(path.stem + META_SUFFIX)
    if not meta_path.exists():
        raise CorpusError(f"{path.name}: metadata file {meta_path.name} is missing")
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path.name}: {exc}") from exc
    return Document(doc_id=path.stem, raw=raw, meta=read_meta(meta_path))


def load_corpus(knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR) -> list[Document]:
    """Load every document of a knowledge directory, in file-name order."""
    folder = documents_dir(knowledge_dir)
    if not folder.is_dir():
        raise CorpusError(f"{folder} is not a directory")
    return [load_document(path) for path in sorted(folder.glob("*.txt"))]


def load_catalog(knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR) -> dict[str, DocumentMeta]:
    """The metadata of every document, by document id, without reading the texts."""
    folder = documents_dir(knowledge_dir)
    if not folder.is_dir():
        raise CorpusError(f"{folder} is not a directory")
    return {path.name.removesuffix(META_SUFFIX): read_meta(path)
            for path in sorted(folder.glob("*" + META_SUFFIX))}


def seed(knowledge_dir: Path, source: Path = DEFAULT_KNOWLEDGE_DIR) -> bool:
    """Copy the shipped documents, glossary and topics into a new knowledge directory.

    Returns False (and copies nothing) when the directory already has its documents: an
    admin's additions and edits are never overwritten.
    """
    if documents_dir(knowledge_dir).is_dir():
        return False
    staging = knowledge_dir.with_name(knowledge_dir.name + ".seeding")
    shutil.rmtree(staging, ignore_errors=True)
    documents_dir(staging).mkdir(parents=True)
    for path in sorted(documents_dir(source).iterdir()):
        if path.suffix in {".txt", ".json"}:
            shutil.copy2(path, documents_dir(staging) / path.name)
    for name in SHARED_FILES:
        if (source / name).is_file():
            shutil.copy2(source / name, staging / name)
    if knowledge_dir.exists() and not any(knowledge_dir.iterdir()):
        knowledge_dir.rmdir()
    staging.replace(knowledge_dir)  # all at once: a crash never leaves half a corpus
    return True
