"""Recognising the lines of a legal act: headings of each level, numbered items and notes.

Every pattern is anchored at the start of a stripped line, because the portal puts each
heading, пункт and note on a line of its own; a reference inside a sentence ("статьей 16")
never starts a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.document_tree import NodeKind

LEVEL = {
    NodeKind.APPENDIX: 1,
    NodeKind.SECTION: 1,
    NodeKind.CHAPTER: 2,
    NodeKind.SUBCHAPTER: 3,
    NodeKind.ARTICLE: 4,
    NodeKind.PARAGRAPH: 5,
    NodeKind.SUBPARAGRAPH: 6,
}


_NUM = r"\d+(?:\s*-\s*\d+)*"
_ROMAN = r"[IVXLІХ]+"
_TAIL = r"\s*(?P<dot>\.)?\s*(?P<title>.*)$"
_HEADINGS: tuple[tuple[NodeKind, re.Pattern[str]], ...] = (
    (NodeKind.SECTION, re.compile(rf"^(?:Раздел|РАЗДЕЛ)\s+(?P<num>{_ROMAN}|{_NUM})(?![\w-]){_TAIL}")),
    (NodeKind.SECTION, re.compile(rf"^(?P<num>{_ROMAN}|{_NUM})\s*-?\s*(?:бөлім|БӨЛІМ)(?!\w){_TAIL}")),
    # a code's or a constitutional law's two parts: "II. Особенная часть", "II. Ерекше бөлім", "1. Жалпы бөлім",
    # or with no number ("ОБЩАЯ ЧАСТЬ", "ЕРЕКШЕ БӨЛІК" in the Budget Code of 2025)
    (NodeKind.SECTION, re.compile(rf"^(?:(?P<num>{_ROMAN}|{_NUM})(?P<dot>\.)\s*)?"
                                  r"(?P<title>(?:Общая|ОБЩАЯ|Особенная|ОСОБЕННАЯ)\s+(?:часть|ЧАСТЬ)"
                                  r"|(?:Жалпы|ЖАЛПЫ|Ерекше|ЕРЕКШЕ)\s+(?:бөлім|БӨЛІМ|бөлік|БӨЛІК))\s*$")),
    (NodeKind.CHAPTER, re.compile(rf"^(?:Глава|ГЛАВА)\s+(?P<num>{_NUM}|{_ROMAN})(?![\w-]){_TAIL}")),
    (NodeKind.CHAPTER, re.compile(rf"^(?P<num>{_NUM}|{_ROMAN})\s*-?\s*(?:тарау|ТАРАУ)(?!\w){_TAIL}")),
    # a code groups a chapter's articles in параграфы: "Параграф 2. Бюджет местного самоуправления", "2-параграф."
    (NodeKind.SUBCHAPTER, re.compile(rf"^(?:Параграф|ПАРАГРАФ)\s+(?P<num>{_NUM})(?![\w-]){_TAIL}")),
    (NodeKind.SUBCHAPTER, re.compile(rf"^(?P<num>{_NUM})\s*-\s*(?:параграф|ПАРАГРАФ)(?!\w){_TAIL}")),
    (NodeKind.ARTICLE, re.compile(rf"^(?:Статья|СТАТЬЯ)\s+(?P<num>{_NUM})(?![\w-]){_TAIL}")),
    # …the hyphen left out now and then («32-2 бап. Облыстық маңызы бар қаладағы аудан …» in the 2026 edition)
    (NodeKind.ARTICLE, re.compile(rf"^(?P<num>{_NUM})\s*-?\s*(?:бап|БАП)(?!\w){_TAIL}")),
)
# Without a dot after the number ("Статья 91", "Раздел IX Местное …") a title must look like
# one: a capital first and no closing punctuation, so that "Статья 5 Закона гласит…" stays text.
_UNDOTTED_TITLE = re.compile(r"^(?:[А-ЯЁӘҒҚҢӨҰҮҺІA-Z«\"(].*[^.;:,])?$")
_PARAGRAPH = re.compile(r"^(\d+(?:-\d+)*)\.\s+(\S.*)$")
_SUBPARAGRAPH = re.compile(r"^(\d+(?:-\d+)*)\)\s*(.*)$")
# A glued table-of-contents line holds two headings: "Статья 39-2 . … Статья 39-3 . …".
GLUED_ARTICLE = re.compile(rf"\s+(?=(?:Статья\s+{_NUM}\s*\.|{_NUM}-бап\.))")

# The portal's notes: an amendment note ("Сноска." / "Ескерту."), a remark pointing at a ruling
# ("Примечание." / "Ескертпе."), and the publisher's warning of an amendment not yet in force,
# whose header line ("Примечание РЦПИ!") is followed by the note itself on the next line.
_NOTE = re.compile(r"^(Сноска|Ескерту|Примечание|Ескертпе|Ескертулер)\s*\.\s*")
# A bare «Примечание!» / «Ескертпе!» heads a remark on the next line (a review by the Constitutional Court begun).
_NOTE_HEADER = re.compile(
    r"^(Примечание\s+(?:РЦПИ|ИЗПИ)|(?:РҚАО|ЗҚАИ)-ның\s+ескертпесі|Примечание\s+редакции)\s*!?\s*$"
    r"|^(Примечание|Ескертпе)\s*!\s*$", re.I
)
_EXCLUDED_TITLE = re.compile(
    r"^\(?\s*(?:исключен[аоы]?|утратил[аои]?\s+силу|алып\s+тасталды|алынып\s+тасталды|күші\s+жойылды)\b",
    re.I,
)
_EXCLUDED_NOTE = re.compile(
    r"(?:Стать[яи]\s+(?:\d+(?:-\d+)*\s+)?исключен|"
    r"\d+(?:-\d+)*-бап\s+(?:алып|алынып)\s+тасталды|"
    r"Статья\s+(?:\d+(?:-\d+)*\s+)?утратила\s+силу|\d+(?:-\d+)*-баптың\s+күші\s+жойылды)",
    re.I,
)
# The article a note names as its subject, at its start: "Статья 9 в редакции…", "В статью 6…",
# "Закон дополнен статьей 2-1…", "16-бап алып тасталды…", "Заң 2-1-баппен толықтырылды…".
_NOTE_SUBJECT = (
    re.compile(r"^(?:В\s+)?стать[яюие]\s+(\d+(?:-\d+)*)\b", re.I),
    re.compile(r"^Закон\s+дополнен\s+статьей\s+(\d+(?:-\d+)*)\b", re.I),
    re.compile(r"^(?:Заң\s+)?(\d+(?:-\d+)*)-(?:бап|бапқа|баппен|баптың|бабы|бабына)\b", re.I),
)
_SIGNATURE = re.compile(
    r"^(?:_{3,}|Президент[іiи]?|Республики\s+Казахстан|Қазақстан\s+Республикасының|"
    r"Президент\s+Республики\s+Казахстан|Қазақстан\s+Республикасының\s+Президент[іiи]|"  # on one line
    r"(?:Астана|Алматы),?.*\d{4}.*|№\s*[\w-]+)$",
    re.I,
)
# the signatory under it, initials and surname in capitals: «К. ТОКАЕВ», «Қ. ТОҚАЕВ», «Н. НАЗАРБАЕВ»
_SIGNATORY = re.compile(r"^(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?){1,2}[А-ЯЁӘҒҚҢӨҰҮҺІ][А-ЯЁӘҒҚҢӨҰҮҺІ-]+$")


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line: its level, number as written (spaces dropped) and title."""

    kind: NodeKind
    number: str
    title: str


