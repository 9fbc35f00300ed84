"""Reading an uploaded .txt, .docx or .pdf: its text, one paragraph per line.

Every format's quirks end here (encodings, hard-wrapped lines, page numbers, Word's styles and
tables of contents, a PDF's columns of lines), so that what follows — repair, the legal
parser, passages — reads the same plain text whatever the file was. Reading is bounded
(`knowledge.bounded`): a file is untrusted.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import PurePath
from typing import Any

from knowledge.bounded import DEFAULT_LIMITS, Limit, LimitExceeded, Limits, bounded_zip, check_characters
from knowledge.ingest import IngestError, IngestProblem
from knowledge.language import detect_language
from knowledge.legal_lines import match_heading
from knowledge.models import Document, DocumentMeta
from knowledge.normalize import DELETED_CHARS, HEADING_MARK, clean_characters
from knowledge.repair import repair
from knowledge.structure import TocEntry, is_toc_line, mark_toc_headings, parse_toc

SUPPORTED = (".txt", ".docx", ".pdf")


# --- text from a file -------------------------------------------------------------------

def extract_text(filename: str, content: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """The text of an uploaded file, one paragraph per line with a blank line between.

    Every failure of a parsing library is a BROKEN file: a user's file must never crash the bot.
    A file that would pass one of `limits` is TOO_LARGE (time and memory are the worker's to
    enforce, see `knowledge.extract_worker`).
    """
    extension = PurePath(filename).suffix.lower()
    if extension not in SUPPORTED:
        raise IngestError(IngestProblem.UNSUPPORTED, f"{filename!r}: only {', '.join(SUPPORTED)} are read")
    if len(content) > limits.download_bytes:
        raise IngestError.over(Limit.DOWNLOAD, f"{len(content)} bytes")
    readers = {".txt": _txt_paragraphs, ".docx": _docx_paragraphs, ".pdf": _pdf_paragraphs}
    try:
        paragraphs = readers[extension](content, limits)
    except IngestError:
        raise
    except LimitExceeded as exc:
        raise IngestError.over(exc.limit, str(exc)) from exc
    except MemoryError:
        raise
    except Exception as exc:  # any library error on a user's file means the same: it cannot be read
        raise IngestError(IngestProblem.BROKEN, f"{extension}: {type(exc).__name__}: {exc}") from exc
    # Tabs stay: Word's "-<tab>" list items are what the repair code turns into bullets.
    lines = (clean_characters(paragraph).replace("\n", " ").strip() for paragraph in paragraphs)
    text = "\n\n".join(line for line in lines if line)
    if len(text) > limits.characters:
        raise IngestError.over(Limit.CHARACTERS, f"{len(text)} characters")
    if not text.translate(DELETED_CHARS).strip():
        raise IngestError(IngestProblem.EMPTY, f"{filename!r} holds no text")
    return text


# .txt ------------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Where KZ-1048 (Windows Kazakh) puts Kazakh letters, cp1251 has Serbian, Macedonian and
# Ukrainian ones that Russian and Kazakh text never use.
_KZ1048_SIGNS = frozenset("ЌЋќћЎўЈҐЄЇґєјЅѕї")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_text(content: bytes) -> str:
    """Decode a plain-text upload: a BOM decides; else UTF-8; else Windows Cyrillic.

    Windows saves Russian as cp1251 and Kazakh as KZ-1048, which is cp1251 with sixteen
    rarely used letters replaced by Kazakh ones; a file showing those letters is KZ-1048.
    UTF-16 without a BOM is not guessed: Windows always writes one.
    """
    return _decode(content)[0]


def _decode(content: bytes) -> tuple[str, bool]:
    """The text, and whether its encoding was guessed (Windows Cyrillic) rather than known."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content.decode(encoding), False
    try:
        return content.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    text = content.decode("cp1251")
    return (content.decode("kz1048"), True) if _KZ1048_SIGNS.intersection(text) else (text, True)


_ALPHABETS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі" "abcdefghijklmnopqrstuvwxyz")
_JUDGED_LETTERS = 200  # fewer letters than this are too few to judge an encoding by


