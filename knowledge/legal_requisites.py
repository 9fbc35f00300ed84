"""The requisites of a legal act: what kind of act, of which date and number, in which edition.

Citations ("Закон РК от 23.01.2001 № 148-II") and the linking of the Kazakh and Russian
texts of one act both rest on these facts, so they are read from the act's own words.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from knowledge.legal_text import find_dates, parse_kk_date, parse_ru_date


class ActKind(StrEnum):
    """The kinds of act a citation names differently."""

    LAW = "law"
    CONSTITUTION = "constitution"
    CODE = "code"
    REGULATION = "regulation"


@dataclass(frozen=True, slots=True)
class Requisites:
    """What identifies an act: kind, date and number of adoption, edition, title, language.

    `date` and `number` stay None when the text does not state them (the portal's plain
    text often starts with the table of contents); `effective` is the date the act comes
    into force when a note says so.
    """

    kind: ActKind | None
    lang: str
    title: str = ""
    date: datetime.date | None = None
    number: str = ""
    edition: datetime.date | None = None
    effective: datetime.date | None = None
    line: str = ""  # the requisites line as written, when there is one
    constitutional: bool = False  # a constitutional law (Конституционный закон / Конституциялық заң)


_NUMBER = r"[№N]\s*([0-9]+(?:-[0-9]+)?(?:-[IVXІ]+)?(?:-[А-ЯA-Z]+)?)"
# …and as an approval stamp names it: "Утверждены приказом Министра …", "Приложение к решению маслихата …"
_RU_KIND = (r"(Конституционный\s+закон|Закон|Кодекс|Указ(?:ом|у)?|Нормативн(?:ое|ым|ому)\s+постановлени(?:е|ем|ю)"
            r"|Постановлени(?:е|ем|ю)|Положение|Конституция|Приказ(?:ом|у)?|Решени(?:е|ем|ю)|Распоряжени(?:е|ем|ю))")
# "Закон Республики Казахстан от 23 января 2001 года № 148-II"; a by-law names who issued it between its kind and
# its date: "Приказ Министра национальной экономики Республики Казахстан от …", "Решение маслихата города Алматы от …"
_ISSUER_RU = r"(?:[^\W\d_][\w«»\"-]*[ \t]+){0,12}?"  # on the requisites' own line
_RU_LINE = re.compile(
    rf"{_RU_KIND}[ \t]+{_ISSUER_RU}от\s+(\d{{1,2}})\s+([а-я]+)\s+(\d{{4}})\s+года\s+{_NUMBER}", re.I
)
# "Қазақстан Республикасының 2001 жылғы 23 қаңтардағы № 148-II Заңы"; a by-law's issuer stands before the date:
# "Қазақстан Республикасы Ұлттық экономика министрінің 2023 жылғы 7 тамыздағы № 150 бұйрығы"
_KK_LINE = re.compile(
    r"(?:Қазақстан\s+Республикасы(?:ның)?\s+(?:[^\W\d_][\w-]*\s+){0,6}?)?(?<!\w)(\d{4})\s+жылғы\s+(\d{1,2})\s+([а-яәғқңөұүһі]+)\s+"
    + _NUMBER
    + r"\s*(.{0,300}?)\s*(Конституциялық\s+заңы|Заңы|Кодексі|Жарлығы(?:мен|на)?|қаулысы(?:мен|на)?|бұйрығы(?:мен|на)?"
    r"|шешімі(?:мен|не)?|өкімі(?:мен|не)?)(?!\w)",
    re.I | re.S,
)
_PLACE_LINE = re.compile(r"^\s*(?:Астана|Алматы|Нұр-Сұлтан|Нур-Султан),?\s+(?:Ақорда|Акорда)?.*?\d{4}", re.M)
_EDITION = re.compile(
    r"(?:по\s+состоянию\s+на|в\s+редакции\s+от|ред\.\s+от)\s+(\d{1,2}\.\d{1,2}\.\d{4})"
    r"|(\d{1,2}\.\d{1,2}\.\d{4})\s*(?:ж\.|жылғы)?\s*(?:берілген\s+)?өзгерістер",
    re.I,
)
_EFFECTIVE = re.compile(
    r"(?:Вступает\s+в\s+силу\s+с|вводится\s+в\s+действие\s+с)\s+(\d{1,2}\.\d{1,2}\.\d{4})"
    r"|(\d{1,2}\.\d{1,2}\.\d{4})\s+бастап\s+(?:күшіне\s+енеді|қолданысқа\s+енгізіледі)",
    re.I,
)
_QUOTED = re.compile(r"«([^»]{3,300})»")

_REGULATION_WORDS = r"Положение|Правила|Регламент|Ереже\w*|Қағидалар\w*|Указ|Жарлығы|Постановление|қаулысы"
_KIND_WORDS: tuple[tuple[ActKind, re.Pattern[str]], ...] = (
    (ActKind.CONSTITUTION, re.compile(r"\bКонституция\b|\bКонституциясы\b", re.I)),
    (ActKind.CODE, re.compile(r"\bКодекс|\bкодексі\b", re.I)),
    (ActKind.REGULATION, re.compile(rf"\b(?:{_REGULATION_WORDS})\b", re.I)),
    (ActKind.LAW, re.compile(r"\b(?:Закон|Заңы?)\b", re.I)),
)
# how a constitutional law names itself: "Настоящий Конституционный Закон …", "Осы Конституциялық заң …", or its
# requisites line ("Конституционный закон Республики Казахстан от …", "… № 152-VIII Конституциялық заңы")
_CONSTITUTIONAL_LAW = re.compile(r"(?:Настоящ\w*|настоящего)\s+Конституционн\w*\s+закон|Осы\s+Конституциялық\s+заң"
                                 r"|^\s*Конституционный\s+закон|Конституциялық\s+заңы\s*$", re.I | re.M)
_BODY_LAW = re.compile(r"\b(?:Настоящий\s+(?:Конституционный\s+)?Закон|настоящего\s+(?:Конституционного\s+)?Закона"
                       r"|Осы\s+(?:Конституциялық\s+)?Заң)", re.I)


# The words that close a by-law's preamble and enact it: "… ПРИКАЗЫВАЮ:", "… маслихат РЕШИЛ:", "… БҰЙЫРАМЫН:",
# "… мәслихаты ШЕШІМ ҚАБЫЛДАДЫ:". The portal's text of an order or a decision begins with its title and
# preamble; its requisites stand only in the stamp over the document it approves.
# (a joint order speaks in the plural: «ПРИКАЗЫВАЕМ:», «БҰЙЫРАМЫЗ:»; an akim's decision «ШЕШІМ ЕТЕМІН:»)
_ENACTING = re.compile(r"(?:ПРИКАЗЫВАЮ|ПРИКАЗЫВАЕМ|ПОСТАНОВЛЯЮ|ПОСТАНОВЛЯЕМ|ПОСТАНОВЛЯЕТ|РЕШИЛ[АО]?|РАСПОРЯЖАЮСЬ"
                       r"|БҰЙЫРАМЫН|БҰЙЫРАМЫЗ|ҚАУЛЫ\s+ЕТЕДІ|ҚАУЛЫ\s+ЕТЕМІН|ҚАУЛЫ\s+ЕТЕМІЗ|ШЕШІМ\s+ҚАБЫЛДАДЫ"
                       r"|ШЕШІМ\s+ЕТЕДІ|ШЕШІМ\s+ЕТЕМІН|ШЕШТІ)\s*:?\s*$")


def is_enacting_line(line: str) -> bool:
    """A line ending in a by-law's enacting words ("… ПРИКАЗЫВАЮ:")."""
    return _ENACTING.search(line) is not None


