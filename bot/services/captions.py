"""An upload's caption read as its title and kind: `Title | kind`, or the kind on the second line.

The kind may be named in English, Russian or Kazakh, the way an admin writes it in a chat.
"""

from __future__ import annotations

import re

from knowledge.ingest import KINDS, TITLE_CHARS, clean_title

# Caption words for a kind, in the three languages of the collection.
KIND_WORDS: dict[str, str] = {
    **{kind: kind for kind in KINDS},
    **dict.fromkeys(("закон", "заң", "заңнама", "нпа", "нормативный акт", "нормативтік акт"), "law"),
    **dict.fromkeys(("конституция", "конституциясы", "ата заң"), "constitution"),
    **dict.fromkeys(("кодекс", "кодексі"), "code"),
    **dict.fromkeys(("положение", "постановление", "правила", "регламент", "приказ", "решение", "ереже", "қаулы",
                     "қағидалар", "регламенті", "бұйрық", "шешім"), "regulation"),
    **dict.fromkeys(("article", "journal", "статья", "журнал", "мақала"), "journal_article"),
    **dict.fromkeys(("thesis", "диплом", "дипломная работа", "бітіру жұмысы", "дипломдық жұмыс",
                     "диссертация", "курсовая", "курстық жұмыс"), "thesis_chapter"),
    **dict.fromkeys(("учебник", "учебное пособие", "оқулық", "оқу құралы"), "textbook"),
    **dict.fromkeys(("другое", "басқа", "прочее"), "other"),
}


def parse_caption(caption: str | None) -> tuple[str | None, str | None]:
    """Title and kind from an upload's caption: `Title | kind`, or the kind on the second line.

    A kind is taken only when it names one of KINDS (in English, Russian or Kazakh); a
    caption that is only a kind gives no title. Whatever is missing is None.
    """
    lines = [clean_title(line) for line in (caption or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return None, None
    title, kind = lines[0], None
    if "|" in title:
        title, _, named = title.rpartition("|")
        kind = _kind(named)
    elif len(lines) == 1 and _kind(title) is not None:
        return None, _kind(title)
    if kind is None and len(lines) > 1:
        kind = _kind(lines[1])
    title = title.strip()[:TITLE_CHARS].rstrip()
    return title or None, kind


def _kind(word: str) -> str | None:
    key = re.sub(r"[\s_-]+", " ", word.strip(" .,;:!#*«»\"'").casefold())
    return KIND_WORDS.get(key) or KIND_WORDS.get(key.replace(" ", "_"))