def plausible_text(text: str) -> bool:
    """Whether decoded text reads as words of Kazakh, Russian or English rather than mojibake.

    KOI8-R read as Windows Cyrillic comes out in capitals (its small letters sit where cp1251
    has capitals), cp866 as signs and Serbian letters: real text is mostly small letters of
    the three alphabets.
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) < _JUDGED_LETTERS:
        return True
    known = sum(c.lower() in _ALPHABETS for c in letters)
    small = sum(c.islower() for c in letters)
    visible = sum(not c.isspace() for c in text)
    return known >= 0.75 * visible and known >= 0.95 * len(letters) and small >= 0.6 * len(letters)


def _txt_paragraphs(content: bytes, limits: Limits) -> list[str]:
    try:
        text, guessed = _decode(content)
    except UnicodeDecodeError as exc:
        raise IngestError(IngestProblem.BROKEN, f"not UTF-8, UTF-16 or Windows Cyrillic text: {exc}") from exc
    check_characters(len(text), limits)
    if guessed and not plausible_text(text):
        raise IngestError(IngestProblem.GARBLED, "not Windows Cyrillic either (KOI8-R? cp866?)")
    if len(_CONTROL.findall(text)) > max(2, len(text) // 1000):
        raise IngestError(IngestProblem.BROKEN, "binary data, not text")
    text = _CONTROL.sub("", text).replace("\x0b", " ").replace("\x0c", "\n")  # Word's line break, a page break
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if _hard_wrapped(lines):
        return join_lines([lines])
    return lines


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of similar, short length that mostly stop mid-sentence: text wrapped by hand or by a PDF copy.

    The shipped files keep a paragraph per line (hundreds of characters), which must stay as it is.
    """
    inner = [line.rstrip() for line, after in pairwise(lines) if line.strip() and after.strip()]
    if len(inner) < 3:
        return False
    lengths = sorted(len(line) for line in inner)
    wide = lengths[round(0.9 * (len(lengths) - 1))]
    open_ended = sum(not _SENTENCE_END.search(line) for line in inner)
    return wide <= 100 and lengths[len(lengths) // 2] >= 0.7 * wide and open_ended >= 0.4 * len(inner)


# lines of a page -> paragraphs -----------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…:;][»”\")\]]*$")
_STARTS_BLOCK = re.compile(r"^(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"“(\[•·▪●◦–—]|\d)")
_BULLET = re.compile(r"^[•·▪●◦]")
# A dash or a number starts a list item only after a line that ended a sentence or a clause:
# a wrapped line may well begin with "– бұл" or "3. тармағында".
_LIST_ITEM = re.compile(r"^(?:[*–—-]\s|\d{1,3}[.)]\s|[а-яәғқңөұүһіa-z]\)\s)")
_LEADER = re.compile(r"\.{4,}|…{2,}")
_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—])\s*$")  # "7" or "- 7 -"
_BROKEN_WORD = re.compile(r"(\w+)([-\u00ad\u2010])$")
_NEXT_WORD = re.compile(r"^(\w+)")
_WORD = re.compile(r"\w+(?:-\w+)*")
SHORT_LINE = 0.8  # a line ending before this share of the page width may end a paragraph
HEADING_LINE = 0.6  # a line this short, followed by a capital, ends one even without a period


TAIL_CHARS = 200  # the end of a paragraph that the joining rules read: a longer word is not a word


@dataclass(slots=True)
class _Paragraph:
    """A paragraph being built from lines, joined once at the end so that joining stays linear."""

    parts: list[str]  # the lines, each but the first after its separator, as they will be joined
    right: int  # where the last line ends, in characters from the page's left edge
    width: int  # the usual right edge of the page's lines
    leader: bool  # some line holds dot leaders (a table of contents)

    @classmethod
    def start(cls, text: str, right: int, width: int) -> _Paragraph:
        return cls([text], right, width, bool(_LEADER.search(text)))

    def tail(self) -> str:
        """The last TAIL_CHARS characters: all that the rules at a line end look at."""
        pieces: list[str] = []
        size = 0
        for part in reversed(self.parts):
            pieces.append(part[-(TAIL_CHARS - size):])
            size += len(pieces[-1])
            if size >= TAIL_CHARS:
                break
        return "".join(reversed(pieces))

    def add(self, line: str, right: int, width: int, vocabulary: set[str]) -> None:
        """Append the next line: after a space, or glued where a word was broken at the line end."""
        joint = _joint(self.tail(), line, vocabulary)
        if joint == "-":
            self.parts[-1] = self.parts[-1][:-1]  # the typesetter's hyphen goes
        self.parts.append(" " + line if joint == " " else line)
        self.right, self.width = right, width
        self.leader = self.leader or bool(_LEADER.search(line))

    def text(self) -> str:
        return "".join(self.parts)


