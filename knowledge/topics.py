"""The topic menu: a hand-editable list of study topics and the passages each one holds.

`topics.toml` (beside `glossary.tsv`) is an array of `[[topic]]` tables. A topic is defined
by search terms rather than by passage ids, so that re-indexing or a new document does not
leave the menu pointing at passages that no longer exist: every term is run through the
real search and its strong hits join the topic. `sections` (substrings of section titles)
and `passages` ("doc_id#ordinal") can add passages the terms miss. Any passage no topic
claims goes to a last, synthetic "other" topic, so the menu always reaches every passage.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from knowledge.models import Passage

if TYPE_CHECKING:
    from knowledge.index import Index

TOPICS_FILE = "topics.toml"

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")


@dataclass(frozen=True, slots=True)
class TopicLimits:
    """How long a topic's slug and titles may be. The caller sets them: the bot's are its callback
    data's 64 bytes and a phone's button width (bot/views/callbacks.py); these defaults only keep
    a slug an identifier and a title a title."""

    slug: int = 32
    title: int = 80


DEFAULT_LIMITS = TopicLimits()
PIN = re.compile(r"^(?P<doc>[^#\s]+)#(?P<ordinal>[1-9]\d*)$")
KEYS = {"slug", "title_kk", "title_ru", "terms", "sections", "passages"}

# A term's hit joins its topic when its BM25 part is at least MIN_BM25 *and* at least
# RELATIVE of that term's best hit. MIN_BM25 is the value of the index's own floor
# (index.UNSURE_SCORE) below which a search answers "nothing found": weaker hits only share
# a common word. The relative bar keeps a term to the passages that are about it rather
# than those that mention it in passing: "гражданское общество" scores 4.7 on the abstract
# about NGOs but 1.9 on a passage about political parties, which stays out. Neither bar
# can save a term built of words found everywhere ("жергілікті өзін-өзі басқару …"): all
# passages then score alike, so topics.toml asks for distinctive terms. On the shipped
# corpus 0.5 keeps definitions and abstracts that 0.6 loses, and no term takes in more
# than a fifth of the corpus.
MIN_BM25 = 1.5
RELATIVE = 0.5

OTHER = "other"


class TopicsError(ValueError):
    """A malformed topics file; the message names the line when it is known."""

    def __init__(self, line: int | None, reason: str) -> None:
        where = f"{TOPICS_FILE} line {line}" if line is not None else TOPICS_FILE
        super().__init__(f"{where}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Topic:
    """One menu entry: its callback slug, button titles and what defines its passages."""

    slug: str
    title_kk: str
    title_ru: str
    terms: tuple[str, ...]
    sections: tuple[str, ...] = ()
    passages: tuple[str, ...] = ()  # pinned "doc_id#ordinal"
    # Topics made from a legal act's structure: the act's topic is the `parent` of its chapters',
    # and `lang` shows a text's topics only to readers of its language when the act has a text in
    # the other language too ("" shows it to everyone).
    parent: str = ""
    lang: str = ""

    def title(self, lang: str) -> str:
        """The button title in the user's language; Kazakh is the default."""
        return self.title_ru if lang == "ru" else self.title_kk


# Its titles are the bot's to give (they are interface text): knowledge/ only knows it exists.
OTHER_TOPIC = Topic(slug=OTHER, title_kk="", title_ru="", terms=())


# --- parsing ---------------------------------------------------------------------------