def roman_to_latin(number: str) -> str:
    """Section numbers written with Kazakh "І" or Cyrillic "Х" become Latin Roman numerals."""
    return number.replace("І", "I").replace("Х", "X")


def clean_number(number: str) -> str:
    """'2-1 ' → '2-1': the portal sometimes spaces the parts of a composite number."""
    return re.sub(r"\s+", "", number)


def match_heading(line: str) -> Heading | None:
    """The section, chapter or article heading a stripped line is, if any."""
    for kind, pattern in _HEADINGS:
        if match := pattern.match(line):
            title = match["title"].strip()
            if not match["dot"] and not _UNDOTTED_TITLE.match(title):
                return None
            number = clean_number(match["num"] or "")
            if kind is NodeKind.SECTION:
                number = roman_to_latin(number)
            return Heading(kind, number, title)
    return None


# An appendix of the document an act approves, after its last пункт: "Приложение 1 к правилам", "ПРИЛОЖЕНИЕ 1",
# "Қағидалардың 1-қосымшасы", "… қағидаларына 2-қосымша"
# (not the stamp over the document an order or a decision approves: «Приложение к решению …», «… шешіміне қосымша»)
_APPENDIX = re.compile(r"^(?:Приложение|ПРИЛОЖЕНИЕ)(?:\s+№?\s*(\d+))?"
                       r"(?:\s+к\s+(?!решению|приказу|постановлению|распоряжению|совместному)[^.;:]*)?$"
                       r"|^(?![^.;:]*(?:шешіміне|бұйрығына|қаулысына|өкіміне))(?:[^.;:]{0,150}\s)?(\d+)\s*-\s*"
                       r"(?:қосымша|ҚОСЫМША)(?:сы|СЫ)?$")
