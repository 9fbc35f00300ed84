"""In-memory upload fixtures: the same paragraphs as a .txt, .docx or .pdf file.

Tests build the files they upload here instead of shipping binary fixtures, so that a
fixture always says in the test what text it holds.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import docx
import matplotlib
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

# A made-up district and a word the shipped corpus never uses ("бюджеттік кеңес"), so that a
# search for it can only be answered by the uploaded document.
DISTINCTIVE_PHRASE = "бюджеттік кеңес"
SAMPLE_TITLE = "Ақсу ауданындағы бюджеттік кеңестер"
SAMPLE_PARAGRAPHS_KK: tuple[str, ...] = (
    "Ақсу ауданында 2019 жылдан бері әр ауылдық округте бюджеттік кеңес жұмыс істейді. "
    "Бюджеттік кеңес құрамына ауыл тұрғындары, мектеп мұғалімдері, кәсіпкерлер және "
    "жастар өкілдері кіреді. Кеңес мүшелерін ауыл жиыны екі жылға сайлайды, ал олардың "
    "жұмысы ешқандай жалақы алмай, қоғамдық негізде атқарылады.",
    "Бюджеттік кеңестің басты міндеті – ауылдың жергілікті бюджетіне түсетін қаражатты "
    "қай мақсатқа жұмсау керектігін тұрғындармен бірге анықтау. Жыл сайын көктемде кеңес "
    "тұрғындардан ұсыныстар жинайды: көше жарығын жөндеу, балалар алаңын салу, су құбырын "
    "ауыстыру сияқты жобалар ашық дауысқа салынады.",
    "Ең көп дауыс жинаған жобалар ауыл әкімінің бюджеттік өтініміне енгізіледі. Аудандық "
    "мәслихат бюджетті бекіткенде бюджеттік кеңестің шешімін ескеруге міндетті, ал өзгеріс "
    "енгізілсе, оның себебін тұрғындарға жазбаша түсіндіреді.",
    "Ақсу ауданының тәжірибесі көрсеткендей, бюджеттік кеңес жұмыс істейтін ауылдарда "
    "тұрғындардың жиындарға қатысуы екі есе өсті. Адамдар салық қаражатының қайда кеткенін "
    "көріп, жергілікті биліктің есебіне көбірек сенетін болды. Сонымен қатар кеңес "
    "жобалардың орындалуын бақылап, мердігерлердің жұмысын қабылдауға қатысады.",
    "2023 жылы Ақсу ауданының он екі ауылында бюджеттік кеңес ұсынған отыз бір жоба іске асты. "
    "Олардың ішінде ең қымбаты – Қарабұлақ ауылындағы мәдениет үйінің шатырын жөндеу, ал ең "
    "арзаны – ауыл кітапханасына жаңа кітаптар сатып алу болды.",
)
SAMPLE_PARAGRAPHS_RU: tuple[str, ...] = (
    "В Аксуском районе с 2019 года в каждом сельском округе работает бюджетный совет. "
    "В него входят жители села, учителя, предприниматели и представители молодёжи.",
    "Бюджетный совет собирает предложения жителей и выносит их на открытое голосование. "
    "Районный маслихат учитывает решение совета при утверждении бюджета.",
)
# Files that claim a format they do not hold.
BROKEN_DOCX = b"PK\x03\x04garbage"
BROKEN_PDF = b"%PDF-1.4 garbage"

_PAGE = (8.27, 11.69)  # A4, inches
_FONT_SIZE = 10.0
_LINE = 0.018  # line height as a share of the page
_WRAP = 80  # characters per line


def make_txt(paragraphs: Iterable[str], encoding: str = "utf-8") -> bytes:
    """One paragraph per line, as the shipped documents are; `utf-8-sig` and `utf-16` add a BOM."""
    return "\n".join(paragraphs).encode(encoding)


def make_docx(paragraphs: Iterable[str], headings: Mapping[int, str] | Iterable[tuple[int, str]] = (),
              table: Sequence[Sequence[str]] = ()) -> bytes:
    """A Word file; `headings` maps the index of a paragraph to the heading before it (Heading 1 style).

    A heading at an index past the last paragraph comes at the end. `table`, if given, is
    appended after the paragraphs as a table of those rows.
    """
    before: dict[int, list[str]] = {}
    for position, heading in headings.items() if isinstance(headings, Mapping) else headings:
        before.setdefault(position, []).append(heading)
    document = docx.Document()
    paragraphs = list(paragraphs)
    for i, text in enumerate(paragraphs):
        for heading in before.pop(i, []):
            document.add_heading(heading, level=1)
        document.add_paragraph(text)
    for heading in (h for rest in before.values() for h in rest):
        document.add_heading(heading, level=1)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(row) for row in table))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=False):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(paragraphs: Iterable[str], lines_per_page: int = 45) -> bytes:
    """A text PDF: each paragraph wrapped to lines, a blank line between paragraphs, pages as needed.

    A paragraph that already contains newlines is laid out on exactly those lines (to place a
    hyphenated word at a line end). TrueType (type 42) fonts embed DejaVu with a ToUnicode
    map, so pypdf reads the Kazakh letters back.
    """
    lines: list[str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append("")
        lines += paragraph.split("\n") if "\n" in paragraph else textwrap.wrap(paragraph, _WRAP, break_on_hyphens=False)
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    buffer = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(buffer) as pdf:
        for page in pages:
            figure = Figure(figsize=_PAGE)
            for row, line in enumerate(page):
                if line:
                    figure.text(0.08, 0.95 - row * _LINE, line, fontsize=_FONT_SIZE)
            pdf.savefig(figure)
    return buffer.getvalue()


# A maslikhat's regulation as the portal gives it: the order approving it, then its chapters of пункты (no
# articles), in both state languages (tests/test_bylaws.py, tests/test_legal_bot.py).
ORDER_RU = """Об утверждении Типового регламента маслихата
Приказ Министра национальной экономики Республики Казахстан от 7 августа 2023 года № 150. Зарегистрирован в \
Министерстве юстиции Республики Казахстан 8 августа 2023 года № 33265
      В соответствии с пунктом 2 статьи 9 Закона Республики Казахстан «О местном государственном управлении и \