_HEADER = re.compile(r"^\s*\[\[\s*topic\s*\]\]")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _header_lines(text: str) -> list[int]:
    """Line numbers of the `[[topic]]` headers, in order: where a topic's errors point."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if _HEADER.match(line)]


def _key_line(text: str, key: str) -> int | None:
    """The first line that assigns or opens a table named `key` (for stray top-level keys)."""
    pattern = re.compile(rf"^\s*(?:\[+\s*{re.escape(key)}\s*\]+|[\"']?{re.escape(key)}[\"']?\s*=)")
    for n, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return n
    return None


def _syntax_error(text: str, error: tomllib.TOMLDecodeError) -> TopicsError:
    """tomllib says "(at line N, column M)" or "(at end of document)"; keep its line."""
    message = str(error)
    found = _TOML_LINE.search(message)
    if found:
        line: int | None = int(found.group(1))
    elif "end of document" in message:
        line = max(1, len(text.splitlines()))
    else:
        line = None
    return TopicsError(line, f"TOML syntax error: {message}")


def _strings(value: object, key: str, line: int | None) -> tuple[str, ...]:
    """A list of non-empty strings; a bare string is refused (it would iterate by letter)."""
    if not isinstance(value, list):
        raise TopicsError(line, f"'{key}' must be a list of strings, e.g. {key} = [\"...\"]")
    items: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise TopicsError(line, f"'{key}' must hold non-empty strings, got {item!r}")
        items.append(item.strip())
    return tuple(items)


def _title(table: Mapping[str, object], key: str, line: int | None, limits: TopicLimits) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TopicsError(line, f"'{key}' is missing or empty")
    title = value.strip()
    if len(title) > limits.title:
        raise TopicsError(line, f"'{key}' is {len(title)} characters long, at most {limits.title} fit a button")
    return title


def _topic(table: object, line: int | None, limits: TopicLimits) -> Topic:
    if not isinstance(table, dict):
        raise TopicsError(line, "each [[topic]] must be a table")
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise TopicsError(line, f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(KEYS))})")
    slug = table.get("slug")
    if not isinstance(slug, str) or not slug:
        raise TopicsError(line, "'slug' is missing or empty")
    if len(slug) > limits.slug or not SLUG.match(slug):
        raise TopicsError(line, f"slug {slug!r} must be 1-{limits.slug} characters of a-z, 0-9 and inner '-'")
    if slug == OTHER:
        raise TopicsError(line, f"slug {OTHER!r} is reserved for passages no topic holds")
    topic = Topic(
        slug=slug,
        title_kk=_title(table, "title_kk", line, limits),
        title_ru=_title(table, "title_ru", line, limits),
        terms=_strings(table.get("terms", []), "terms", line),
        sections=_strings(table.get("sections", []), "sections", line),
        passages=_strings(table.get("passages", []), "passages", line),
    )
    for pin in topic.passages:
        if not PIN.match(pin):
            raise TopicsError(line, f"passage {pin!r} must be written \"doc_id#ordinal\", e.g. \"004_a359#26\"")
    if not (topic.terms or topic.sections or topic.passages):
        raise TopicsError(line, f"topic {slug!r} needs 'terms', 'sections' or 'passages'")
    return topic


def parse_topics(text: str, limits: TopicLimits = DEFAULT_LIMITS) -> tuple[Topic, ...]:
    """Parse topics TOML text; raise TopicsError naming the line of the fault."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(text, error) from error
    for key in data:
        if key != "topic":
            raise TopicsError(_key_line(text, key), f"unknown top-level key {key!r}: write topics as [[topic]]")
    tables = data.get("topic", [])
    if not isinstance(tables, list):
        raise TopicsError(_key_line(text, "topic"), "'topic' must be an array of tables: [[topic]]")
    headers = _header_lines(text)
    # With inline tables there are no headers to point at; then the line is unknown.
    lines: list[int | None] = list(headers) if len(headers) == len(tables) else [None] * len(tables)
    topics: list[Topic] = []
    seen: dict[str, int | None] = {}
    for table, line in zip(tables, lines, strict=True):
        topic = _topic(table, line, limits)
        if topic.slug in seen:
            first = seen[topic.slug]
            since = f" (first at line {first})" if first is not None else ""
            raise TopicsError(line, f"duplicate slug {topic.slug!r}{since}")
        seen[topic.slug] = line
        topics.append(topic)
    return tuple(topics)


def load_topics(knowledge_dir: Path, limits: TopicLimits = DEFAULT_LIMITS) -> tuple[Topic, ...]:
    """Read `topics.toml` of a knowledge directory; no file means no topic menu."""
    path = knowledge_dir / TOPICS_FILE
    if not path.exists():
        return ()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise TopicsError(None, str(error)) from error
    return parse_topics(text, limits)


# --- assignment ------------------------------------------------------------------------


def pin_of(passage: Passage) -> str:
    """A passage's stable name: document and ordinal survive re-indexing, hash ids do not."""
    return f"{passage.doc_id}#{passage.ordinal}"


class TopicMap:
    """Topics in menu order and their passages in reading order; built by assign_topics.

    `topics` holds the file's topics that have passages, in file order, then "other" when
    some passage belongs to no topic; `empty` lists the file's topics that matched nothing.
    """

    def __init__(self, topics: Sequence[Topic], members: Mapping[str, Sequence[Passage]],
                 orphans: Sequence[Passage] = (), stale_pins: Iterable[tuple[str, str]] = ()) -> None:
        self.orphans: tuple[Passage, ...] = tuple(orphans)
        # A button must lead somewhere: a topic that selects nothing (a term the corpus no
        # longer answers) is left out of the menu, and "other" exists only when needed.
        parents = {t.parent for t in topics if t.parent and members.get(t.slug)}
        kept = [t for t in topics if members.get(t.slug) or t.slug in parents]
        self.empty: tuple[Topic, ...] = tuple(t for t in topics if t not in kept)
        self.topics: tuple[Topic, ...] = (*kept, *((OTHER_TOPIC,) if self.orphans else ()))
        self._by_slug = {t.slug: t for t in self.topics}
        self._members = {t.slug: tuple(members.get(t.slug, ())) for t in kept}
        if self.orphans:
            self._members[OTHER] = self.orphans
        self._of: dict[str, list[Topic]] = {}
        for topic in self.topics:
            for passage in self._members[topic.slug]:
                self._of.setdefault(passage.passage_id, []).append(topic)
        self.stale_pins: tuple[tuple[str, str], ...] = tuple(stale_pins)  # (slug, pin) not in the index

    def get(self, slug: str) -> Topic | None:
        return self._by_slug.get(slug)

    def menu(self, lang: str) -> tuple[Topic, ...]:
        """The top-level topics a reader of `lang` sees: no chapters, and of an act's two texts
        only the one in the reader's language (Russian for a reader of neither)."""
        wanted = lang if lang in ("kk", "ru") else "ru"
        return tuple(t for t in self.topics if not t.parent and t.lang in ("", wanted))

    def children(self, slug: str) -> tuple[Topic, ...]:
        """The chapters of an act's topic, in the act's order."""
        return tuple(t for t in self.topics if t.parent == slug)

    def members(self, slug: str) -> tuple[Passage, ...]:
        """The topic's passages by document and ordinal; empty for an unknown slug."""
        return self._members.get(slug, ())

    def topics_of(self, passage_id: str) -> tuple[Topic, ...]:
        """The topics holding a passage, in menu order."""
        return tuple(self._of.get(passage_id, ()))