def join_lines(pages: Sequence[Sequence[str]]) -> list[str]:
    """Join the lines of laid-out pages into paragraphs, and words hyphenated at a line end.

    A paragraph ends at a blank line, before an indented line or a list item, and after a
    line that stops short of the margin with a period (or very short, as a heading does)
    when the next starts with a capital. Otherwise lines are joined, also across pages, whose
    first or last line is dropped if it is only a page number. Consecutive table-of-contents
    lines (dot leaders) become one line, which is how the repair code finds a table of contents.
    """
    vocabulary = {word.lower() for page in pages for line in page for word in _WORD.findall(line)}
    paragraphs: list[str] = []
    current: _Paragraph | None = None
    for page in pages:
        lines = _without_page_numbers(page)
        filled = [line.rstrip() for line in lines if line.strip()]
        if not filled:
            continue
        rights = sorted(len(line) for line in filled)
        width = rights[round(0.9 * (len(rights) - 1))]
        margin = min(len(line) - len(line.lstrip()) for line in filled)
        for raw in lines:
            if not raw.strip():
                if current is not None:
                    paragraphs.append(current.text())
                current = None
                continue
            text, right = " ".join(raw.split()), len(raw.rstrip())
            indented = len(raw) - len(raw.lstrip()) > margin + 1
            if current is not None and (indented or _ends_paragraph(current, text)):
                paragraphs.append(current.text())
                current = None
            if current is None:
                current = _Paragraph.start(text, right, width)
            else:
                current.add(text, right, width, vocabulary)
    if current is not None:
        paragraphs.append(current.text())
    return paragraphs


def _without_page_numbers(page: Sequence[str]) -> list[str]:
    lines = list(page)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in {filled[0], filled[-1]} if filled else set():
        if _PAGE_NUMBER.match(lines[i]):
            lines[i] = ""
    return lines


def _ends_paragraph(previous: _Paragraph, line: str) -> bool:
    if previous.leader and _LEADER.search(line):
        return False
    if match_heading(line) is not None:
        # «Статья 5. …», «87-бап», «Глава 2. …» open a block of an act wherever they stand: at the top of a page
        # they are not the end of the sentence or the heading the page before stopped on
        return True
    tail = previous.tail()
    if _BULLET.match(line) or (_LIST_ITEM.match(line) and _SENTENCE_END.search(tail)):
        return True
    if not _STARTS_BLOCK.match(line):
        return False
    if previous.right < HEADING_LINE * previous.width:
        return True
    return previous.right < SHORT_LINE * previous.width and bool(_SENTENCE_END.search(tail))


def _joint(text: str, line: str, vocabulary: set[str]) -> str:
    """How `line` follows `text`: " " after a space, "" glued on, "-" glued on in place of the hyphen.

    `бюджет-` + `тік` is `бюджеттік`, but `өзін-` + `өзі` stays `өзін-өзі`.
    """
    end, start = _BROKEN_WORD.search(text), _NEXT_WORD.match(line)
    if end is None or start is None:
        return " "
    head, tail = end.group(1), start.group(1)
    if head[-1].isdigit() and tail[0].isdigit():
        return ""  # 2019-2023
    if not tail[0].islower():
        return " "
    if end.group(2) != "\u00ad" and _keeps_hyphen(head, tail, vocabulary):
        return ""
    return "-"


def _keeps_hyphen(head: str, tail: str, vocabulary: set[str]) -> bool:
    """A hyphen at a line end belongs to the word when the document writes it so elsewhere.

    Otherwise it is kept after a number or an abbreviation (`ҚР-ның`) and in Kazakh
    reduplications (`бір-бірі`, `өзін-өзі`), and dropped as a typesetter's hyphen.
    """
    if f"{head}-{tail}".lower() in vocabulary:
        return True
    if f"{head}{tail}".lower() in vocabulary:
        return False
    return (any(c.isdigit() for c in head) or (len(head) > 1 and head.isupper())
            or head[:2].lower() == tail[:2].lower())


# .pdf ------------------------------------------------------------------------------------

def _pdf_paragraphs(content: bytes, limits: Limits) -> list[str]:
    from pypdf import PdfReader  # here: only uploads need it, and it slows every start

    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted and not reader.decrypt(""):
        raise IngestError(IngestProblem.BROKEN, "the PDF is protected by a password")
    if len(reader.pages) > limits.pages:
        raise LimitExceeded(Limit.PAGES, f"{len(reader.pages)} pages")
    pages: list[list[str]] = []
    failures: list[str] = []
    characters = 0
    for page in reader.pages:
        try:
            pages.append(_page_lines(page))
        except MemoryError:
            raise
        except Exception as exc:  # one damaged page costs that page, not the document
            failures.append(f"{type(exc).__name__}: {exc}")
            continue
        characters += sum(len(line.strip()) for line in pages[-1])  # layout mode pads lines with spaces
        check_characters(characters, limits)
    if failures and not pages:
        raise IngestError(IngestProblem.BROKEN, f"no page could be read: {failures[0]}")
    return join_lines(pages)