def is_requisites_line(line: str) -> bool:
    """A line of the title block that states requisites or the edition, not preamble text."""
    return bool(_RU_LINE.search(line) or _KK_LINE.search(line) or _EDITION.search(line))


def _kind_of(word: str) -> ActKind:
    word = word.lower()
    if word.startswith(("конституционный", "конституциялық")):
        return ActKind.LAW  # «Конституциялық заңы» begins like «Конституция»: a constitutional law is a law
    if word.startswith("конституция"):
        return ActKind.CONSTITUTION
    if word.startswith("кодекс"):
        return ActKind.CODE
    if word.startswith(("закон", "заң")):
        return ActKind.LAW
    return ActKind.REGULATION


def guess_kind(title: str, text: str) -> ActKind | None:
    """The kind of act from its title, else from how its body names itself ("Настоящий Закон")."""
    for kind, pattern in _KIND_WORDS:
        if pattern.search(title):
            return kind
    if _BODY_LAW.search(text[:200000]):
        return ActKind.LAW
    return None


def parse_requisites(head: str, tail: str, title: str, lang: str, notes: str = "") -> Requisites:
    """Requisites from the text before the first article (`head`), the signature block (`tail`)
    and the act-level notes; `title` is the act's title line when one was found."""
    line = ""
    kind: ActKind | None = None
    adopted: date | None = None
    number = ""
    if match := _RU_LINE.search(head):
        line = match.group(0)
        kind = _kind_of(match[1])
        adopted = parse_ru_date(match[2], match[3], match[4])
        number = match[5]
    elif match := _KK_LINE.search(head):
        line = match.group(0)
        kind = _kind_of(match[6])
        adopted = parse_kk_date(match[1], match[2], match[3])
        number = match[4]
        if not title and (quoted := _QUOTED.search(match[5])):
            title = quoted[1]
    if not title and line and (quoted := _QUOTED.search(head)):
        title = quoted[1]
    if adopted is None and (place := _PLACE_LINE.search(tail)):
        dates = find_dates(place.group(0))
        adopted = dates[0] if dates else None
        if not number and (num := re.search(_NUMBER, tail[place.end() : place.end() + 80])):
            number = num[1]
    edition = effective = None
    if match := _EDITION.search(head):
        edition = find_dates(match.group(0))[0]
    if match := _EFFECTIVE.search(head + "\n" + notes):
        effective = find_dates(match.group(0))[0]
    if kind is None:
        kind = guess_kind(title, head + "\n" + tail)
    constitutional = kind is ActKind.LAW and bool(_CONSTITUTIONAL_LAW.search(line) or _CONSTITUTIONAL_LAW.search(head))
    return Requisites(
        kind=kind, lang=lang, title=title, date=adopted, number=number, edition=edition, effective=effective, line=line,
        constitutional=constitutional,
    )