def _section_matches(passage: Passage, needles: Sequence[str]) -> bool:
    section = passage.section.casefold()
    return any(needle.casefold() in section for needle in needles)


def term_members(index: Index, term: str) -> list[Passage]:
    """The passages a term retrieves strongly enough (see MIN_BM25 and RELATIVE)."""
    scores = index.query_scores(term)
    best = float(scores.max()) if len(scores) else 0.0
    bar = max(MIN_BM25, RELATIVE * best)
    return [index.passages[i] for i in np.flatnonzero(scores >= bar) if scores[i] > 0]


def _fitted(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" .,;:–-") + "…"


PREAMBLE_TITLE = {"kk": "Кіріспе", "ru": "Преамбула"}


def structure_topics(index: Index, limits: TopicLimits = DEFAULT_LIMITS) -> list[Topic]:
    """An act's topic and its chapters' (or sections') topics, from the act's own structure.

    A teacher who adds a law gets its chapters in the menu without writing topics.toml: the
    act's topic lists its chapters, each chapter its articles' passages.
    """
    by_doc: dict[str, list[Passage]] = {}
    for passage in index.passages:
        if passage.legal is not None:
            by_doc.setdefault(passage.doc_id, []).append(passage)
    # two editions of one act loaded: each act's topic says the year of its edition
    several = {(m.kind, m.act_number.upper()) for doc in index.legal.superseded if (m := index.documents.get(doc))}
    topics: list[Topic] = []
    for doc_id, passages in by_doc.items():
        meta = index.documents.get(doc_id)
        lang = passages[0].lang if doc_id in index.legal.links else ""
        name = meta.short_title if meta is not None else passages[0].title
        if meta is not None and meta.edition and (meta.kind, meta.act_number.upper()) in several:
            name = f"{meta.edition[:4]} · {name}"
        title = _fitted("§ " + name, limits.title)
        slug = "act-" + hashlib.sha1(doc_id.encode()).hexdigest()[:10]
        groups: dict[str, list[Passage]] = {}
        for passage in passages:
            assert passage.legal is not None
            name = passage.legal.chapter or passage.legal.part
            if not name and not passage.legal.article:
                name = PREAMBLE_TITLE.get(passage.lang, PREAMBLE_TITLE["ru"])
            groups.setdefault(name, []).append(passage)
        if len(groups) <= 1:
            topics.append(Topic(slug, title, title, (), passages=tuple(pin_of(p) for p in passages), lang=lang))
            continue
        topics.append(Topic(slug, title, title, (), lang=lang))
        for number, (name, members) in enumerate(groups.items(), start=1):
            chapter = _fitted(name or title, limits.title)
            topics.append(Topic(f"{slug}-{number}", chapter, chapter, (), passages=tuple(pin_of(p) for p in members),
                                parent=slug, lang=lang))
    return topics


def assign_topics(topics: Sequence[Topic], index: Index) -> TopicMap:
    """Give each topic the passages its terms, sections and pins select; the rest go to "other"."""
    rank = {p.passage_id: n for n, p in enumerate(index.passages)}  # documents in order, then ordinals
    by_pin = {pin_of(p): p for p in index.passages}
    cache: dict[str, list[Passage]] = {}
    members: dict[str, list[Passage]] = {}
    stale: list[tuple[str, str]] = []
    for topic in topics:
        chosen: dict[str, Passage] = {}
        # Terms and sections choose among prose passages: an act's articles have the act's own
        # topics, and would otherwise swamp a study topic ("акимы" holds a hundred articles).
        for term in topic.terms:
            if term not in cache:
                cache[term] = [p for p in term_members(index, term) if p.legal is None]
            chosen.update((p.passage_id, p) for p in cache[term])
        if topic.sections:
            chosen.update((p.passage_id, p) for p in index.passages
                          if p.legal is None and _section_matches(p, topic.sections))
        for pin in topic.passages:
            passage = by_pin.get(pin)
            if passage is None:
                stale.append((topic.slug, pin))
            else:
                chosen[passage.passage_id] = passage
        members[topic.slug] = sorted(chosen.values(), key=lambda p: rank[p.passage_id])
    claimed = {p.passage_id for passages in members.values() for p in passages}
    orphans = [p for p in index.passages if p.passage_id not in claimed]
    return TopicMap(topics, members, orphans, stale)