самоуправлении в Республике Казахстан» ПРИКАЗЫВАЮ:
      1. Утвердить прилагаемый Типовой регламент маслихата.
      2. Настоящий приказ вводится в действие по истечении десяти календарных дней после дня его первого \
официального опубликования.
      Министр национальной экономики Республики Казахстан А. Иванов
  Утвержден приказом Министра национальной экономики Республики Казахстан от 7 августа 2023 года № 150
Типовой регламент маслихата
Глава 1. Общие положения
      1. Настоящий Типовой регламент определяет порядок деятельности маслихата.
      2. Маслихат осуществляет свою деятельность в форме сессий.
Глава 2. Порядок созыва сессий маслихата
      3. Очередная сессия маслихата созывается не реже четырех раз в год.
      4. Внеочередная сессия созывается по предложению не менее одной трети от общего числа депутатов.
"""

ORDER_KK = """Мәслихаттың үлгі регламентін бекіту туралы
Қазақстан Республикасы Ұлттық экономика министрінің 2023 жылғы 7 тамыздағы № 150 бұйрығы. Қазақстан \
Республикасының Әділет министрлігінде 2023 жылғы 8 тамызда № 33265 болып тіркелді
      «Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Қазақстан \
Республикасы Заңының 9-бабының 2-тармағына сәйкес БҰЙЫРАМЫН:
      1. Қоса беріліп отырған Мәслихаттың үлгі регламенті бекітілсін.
      2. Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.
      Қазақстан Республикасының Ұлттық экономика министрі А. Иванов
  Қазақстан Республикасы Ұлттық экономика министрінің 2023 жылғы 7 тамыздағы № 150 бұйрығымен бекітілген
Мәслихаттың үлгі регламенті
1-тарау. Жалпы ережелер
      1. Осы үлгі регламент мәслихат қызметінің тәртібін айқындайды.
      2. Мәслихат өз қызметін сессиялар нысанында жүзеге асырады.
2-тарау. Мәслихат сессияларын шақыру тәртібі
      3. Мәслихаттың кезекті сессиясы жылына кемінде төрт рет шақырылады.
      4. Кезектен тыс сессия депутаттардың жалпы санының кемінде үштен бірінің ұсынысы бойынша шақырылады.
"""