def _page_lines(page: Any) -> list[str]:
    """Layout mode keeps the blank line between paragraphs and the indents; plain mode is the fallback."""
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:
        text = page.extract_text()
    return str(text).split("\n")


# .docx -----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Containers whose paragraphs are part of the body: tables, rows, cells, content controls.
_BLOCK_CONTAINERS = {f"{_W}{tag}" for tag in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml")}
# Containers of runs inside a paragraph; deletions (w:del, w:moveFrom) are left out.
_RUN_CONTAINERS = {f"{_W}{tag}" for tag in ("hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent",
                                            "fldSimple", "customXml")}
_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": " ", f"{_W}cr": " ",
             f"{_W}noBreakHyphen": "-"}
_OFF = ("0", "false", "off")
# A hand-made table-of-contents entry: dot leaders or a tab, then a page number.
_TOC_ENTRY = re.compile(r"(?:\.{4,}|…{2,}|\t)\s*\d{1,4}\s*$")
HEADING_WORDS = 12  # a bold line longer than this is emphasis, not a heading


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    heading: bool = False


def _docx_paragraphs(content: bytes, limits: Limits) -> list[str]:
    unpacked = bounded_zip(content, limits.unpacked_bytes)
    import docx  # here: only uploads need it, and it slows every start

    document = docx.Document(unpacked)
    styles = _StyleFacts(document.styles.element)
    blocks: list[_Block] = []
    characters = 0
    for p in _paragraph_elements(document.element.body):
        runs = list(_runs(p))
        raw = "".join(_run_text(r) for r in runs)
        text = clean_characters(raw).strip()
        style = _style_id(p)
        if not text or styles.is_toc(style) or _TOC_ENTRY.search(raw):
            continue  # Word's own table of contents: the headings make a new one
        heading = styles.is_heading(p, style) or _bold_line(text, runs, styles.is_bold(style))
        if heading:
            text = " ".join(text.split())
        if not heading and (_numbered(p) or styles.is_list(style)):
            text = f"• {text}"  # Word numbers list items itself; the text has no bullet
        characters += len(text) + 2
        check_characters(characters, limits)
        blocks.append(_Block(text, heading))
    contents = _contents_line(blocks)
    return ([contents] if contents else []) + [block.text for block in blocks]


def _within(element: Any, tag: str, containers: set[str]) -> Iterator[Any]:
    """The `tag` elements below `element` in document order, looking inside `containers` only."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in containers:
            yield from _within(child, tag, containers)


def _paragraph_elements(element: Any) -> Iterator[Any]:
    """Every body paragraph in document order, table cells included, text boxes not."""
    return _within(element, f"{_W}p", _BLOCK_CONTAINERS)


def _runs(element: Any) -> Iterator[Any]:
    """A paragraph's runs, those inside hyperlinks, insertions and content controls included."""
    return _within(element, f"{_W}r", _RUN_CONTAINERS)


def _run_text(run: Any) -> str:
    parts: list[str] = []
    for child in run:
        if child.tag in _RUN_TEXT:
            replacement = _RUN_TEXT[child.tag]
            parts.append(child.text or "" if replacement is None else replacement)
    return "".join(parts)


def _style_id(p: Any) -> str:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return str(style.get(f"{_W}val")) if style is not None else ""


def _outline_level(element: Any) -> int | None:
    level = element.find(f"{_W}pPr/{_W}outlineLvl")
    value = level.get(f"{_W}val") if level is not None else None
    return int(value) if value is not None and value.isdigit() else None


def _numbered(element: Any) -> bool:
    number = element.find(f"{_W}pPr/{_W}numPr/{_W}numId")
    return number is not None and number.get(f"{_W}val") != "0"


def _bold_line(text: str, runs: list[Any], style_bold: bool) -> bool:
    """A short all-bold line without final punctuation: how many Word users make a heading."""
    if len(text.split()) > HEADING_WORDS or _SENTENCE_END.search(text) or text.endswith(","):
        return False
    if not any(c.isalpha() for c in text):
        return False
    shown = [r for r in runs if _run_text(r).strip()]
    return bool(shown) and all(_bold(r, style_bold) for r in shown)


def _bold(element: Any, inherited: bool) -> bool:
    bold = element.find(f"{_W}rPr/{_W}b")
    return inherited if bold is None else bold.get(f"{_W}val") not in _OFF