APPENDIX_CHARS = 200


def match_appendix(line: str) -> Heading | None:
    """The heading of an appendix a stripped line is, if any (its number "" when it has none)."""
    if len(line) >= APPENDIX_CHARS or (found := _APPENDIX.match(line)) is None:
        return None
    return Heading(NodeKind.APPENDIX, found[1] or found[2] or "", line)


def looks_like_title(text: str) -> bool:
    """A heading's title without a dot after its number: a capital first and no closing punctuation."""
    return _UNDOTTED_TITLE.match(text) is not None


def match_item(line: str) -> tuple[NodeKind, str, str] | None:
    """A пункт "1. …" or подпункт "1) …": its kind, number and the text after the number."""
    if match := _PARAGRAPH.match(line):
        return NodeKind.PARAGRAPH, match[1], match[2]
    if match := _SUBPARAGRAPH.match(line):
        return NodeKind.SUBPARAGRAPH, match[1], match[2]
    return None


def note_label(line: str) -> tuple[str, bool] | None:
    """The label of a note line ("Сноска") and whether it is a header whose text follows."""
    if match := _NOTE.match(line):
        return match[1], False
    if match := _NOTE_HEADER.match(line):
        return match[1] or match[2], True
    return None


def note_subject(text: str) -> str | None:
    """The article number a note names as its subject, if it starts by naming one."""
    text = _NOTE.sub("", text.strip())
    for pattern in _NOTE_SUBJECT:
        if match := pattern.match(text):
            return match[1]
    return None


def is_excluded_title(text: str) -> bool:
    """'Исключена Законом РК от …', '(исключен)', 'алып тасталды …' in place of a title or item."""
    return bool(_EXCLUDED_TITLE.match(text.strip()))


def says_excluded(note: str) -> bool:
    """A note that says its article was excluded: 'Статья 16 исключена …', '40-бап алынып тасталды'."""
    return bool(_EXCLUDED_NOTE.search(note[:200]))


def is_signature(line: str) -> bool:
    """A line of the closing block: 'Президент', 'Республики Казахстан', 'К. ТОКАЕВ', 'Астана, Акорда, …', '____'."""
    return bool(_SIGNATURE.match(line.strip()) or _SIGNATORY.match(line.strip()))


def number_key(number: str) -> tuple[int, ...]:
    """'39-3' → (39, 3), for ordering пункты and articles."""
    return tuple(int(part) for part in re.findall(r"\d+", number))
