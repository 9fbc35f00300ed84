"""Adding a file to a knowledge directory from the command line, by the admin's upload's steps.

The steps are the bot's: extract the text (reading.extract_text), refuse a duplicate, preview
the passages (a legal act gets its requisites completed there), store the files, rebuild the
index. Only the telling differs: a report of lines instead of a chat message.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from pathlib import Path

from knowledge.corpus import CorpusError, seed
from knowledge.glossary import GlossaryError
from knowledge.index import INDEX_FILE, Index
from knowledge.ingest import IngestError, IngestProblem, clean_title, preview
from knowledge.models import DocumentMeta
from knowledge.reading import extract_text
from knowledge.store import add_document, find_duplicate

TITLE_CHARS = 200
SHORT_TITLE_CHARS = 60


class AddError(Exception):
    """A file that cannot be added, with the reason in words a person at the terminal reads."""


_REASONS = {
    IngestProblem.UNSUPPORTED: "only .txt, .docx and .pdf files can be added",
    IngestProblem.BROKEN: "the file is damaged or not really of its type",
    IngestProblem.EMPTY: "the file holds no text",
    IngestProblem.NO_PASSAGES: "the file holds too little readable text to search",
    IngestProblem.GARBLED: "the text is not in a known encoding or language (garbled characters)",
    IngestProblem.TOO_LARGE: "the file is over a size limit",
}


@dataclass(frozen=True, slots=True)
class Added:
    """What was added and what the index found in it."""

    doc_id: str
    meta: DocumentMeta
    passages: int
    articles: int
    chapters: int
    linked: tuple[str, ...]  # documents now linked to it as the same act's other text
    knowledge_dir: Path

    def report(self) -> list[str]:
        meta = self.meta
        lines = [f"added {self.doc_id} to {self.knowledge_dir}",
                 f"  title: {meta.title}", f"  kind: {meta.kind}", f"  language: {', '.join(meta.languages) or '?'}",
                 f"  passages: {self.passages}"]
        if self.articles or self.chapters or meta.act_number:  # a regulation has chapters of пункты, no articles
            lines += [f"  articles: {self.articles}", f"  chapters: {self.chapters}",
                      f"  number: {meta.act_number or 'not stated'}", f"  adopted: {meta.act_date or 'not stated'}",
                      f"  edition: {meta.edition or 'not stated'}"]
        for other in self.linked:
            lines.append(f"  parallel text: {other}")
        return lines


def add_file(knowledge_dir: Path, path: Path, *, title: str | None = None, kind: str | None = None,
             lang: str | None = None, cache_dir: Path | None = None, reindex: bool = True) -> Added:
    """Add one file; raises AddError (nothing written) on a damaged, empty or duplicate file.

    Without `reindex` the index is left to be built once after several files (the linked
    texts are then not reported).
    """
    try:
        content = path.read_bytes()
    except OSError as error:
        raise AddError(f"{path}: {error.strerror or error}") from error
    seed(knowledge_dir)
    try:
        text = extract_text(path.name, content)
        duplicate = find_duplicate(knowledge_dir, text)
        if duplicate is not None:
            raise AddError(f"{path.name}: the same text is already document {duplicate}")
        # no title given: an act's own (from its text, in preview), else the file's name
        name = clean_title(title or "")[:TITLE_CHARS]
        meta = DocumentMeta(title=name, short_title=name, kind=kind or "other",
                            languages=(lang,) if lang else (), note=f"Added from {path.name}.")
        found = preview("upload", text, meta, path.name)
        name = found.meta.title[:TITLE_CHARS] or clean_title(path.stem)[:TITLE_CHARS] or "document"
        stored = replace(found.meta, title=name, short_title=name[:SHORT_TITLE_CHARS])
        doc_id = add_document(knowledge_dir, text, stored)
    except IngestError as error:
        raise AddError(f"{path.name}: {_REASONS.get(error.reason, error.reason.value)} ({error.detail})") from error
    if not reindex:
        return Added(doc_id, stored, len(found.passages), found.articles, len(found.chapters), (), knowledge_dir)
    try:
        index = Index.build(knowledge_dir)
    except (CorpusError, GlossaryError) as error:
        raise AddError(f"{path.name} was added as {doc_id}, but the index cannot be built: {error}") from error
    if cache_dir is not None:
        with contextlib.suppress(OSError):  # a read-only cache costs a rebuild at the next search
            index.save(cache_dir / INDEX_FILE)
    linked = tuple(other for other, of in index.legal.links.items() if of == doc_id)
    return Added(doc_id, stored, len(found.passages), found.articles, len(found.chapters), linked,
                 knowledge_dir)