class _StyleFacts:
    """What a paragraph style says about its paragraphs, following `basedOn` to the root."""

    def __init__(self, root: Any) -> None:
        self._styles: dict[str, Any] = {
            str(style.get(f"{_W}styleId")): style
            for style in root.iter(f"{_W}style") if style.get(f"{_W}type") == "paragraph"
        }

    def _chain(self, style_id: str) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            based = style.find(f"{_W}basedOn")
            style_id = str(based.get(f"{_W}val")) if based is not None else ""

    def _names(self, style_id: str) -> list[str]:
        names = [style_id.lower()]
        for style in self._chain(style_id):
            name = style.find(f"{_W}name")
            if name is not None:
                names.append(str(name.get(f"{_W}val")).lower())
        return names

    def is_heading(self, p: Any, style_id: str) -> bool:
        levels = [_outline_level(p), *(_outline_level(style) for style in self._chain(style_id))]
        level = next((lvl for lvl in levels if lvl is not None), None)
        if level is not None:
            return level < 9  # level 9 is Word's "body text"
        return any(re.fullmatch(r"heading ?\d", name) for name in self._names(style_id))

    def is_toc(self, style_id: str) -> bool:
        return any(re.fullmatch(r"toc ?\d|toc ?heading", name) for name in self._names(style_id))

    def is_list(self, style_id: str) -> bool:
        return any(_numbered(style) for style in self._chain(style_id))

    def is_bold(self, style_id: str) -> bool:
        return next((_bold(style, False) for style in self._chain(style_id)
                     if style.find(f"{_W}rPr/{_W}b") is not None), False)


# headings the repair code can see ----------------------------------------------------------

CONTENTS_WORDS = {"kk": "Мазмұны", "ru": "Содержание", "en": "Contents"}
_MAX_HEADINGS = 300
_MAX_RETRIES = 10
_CHECK_META = DocumentMeta(title="check", short_title="check", kind="other")
_LANGUAGE_TAG = re.compile(r"\s*\((?:kk|ru|en)\)$")


def _contents_line(blocks: Sequence[_Block]) -> str:
    """A one-line table of contents naming the headings, so that repair makes them sections.

    The repair code finds headings only through such a line (as in the shipped thesis), a
    run-in word (`Кіріспе.`) or a title glued to a sentence, and puts each at the first place
    its words occur. A heading whose words occur earlier is left out of the line, and the
    line is dropped unless repair then finds every heading it names: the text is never changed.
    """
    titles = list(dict.fromkeys(b.text for b in blocks if b.heading and _fits_contents(b.text)))[:_MAX_HEADINGS]
    lines = [b.text for b in blocks]
    for _ in range(_MAX_RETRIES):
        if not titles:
            return ""
        expected: list[str] = []
        placed: set[str] = set()
        for block in blocks:
            first = block.heading and block.text in titles and block.text not in placed
            placed.update([block.text] if first else [])
            expected.append(HEADING_MARK + block.text if first else block.text)
        entries = [TocEntry(label="", title=title) for title in titles]
        marked = mark_toc_headings("\n".join(lines), entries).split("\n")
        found = [line.strip() for line in marked if line.strip()]
        if found == expected:
            return _checked_contents(titles, lines)
        culprit = _misplaced(expected, found, titles)
        if culprit is None:
            return ""
        titles.remove(culprit)
    return ""


def _fits_contents(title: str) -> bool:
    """A heading that survives the trip through a table of contents unchanged."""
    return parse_toc(f".... {title} ....") == [TocEntry(label="", title=title)]


def _misplaced(expected: list[str], found: list[str], titles: list[str]) -> str | None:
    """The heading that was marked where a body line was expected."""
    marks = {HEADING_MARK + title: title for title in titles}
    at = next((i for i, (a, b) in enumerate(zip(expected, found, strict=False)) if a != b),
              min(len(expected), len(found)))
    return next((marks[line] for line in found[at:at + 3] if line in marks), None)


def _checked_contents(titles: list[str], lines: list[str]) -> str:
    """The contents line, if repair turns every title it names into a section, in order."""
    body = "\n\n".join(lines)
    word = CONTENTS_WORDS.get(detect_language(body), CONTENTS_WORDS["kk"])
    line = f"{word} " + " ".join(f"{title} ...." for title in titles) + " ...." * max(0, 3 - len(titles))
    if not is_toc_line(line) or [entry.title for entry in parse_toc(line)] != titles:
        return ""
    sections = repair(Document(doc_id="check", raw=f"{line}\n\n{body}", meta=_CHECK_META)).sections
    named = iter(_LANGUAGE_TAG.sub("", section.title) for section in sections)
    return line if all(title in named for title in titles) else ""


