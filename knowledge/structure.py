"""Finding headings: the one-line table of contents, glued headings, run-in headings.

Headings are put on a line of their own, prefixed with HEADING_MARK; repair.py turns
those lines into Section records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.normalize import HEADING_MARK, LOWER, UPPER

# Dot leaders and the page number after them, but not the "1" of a following "1.2".
_LEADERS = re.compile(r"(?:\.{4,}|…{2,})\s*(?:\d+(?!\.\d))?")
_TOC_WORDS = re.compile(r"^\s*(?:Мазмұны|Содержание|Оглавление|Contents)\s*", re.I)
_CHAPTER_LABEL = re.compile(r"^((?:[IVX]+|\d+)\s+(?:ТАРАУ|ТАРАУ\.|ГЛАВА|CHAPTER|БӨЛІМ|РАЗДЕЛ))\s+(.*)$")
_NUMBERED = re.compile(r"(?<=\S)(?=\d+\.\d+\s)")
_GLUED_TAIL = re.compile(rf"(?<=[{LOWER}][.!?])([{UPPER}][^.!?:;\n]{{2,80}})$", re.M)

# Run-in headings of academic papers: "Аннотация. Мақалада …", "Keywords: …".
RUN_IN_HEADINGS = (
    "Аннотация",
    "Андатпа",
    "Түйіндеме",
    "Резюме",
    "Abstract",
    "Summary",
    "Түйін сөздер",
    "Түйінді сөздер",
    "Ключевые слова",
    "Keywords",
    "Key words",
    "Кіріспе",
    "Введение",
    "Introduction",
    "Негізгі бөлім",
    "Основная часть",
    "Main part",
    "Қорытынды",
    "Заключение",
    "Выводы",
    "Conclusion",
    "Conclusions",
    "Әдебиеттер",
    "Әдебиеттер тізімі",
    "Пайдаланылған әдебиеттер",
    "Литература",
    "Список литературы",
    "References",
)
# Sections that list key words rather than say anything: they match every question a little.
KEYWORD_SECTIONS = {"түйін сөздер", "түйінді сөздер", "ключевые слова", "keywords", "key words"}
# Sections that retell the document in short (its abstract in each language).
SUMMARY_SECTIONS = frozenset({"аннотация", "андатпа", "түйіндеме", "резюме", "abstract", "summary"})
# Sections whose language is part of their name (the article has two "Аннотация").
LANGUAGE_TAGGED = SUMMARY_SECTIONS | KEYWORD_SECTIONS
_RUN_IN = re.compile(
    r"^[ \t]*(" + "|".join(sorted(map(re.escape, RUN_IN_HEADINGS), key=len, reverse=True))
    + r")[ \t]*[.:][ \t]*",
    re.M | re.I,
)


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One line of a table of contents: an optional label ("I ТАРАУ") and a title."""

    label: str
    title: str

    @property
    def heading(self) -> str:
        return f"{self.label}. {self.title}" if self.label else self.title


def is_toc_line(line: str) -> bool:
    """A line with three or more dot leaders is a table of contents, never a passage."""
    return len(_LEADERS.findall(line)) >= 3


def parse_toc(line: str) -> list[TocEntry]:
    """Split a one-line table of contents into its entries."""
    entries: list[TocEntry] = []
    for chunk in _LEADERS.split(_TOC_WORDS.sub("", line)):
        for part in _NUMBERED.split(chunk):
            title = " ".join(part.split())
            if not title:
                continue
            match = _CHAPTER_LABEL.match(title)
            if match:
                entries.append(TocEntry(label=match.group(1), title=match.group(2)))
            else:
                entries.append(TocEntry(label="", title=title))
    return entries


def _title_pattern(title: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in title.split()]
    return re.compile(r"[ \t]*".join(words[:1]) + "".join(r"\s*" + w for w in words[1:]))


def mark_toc_headings(text: str, entries: list[TocEntry]) -> str:
    """Put each table-of-contents title found in the body on its own heading line."""
    for entry in entries:
        pattern = _title_pattern(entry.title)
        match = pattern.search(text)
        if match is None:
            continue
        heading = entry.heading
        text = f"{text[:match.start()]}\n{HEADING_MARK}{heading}\n{text[match.end():]}"
    return text


def mark_glued_headings(text: str) -> str:
    """A short title glued after a sentence at the end of a line is a heading.

    Example: `… ескеру қажет.Зерттеу пәнінің актуалдығы` (no space after the period,
    no final punctuation, at most six words).
    """

    def split(match: re.Match[str]) -> str:
        tail = match.group(1)
        words = tail.split()
        # "СССР-ң 1936 ж" (a sentence cut at "ж." by the extraction) is not a heading.
        if len(words) > 6 or len(words[-1]) < 3 or any(c.isdigit() for c in tail):
            return tail
        return f"\n{HEADING_MARK}{tail.strip()}"

    return _GLUED_TAIL.sub(split, text)


def mark_run_in_headings(text: str) -> str:
    """`Аннотация. Мақалада …` → a heading line `Аннотация` and the paragraph."""

    def split(match: re.Match[str]) -> str:
        return f"{HEADING_MARK}{match.group(1)}\n"

    return _RUN_IN.sub(split, text)
