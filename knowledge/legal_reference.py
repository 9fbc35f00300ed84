"""References to the articles of an act, both ways: read from a question, written as a citation.

A student types "статья 91 конституции", "ст. 39-3 п. 2", "39-3-бап 2-тармақ" or "91 бап"
and expects that article, not a BM25 guess (`read_reference`). An answer from a law needs
the reference a student can quote in an essay, in the reader's language:
"Закон РК от 23.01.2001 № 148-II, ст. 39-3, п. 2 (ред. от 07.11.2014)" or
"ҚР 2001 жылғы 23 қаңтардағы № 148-II Заңы, 39-3-бап, 2-тармақ" (`legal_citation`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from knowledge.legal_requisites import ActKind, Requisites

_NUM = r"(\d{1,3}(?:\s?-\s?\d{1,2})?)"
# "статья 91", "ст. 39-3", "статьи 91", "стат 5", "article 91"
_RU_ARTICLE = re.compile(rf"(?<!\w)(?:стать[яиеюй]\w*|стат|ст\.?|article|art\.?)\s*(?:№\s*)?{_NUM}(?!\d)", re.I)
# "91 статья", "91-я статья"
_RU_ARTICLE_AFTER = re.compile(rf"(?<![\w-]){_NUM}(?:-?(?:я|й|ой))?\s+стать[яиеюй]\w*", re.I)
# "91-бап", "91 бап", "39-3-бабы", "91 бабында"
_KK_ARTICLE = re.compile(rf"(?<![\w-]){_NUM}\s?-?\s?(?:ба[пб]|ba[pb])\w*", re.I)  # …and in Latin letters: "39-6 baby"
# "п. 2", "пункт 2", "пункта 2" ; "2-тармақ", "2 тармағы"
_RU_POINT = re.compile(r"(?<!\w)(?:пункт\w*|п\.?)\s*(\d{1,2})(?!\d)", re.I)
_RU_POINT_BEFORE = re.compile(r"(?<![\w-])(\d{1,2})(?:-?(?:й|ый))?\s+пункт\w*", re.I)
_KK_POINT = re.compile(r"(?<![\w-])(\d{1,2})\s?-?\s?тарма[қғкг](?!ша)\w*", re.I)
_SUBPOINT = re.compile(r"(?<!\w)(?:подпункт\w*|пп\.?|подп\.?)\s*(\d{1,2}(?:-\d{1,2})?)\)?"
                      r"|(?<![\w-])(\d{1,2}(?:-\d{1,2})?)\)?\s?-?\s?тарма[қк]ша\w*", re.I)
# «заң» typed on a Russian keyboard («заннын», «занга»), not Russian «занят», «занимать»
_ZAN = r"зан(?:ы|нын|ның|ын|га|да|дан|дар\w*|нама\w*)?|zan(?:y|nyn|nin|yn|ga|da|dar\w*)?"
_CONSTITUTION = re.compile(rf"конститу|ата\s+(?:заң|{_ZAN}(?!\w))|негізгі\s+заң|основно\w*\s+закон|constitution", re.I)
_LAW = re.compile(rf"(?<!\w)(?:закон\w*|заң\w*|{_ZAN}|law)(?!\w)", re.I)
# a constitutional law («Конституционный закон о выборах», «сайлау туралы конституциялық заң») is a law, not the
# Constitution, though it begins like it; constitutional laws as such («конституционные законы принимаются …») are
# what the Constitution speaks of
_A_CONSTITUTIONAL_LAW = re.compile(r"конституционн(?:ый|ого|ому|ым|ом)(?=\s+(?:закон|law))"
                                 r"|конституциял[ыи][қк](?=\s+(?:заң|зан)(?!\w*(?:дар|дер)))", re.I)

RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря")
# The month as Kazakh writes it before a date's noun: "23 қаңтардағы Заңы".
KK_MONTHS_OF = ("қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы", "шілдедегі",
                "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы")


@dataclass(frozen=True, slots=True)
class ArticleReference:
    """An article (and perhaps its пункт and подпункт) named in a question, and which act, if said."""

    article: str  # "91", "39-3"
    paragraph: str | None = None
    subparagraph: str | None = None
    act: ActKind | None = None


def read_reference(text: str) -> ArticleReference | None:
    """The article a question names, or None when it names none.

    Numbers of a decade or a year ("в 90-х", "1991 жылы") are not articles: an article
    needs its word (статья, ст., бап) beside the number.
    """
    for pattern in (_RU_ARTICLE, _RU_ARTICLE_AFTER, _KK_ARTICLE):
        found = pattern.search(text)
        if found:
            article = re.sub(r"\s", "", found.group(1))
            break
    else:
        return None
    point = _RU_POINT.search(text) or _RU_POINT_BEFORE.search(text) or _KK_POINT.search(text)
    sub = _SUBPOINT.search(text)
    act = named_act(text)
    return ArticleReference(article, point.group(1) if point else None,
                            (sub.group(1) or sub.group(2)) if sub else None, act)


def read_point_reference(text: str) -> ArticleReference | None:
    """The пункт a question names with no article ("пункт 12 правил выпаса", "қағидалардың 7-тармағы"): a by-law's
    пункты are numbered through the whole document. None when it names none."""
    point = _RU_POINT.search(text) or _RU_POINT_BEFORE.search(text) or _KK_POINT.search(text)
    if point is None or read_reference(text) is not None:
        return None
    sub = _SUBPOINT.search(text)
    return ArticleReference("", point.group(1), (sub.group(1) or sub.group(2)) if sub else None, ActKind.REGULATION)


# "39-4 обязанности органов мсу": a look-up typed on a phone that starts with an article's dashed number and
# no word for it; read as a reference only where a loaded act has that article (index.py)
_BARE = re.compile(r"^\s*(\d{1,3}-\d{1,2})(?![\w-])")


def read_bare_reference(text: str) -> ArticleReference | None:
    """The dashed article number a look-up starts with ("39-3 сход"), which may be one; None otherwise."""
    found = _BARE.match(text)
    return ArticleReference(found.group(1)) if found else None


def _ru_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _kk_date(day: date) -> str:
    return f"{day.year} жылғы {day.day} {KK_MONTHS_OF[day.month - 1]}"


# A code is cited by its name, which its title holds: «Бюджетный кодекс Республики Казахстан» → «Бюджетный кодекс
# РК», «Кодекс Республики Казахстан об административных правонарушениях» → «Кодекс РК об …», «Қазақстан
# Республикасының Бюджет кодексі» → «Бюджет кодексі» (after the date and number, as a law's «Заңы»)
_RU_CODE = re.compile(r"^(?:[\w-]+\s+){0,3}кодекс(?:\s+Республики\s+Казахстан(?:\s+.{1,80})?)?$", re.I)
_KK_REPUBLIC = re.compile(r"\s*Қазақстан\s+Республикасының\s*", re.I)
_KK_CODE = re.compile(r"^(?:[\w-]+\s+){0,6}кодексі$", re.I)


def _code_ru(title: str) -> str:
    title = " ".join(title.split())
    if not _RU_CODE.match(title):
        return "Кодекс РК"
    name = re.sub(r"\s+Республики\s+Казахстан", " РК", title, count=1, flags=re.I)
    name = name if " РК" in name else f"{name} РК"
    return name[:1].upper() + name[1:]


def _code_kk(title: str) -> str:
    name = _KK_REPUBLIC.sub(" ", " ".join(title.split())).strip()
    return name[:1].upper() + name[1:] if _KK_CODE.match(name) else "Кодексі"


_CODE_NAME = re.compile(r"^((?:[\w-]+\s+){1,3})кодекс(?:і|\b)", re.I)


def code_initials(title: str) -> str:
    """The abbreviation of a code's name a student writes for it: «Бюджетный кодекс Республики Казахстан» and
    «Қазақстан Республикасының Бюджет кодексі» → «БК», «Гражданский процессуальный кодекс» → «ГПК»; "" for
    any other title."""
    found = _CODE_NAME.match(_KK_REPUBLIC.sub(" ", " ".join(title.split())).strip())
    return "".join(word[0] for word in found[1].split()).upper() + "К" if found else ""


def _act_ru(requisites: Requisites, title: str) -> str:
    if requisites.kind is ActKind.CONSTITUTION:
        return "Конституция РК"
    if requisites.kind is ActKind.REGULATION:  # a регламент, положение or правила is named by its title
        named = f"«{title}»" if title else "Положение"
        if requisites.date and requisites.number:  # …and by the date and number of the order approving it
            named += f" (от {_ru_date(requisites.date)} № {requisites.number})"
        return named
    name = {ActKind.CODE: _code_ru(title)}.get(requisites.kind or ActKind.LAW,
                                              "Конституционный закон РК" if requisites.constitutional else "Закон РК")
    if requisites.date and requisites.number:
        return f"{name} от {_ru_date(requisites.date)} № {requisites.number}"
    if requisites.number:
        return f"{name} № {requisites.number}"
    return f"{name} «{title}»" if title else name


def _act_kk(requisites: Requisites, title: str) -> str:
    if requisites.kind is ActKind.CONSTITUTION:
        return "ҚР Конституциясы"
    if requisites.kind is ActKind.REGULATION:
        named = f"«{title}»" if title else "Ереже"
        if requisites.date and requisites.number:
            named += f" ({_kk_date(requisites.date)} № {requisites.number})"
        return named
    noun = {ActKind.CODE: _code_kk(title)}.get(requisites.kind or ActKind.LAW,
                                               "Конституциялық заңы" if requisites.constitutional else "Заңы")
    if requisites.date and requisites.number:
        return f"ҚР {_kk_date(requisites.date)} № {requisites.number} {noun}"
    if requisites.number:
        return f"ҚР № {requisites.number} {noun}"
    return f"ҚР «{title}» {noun}" if title else f"ҚР {noun}"


def legal_citation(requisites: Requisites, article: str | None, paragraphs: Sequence[str] = (),
                   lang: str = "ru", title: str = "") -> str:
    """The reference to an article (and its пункты) of an act, as a student quotes it.

    `title` names the act when its date and number are unknown (the portal's plain text
    often omits them); the edition, when known, closes the reference.
    """
    kazakh = lang == "kk"
    parts = [_act_kk(requisites, title) if kazakh else _act_ru(requisites, title)]
    if article:
        parts.append(f"{article}-бап" if kazakh else f"ст. {article}")
    if paragraphs:
        numbers = ", ".join(paragraphs)
        if kazakh:
            parts.append(f"{numbers}-тармақ" if len(paragraphs) == 1 else f"{numbers}-тармақтар")
        else:
            parts.append(f"п. {numbers}" if len(paragraphs) == 1 else f"пп. {numbers}")
    citation = ", ".join(parts)
    if requisites.edition and requisites.kind is not ActKind.CONSTITUTION:
        edition = _ru_date(requisites.edition)
        citation += f" ({edition} ж. редакциясы)" if kazakh else f" (ред. от {edition})"
    return citation


_ACT_NUMBER = re.compile(r"№?\s*\d{1,4}-[IVX]{1,5}(?![\w])")
_ACT_WORDS = re.compile(
    rf"(?<!\w)(?:конституци\w*|основно\w*\s+закон\w*|закон\w*|заң\w*|{_ZAN}|ата\s+заң\w*|негізгі\s+заң\w*|кодекс\w*"
    r"|рк|қр|constitution|law)(?!\w)",
    re.I,
)


def without_reference(text: str) -> str:
    """The question with its article reference and the act's name taken out: what else it asks."""
    for pattern in (_ACT_NUMBER, _RU_ARTICLE, _RU_ARTICLE_AFTER, _KK_ARTICLE, _SUBPOINT, _RU_POINT, _RU_POINT_BEFORE,
                    _KK_POINT, _ACT_WORDS, _BARE):
        text = pattern.sub(" ", text)
    return " ".join(text.split())


# Words that ask to see an article, not something in it: "ст. 13 открыть", "что гласит статья 6",
# "32-бапта не айтылған", "39-4-бапты көрсет".
_SHOW = re.compile(
    r"открыть|открой\w*|покаж\w*|показа\w*|выведи\w*|текст\w*|содержани\w*|полностью|целиком|прочита\w*"
    r"|почитать|говорит\w*|сказано|написано|гласит|сообщает\w*|көрсет\w*|ашып|ашыңыз|ашшы|аш|мәтін\w*|мәтин\w*"
    r"|толық|толык|айтыл\w*|делінген|жазыл\w*|оқы\w*|окы\w*|open|show|text", re.I)


def asks_to_show(words: str) -> bool:
    """Whether a word of a question that names an article only asks to see it ("открыть", "көрсет")."""
    return _SHOW.fullmatch(words) is not None


def named_act(text: str) -> ActKind | None:
    """The kind of act a question names ("по Конституции", "заң бойынша"), if any."""
    if _CONSTITUTION.search(_A_CONSTITUTIONAL_LAW.sub(" закон ", text)):
        return ActKind.CONSTITUTION
    if _LAW.search(text):
        return ActKind.LAW
    return None
