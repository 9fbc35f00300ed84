"""Legal acts as sources: passages by article, amendment notes kept out, linked texts, look-up, citations.

Runs on the real acts in ../shared/legal by path (never copied into the repository), added to a
copy of the shipped knowledge directory the way `python -m knowledge add` adds them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest

from knowledge.adding import AddError, add_file
from knowledge.analysis import Analyzer, Token
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, seed
from knowledge.document_passages import document_passages, parse_act
from knowledge.index import Index, passage_terms
from knowledge.legal import parse_legal_act
from knowledge.models import Document, DocumentMeta, LegalPlace, Passage, Tier
from knowledge.reading import extract_text
from knowledge.topics import structure_topics
from knowledge.tuning import DEFAULT
from tests.documents import make_pdf

LEGAL = Path(__file__).resolve().parents[2] / "shared" / "legal"
FILES = ("law-148-II-ru-2014.txt", "law-148-II-kk-2014.txt", "constitution-2026-ru.txt", "constitution-2026-kk.txt")
NOTE = re.compile(r"^(?:Сноска|Ескерту|Примечание РЦПИ)\b", re.M)
ROOT = Path(__file__).resolve().parents[1]

BARE_ITEM = re.compile(r"\d{1,3}(?:-\d{1,2})?[.)]")
pytestmark = pytest.mark.skipif(not LEGAL.is_dir(), reason="../shared/legal is not beside the repository")


@pytest.fixture(scope="module")
def legal_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    knowledge_dir = tmp_path_factory.mktemp("legal") / "knowledge"
    seed(knowledge_dir, DEFAULT_KNOWLEDGE_DIR)
    for name in FILES:
        add_file(knowledge_dir, LEGAL / name, reindex=False)
    return knowledge_dir


@pytest.fixture(scope="module")
def index(legal_dir: Path) -> Index:
    return Index.build(legal_dir)


def _doc(index: Index, kind: str, lang: str) -> str:
    return next(doc for doc, meta in index.documents.items() if meta.kind == kind and meta.languages == (lang,))


@pytest.mark.parametrize("name", FILES)
def test_every_article_has_its_passages_and_none_crosses_or_holds_a_note(name: str) -> None:
    raw = (LEGAL / name).read_text(encoding="utf-8")
    kind = "constitution" if name.startswith("constitution") else "law"
    document = Document("doc", raw, DocumentMeta(title="t", short_title="t", kind=kind))
    act = parse_act(document)
    passages = document_passages(document)
    articles = [a.number for a in act.articles()]
    assert len(articles) == len(set(articles)) and len(articles) >= 55
    assert {p.article for p in passages if p.article} == set(articles)
    for passage in passages:
        assert passage.legal is not None
        assert not NOTE.search(passage.text), passage.text[:200]
        # an item the act repealed («7-8. Исключены Законом …») leaves no bare number before the next item
        lines = [line.strip() for line in passage.text.split("\n")] + ["1."]
        assert not any(BARE_ITEM.fullmatch(line) and BARE_ITEM.match(after.split(" ")[0])
                       for line, after in pairwise(lines)), passage.text[:200]
        node = act.article(passage.article) if passage.article else None
        if node is not None and not node.excluded:
            # the passage's words are the article's own: it never runs into the next article
            body = " ".join(node.full_text().split())
            for line in passage.text.split("\n"):
                assert " ".join(line.split()) in body, (passage.article, line[:80])
        for paragraph in passage.legal.paragraphs:
            assert node is not None and any(c.number == paragraph for c in node.children)


def test_amendment_notes_become_the_article_history() -> None:
    raw = (LEGAL / "law-148-II-ru-2014.txt").read_text(encoding="utf-8")
    document = Document("doc", raw, DocumentMeta(title="t", short_title="t", kind="law"))
    passages = [p for p in document_passages(document) if p.article == "39-3"]
    assert passages and all(p.legal is not None and p.legal.history for p in passages)
    assert all(entry.startswith("Сноска") for p in passages if p.legal for entry in p.legal.history)
    excluded = [p for p in document_passages(document) if p.article == "16"]
    assert len(excluded) == 1 and excluded[0].legal is not None and excluded[0].legal.excluded
    assert "исключена" in " ".join(excluded[0].legal.history)


def test_the_two_texts_of_the_law_and_of_the_constitution_are_linked(index: Index) -> None:
    law_ru, law_kk = _doc(index, "law", "ru"), _doc(index, "law", "kk")
    con_ru, con_kk = _doc(index, "constitution", "ru"), _doc(index, "constitution", "kk")
    assert index.legal.links == {law_ru: law_kk, law_kk: law_ru, con_ru: con_kk, con_kk: con_ru}
    ru_articles = index.legal.articles[law_ru]
    linked = [number for number, passages in ru_articles.items()
              if (other := index.legal.parallel_of(passages[0])) is not None and other.article == number]
    assert len(linked) / len(ru_articles) >= 0.95
    first = ru_articles["39-3"][1]
    other = index.legal.parallel_of(first)
    assert other is not None and other.doc_id == law_kk and other.lang == "kk"
    assert other.legal is not None and first.legal is not None
    assert other.legal.paragraphs[0] == first.legal.paragraphs[0]


@pytest.mark.parametrize(("query", "kind", "article", "paragraph", "lang"), [
    ("ст. 39-3 п. 2", "law", "39-3", "2", "ru"),
    ("статья 91 конституции", "constitution", "91", None, "ru"),
    ("39-3-бап", "law", "39-3", None, "kk"),
    ("91 бап", "constitution", "91", None, "kk"),
    ("Конституцияның 89-бабы", "constitution", "89", None, "kk"),
    ("пункт 2 статьи 39-2", "law", "39-2", "2", "ru"),
    # the act's name and "open it" ask nothing more: the article opens from its start
    ("покажи статью 13 закона о мсу", "law", "13", "1", "ru"),
    ("Заңның 13-бабында не айтылған", "law", "13", "1", "kk"),
    # its number names the act as well as its title
    ("закон 148 статья 7 пункт 5", "law", "7", "5", "ru"),
    ("148-II заңының 20-бабы", "law", "20", "1", "kk"),
    # a look-up typed with the article's dashed number and its title, no word for "article"
    ("39-4 обязанности органов мсу", "law", "39-4", None, "ru"),
])
def test_an_article_reference_opens_that_article(index: Index, query: str, kind: str, article: str,
                                                 paragraph: str | None, lang: str) -> None:
    result = index.search(query, k=3)
    top = result.hits[0].passage
    assert result.tier.value == "confident"
    assert top.article == article and index.documents[top.doc_id].kind == kind
    assert top.lang == lang
    if paragraph is not None:
        assert top.legal is not None and paragraph in top.legal.paragraphs
        assert result.hits[0].excerpt.text.startswith(f"{paragraph}.")



@pytest.mark.parametrize(("query", "article", "lead", "item"), [
    # a long пункт's подпункты run over several passages: the one holding the asked подпункт opens
    ("пп.3 п.3 ст.60 Конституции", "60", "3. Курултай вправе издавать законы", "3) основ организации"),
    ("подпункт 5 пункта 1 статьи 6 закона", "6", "1. К компетенции маслихатов относится:", "5) согласование"),
    ("ст. 6 п. 1 пп. 12-2", "6", "1. К компетенции маслихатов относится:", "12-2) утверждение правил"),
    ("39-4-баптың 7) тармақшасы", "39-4", "1. Жергілікті өзін-өзі басқару органдары", "7) өз қызметін"),
])
def test_a_subparagraph_reference_shows_that_item_under_its_lead_in(index: Index, query: str, article: str,
                                                                    lead: str, item: str) -> None:
    hit = index.search(query, k=3).hits[0]
    lines = hit.excerpt.text.split("\n")
    assert hit.passage.article == article
    assert lines[0].startswith(lead) and lines[1].startswith(item)

def test_a_question_naming_an_article_ranks_that_article_first(index: Index) -> None:
    result = index.search("что говорит статья 91 конституции о местном самоуправлении", k=5)
    assert result.hits[0].passage.article == "91"
    assert index.documents[result.hits[0].passage.doc_id].kind == "constitution"


def test_the_year_an_act_is_known_by_names_it(index: Index) -> None:
    """The Constitution states no adoption date, only that it is in force from 01.07.2026: that is the
    year it is known by, and "конституция 2026" names the document, as "конституция" does; it is not a
    fact the answer must hold (it would weigh as the rarest word of the question and leave no ✅)."""
    constitution = _doc(index, "constitution", "kk")
    assert index.documents[constitution].year == 2026
    result = index.search("конституция 2026 бойынша мәслихаттың өкілеттігі мерзімінен бұрын қалай тоқтатылады")
    assert result.hits[0].passage.doc_id == constitution and result.hits[0].passage.article == "88"
    assert result.tier is Tier.CONFIDENT


def test_an_article_whose_whole_title_is_asked_goes_first(legal_dir: Path) -> None:
    """Ст. 19 «Секретарь маслихата» answers whether the secretary may sit on a standing commission, though
    ст. 12 on the standing commissions names them more often: without the title's weight, another article wins
    (ст. 12, or a deputy's rights in ст. 21 now that ст. 12 loses a share for not naming the secretary)."""
    question = "секретарь маслихата может быть членом постоянной комиссии"
    assert Index.build(legal_dir).search(question).hits[0].passage.article == "19"
    untitled = Index.build(legal_dir, replace(DEFAULT, title_weight=0.0))
    assert untitled.search(question).hits[0].passage.article != "19"


def test_an_article_whose_title_names_every_idea_asked_goes_first(legal_dir: Path) -> None:
    """"кто назначает акима области" is answered by ст. 28 «Порядок назначения на должность … акима области …»
    (the President appoints); ст. 23-1 on the maslikhat's consent repeats «назначающим акима» more often."""
    question = "кто назначает акима области"
    assert Index.build(legal_dir).search(question).hits[0].passage.article == "28"
    untitled = Index.build(legal_dir, replace(DEFAULT, title_weight=0.0))
    assert untitled.search(question).hits[0].passage.article == "23-1"


def test_the_act_a_question_names_answers_first(legal_dir: Path) -> None:
    """"по Конституции": the Constitution's article goes first, though the law's ст. 39 on executive bodies
    («… образуются …») scores higher once its best sentence's strength is added."""
    question = "по Конституции какие органы образует маслихат"
    named = Index.build(legal_dir)
    assert named.documents[named.search(question).hits[0].passage.doc_id].kind == "constitution"
    blind = Index.build(legal_dir, replace(DEFAULT, named_act_share=2.0))  # never close enough to go first
    assert blind.documents[blind.search(question).hits[0].passage.doc_id].kind == "law"


def test_a_passage_that_names_none_of_the_asked_bodies_goes_down(legal_dir: Path) -> None:
    """"на сколько лет избирается маслихат": the President's article («избирается … на семь лет») shares more
    words with the question than ст. 88 on the maslikhats; «маслихат» is a body the question names."""
    question = "по конституции на сколько лет избирается маслихат"
    assert Index.build(legal_dir).search(question).hits[0].passage.article == "88"
    blind = Index.build(legal_dir, replace(DEFAULT, institution_weight=0.0))
    assert blind.search(question).hits[0].passage.article == "43"


def test_a_reader_gets_the_text_in_their_language(index: Index) -> None:
    ru = index.search("кто созывает сход местного сообщества", k=5)
    kk = index.search("жергілікті қоғамдастық жиынын кім шақырады", k=5)
    assert ru.hits[0].passage.lang == "ru" and ru.hits[0].passage.article == "39-3"
    assert kk.hits[0].passage.lang == "kk"


def test_citations_in_the_readers_language(index: Index) -> None:
    passage = next(p for p in index.legal.articles[_doc(index, "law", "ru")]["39-3"]
                   if p.legal is not None and "2" in p.legal.paragraphs)
    ru = index.citation(passage, "ru")
    assert ru.startswith("Закон РК № 148-II") and ru.endswith("ст. 39-3, п. 2 (ред. от 07.11.2014)")
    kk_passage = index.legal.parallel_of(passage)
    assert kk_passage is not None
    assert index.citation(kk_passage, "kk").endswith("39-3-бап, 2-тармақ (07.11.2014 ж. редакциясы)")
    constitution = index.legal.articles[_doc(index, "constitution", "ru")]["91"][0]
    assert index.citation(constitution, "ru") == "Конституция РК, ст. 91, пп. 1, 2, 3, 4"
    thesis = next(p for p in index.passages if p.legal is None)
    assert thesis.heading in index.citation(thesis, "ru")


def test_an_excerpt_is_cited_by_the_punkty_it_quotes(index: Index) -> None:
    """Ст. 91 of the Constitution is one passage of four short пункты: an excerpt that quotes п. 4 (with
    the lines before it) is cited by those, the whole passage by all four."""
    result = index.search("гарантируется ли самостоятельность органов местного самоуправления по конституции")
    top = result.hits[0]
    assert top.passage.article == "91" and "4. Гарантируется самостоятельность" in top.excerpt.text
    cited = index.citation(top.passage, "ru", top.excerpt.text)
    assert cited.startswith("Конституция РК, ст. 91, п") and "4" in cited.rsplit("ст. 91", 1)[1]
    assert cited != index.citation(top.passage, "ru") == "Конституция РК, ст. 91, пп. 1, 2, 3, 4"
    only = top.passage.text.split("\n")[-1]  # п. 4 alone
    assert index.citation(top.passage, "ru", only) == "Конституция РК, ст. 91, п. 4"


def test_the_table_of_contents_is_never_a_passage(index: Index) -> None:
    law_ru = _doc(index, "law", "ru")
    passages = [p for p in index.passages if p.doc_id == law_ru]
    contents_line = "Статья 2. Законодательство Республики Казахстан о местном государственном управлении"
    assert not any(p.text.startswith(contents_line) for p in passages)
    assert passages[0].article in (None, "1")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "knowledge", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_search_json_gives_article_paragraphs_citation_and_parallel(legal_dir: Path, tmp_path: Path) -> None:
    done = run_cli("search", "--json", "--top", "2", "--knowledge-dir", str(legal_dir), "--cache-dir", str(tmp_path),
                   "ст. 39-3 п. 2")
    assert done.returncode == 0, done.stderr
    hit = json.loads(done.stdout)["hits"][0]
    assert hit["article"] == "39-3" and hit["paragraphs"] == ["2"]
    assert hit["citation"].endswith("ст. 39-3, п. 2 (ред. от 07.11.2014)")
    assert isinstance(hit["parallel"], str) and hit["parallel"] != hit["passage_id"]


def test_add_reports_what_it_found_and_links_the_second_text(tmp_path: Path) -> None:
    knowledge_dir = tmp_path / "knowledge"
    first = run_cli("add", str(LEGAL / FILES[0]), "--knowledge-dir", str(knowledge_dir), "--cache-dir", str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert "articles: 55" in first.stdout and "number: 148-II" in first.stdout
    second = run_cli("add", str(LEGAL / FILES[1]), "--kind", "law", "--lang", "kk", "--knowledge-dir",
                     str(knowledge_dir), "--cache-dir", str(tmp_path))
    assert second.returncode == 0, second.stderr
    doc_id = first.stdout.split()[1]
    assert f"parallel text: {doc_id}" in second.stdout
    again = run_cli("add", str(LEGAL / FILES[0]), "--knowledge-dir", str(knowledge_dir))
    assert again.returncode == 1 and f"already document {doc_id}" in again.stderr


@pytest.mark.parametrize(("name", "content", "says"), [
    ("empty.txt", b"   \n\n", "no text"),
    ("broken.docx", b"PK\x03\x04 not a real archive", "damaged"),
    ("picture.png", b"\x89PNG", "only .txt, .docx and .pdf"),
])
def test_add_refuses_a_bad_file_and_writes_nothing(tmp_path: Path, name: str, content: bytes, says: str) -> None:
    knowledge_dir = tmp_path / "knowledge"
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AddError, match=says):
        add_file(knowledge_dir, path)
    before = sorted(p.name for p in (knowledge_dir / "documents").iterdir())
    assert before == sorted(p.name for p in (DEFAULT_KNOWLEDGE_DIR / "documents").iterdir()
                            if p.suffix in {".txt", ".json"})


def test_a_legal_text_added_as_other_is_still_read_by_article() -> None:
    raw = (LEGAL / "constitution-2026-ru.txt").read_text(encoding="utf-8")
    act = parse_legal_act(raw)
    passages = document_passages(Document("doc", raw, DocumentMeta(title="t", short_title="t", kind="other")))
    assert {p.article for p in passages if p.article} == {a.number for a in act.articles()}


def test_a_saved_index_answers_as_the_one_just_built(legal_dir: Path, tmp_path: Path) -> None:
    built = Index.open(legal_dir, tmp_path)
    loaded = Index.load(tmp_path / "index.npz", legal_dir)
    assert loaded is not None and set(loaded.fields) == {"article", "chapter"}
    for question in ("кто созывает сход местного сообщества", "мәслихат сессиясын кім шақырады", "ст. 39-3 п. 2"):
        expected, found = built.search(question, k=5), loaded.search(question, k=5)
        assert [h.passage.passage_id for h in found.hits] == [h.passage.passage_id for h in expected.hits]
        assert [round(h.score, 9) for h in found.hits] == [round(h.score, 9) for h in expected.hits]
        assert found.tier == expected.tier
    assert loaded.legal.links == built.legal.links


REGULATION = """Регламент маслихата города

Глава 1. Общие положения

1. Настоящий Регламент определяет порядок деятельности маслихата города, его органов и депутатов.

2. Маслихат является представительным органом города, избираемым населением.

Глава 2. Сессия маслихата

3. Сессия маслихата является основной формой его деятельности. Очередная сессия созывается не реже четырех раз в год.

4. Внеочередная сессия созывается по предложению не менее одной трети депутатов или акима города.
"""


def test_a_regulation_without_articles_is_cut_at_its_chapters_and_punkty() -> None:
    meta = DocumentMeta(title="Регламент маслихата города", short_title="Регламент", kind="regulation")
    passages = [p for p in document_passages(Document("reg", REGULATION, meta)) if p.legal and p.legal.chapter]
    assert [p.legal.chapter for p in passages if p.legal] == ["Глава 1. Общие положения", "Глава 2. Сессия маслихата"]
    assert [p.legal.paragraphs for p in passages if p.legal] == [("1", "2"), ("3", "4")]
    assert "не реже четырех раз в год" in passages[1].text


def test_a_text_called_a_law_with_no_legal_structure_is_read_as_prose() -> None:
    text = "\n".join(["Местное самоуправление в районе развивается уже десять лет и опирается на жителей."] * 30)
    passages = document_passages(Document("x", text, DocumentMeta(title="t", short_title="t", kind="law")))
    assert passages and all(p.legal is None for p in passages)


_EXCERPTS = """
import json, sys
from pathlib import Path
from knowledge.analysis import Analyzer, Token
from knowledge.index import Index, passage_terms
index = Index.build(Path(sys.argv[1]))
print(json.dumps([[(h.passage.passage_id, h.excerpt.text) for h in index.search(q, k=3).hits] for q in sys.argv[2:]]))
"""


def test_the_same_question_gets_the_same_excerpt_in_every_process(legal_dir: Path) -> None:
    """Python salts set order per process, so a sum over a set of terms may differ in its last bits: a tie
    between two sentences ("Их число не должно превышать семи" goes on from the sentence before and equals a
    later one) must not be decided by it, or a reader would see another excerpt after a restart."""
    questions = ["сколько постоянных комиссий может создать маслихат", "скок постоянных комиссий создать маслихат",
                 "мәслихат кандай акт шыгарады", "Жергілікті кеңестер саны қанша болды?"]
    outputs = [
        subprocess.run([sys.executable, "-c", _EXCERPTS, str(legal_dir), *questions], capture_output=True, text=True,
                       check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3", "4", "5", "6")
    ]
    assert all(output == outputs[0] for output in outputs)
    assert "Их число не должно превышать семи" in json.loads(outputs[0])[0][0][1]


def test_how_often_is_answered_with_the_frequency(index: Index) -> None:
    result = index.search("как часто созывается очередная сессия маслихата")
    assert result.tier is Tier.CONFIDENT
    assert "не реже четырех раз в год" in result.hits[0].excerpt.text


def test_a_passage_of_подпункты_knows_the_пункт_that_announces_them(index: Index) -> None:
    """Art. 6 of the law lists a maslikhat's powers under «1. К компетенции маслихатов относится:» over
    several passages: the later ones name the maslikhat only through it, so it is indexed with them."""
    later = [p for p in index.passages if p.article == "6" and p.lang == "ru" and p.lead]
    assert later and all(p.lead.endswith(":") and p.lead not in p.text for p in later)
    assert all(re.match(r"\d{1,2}(?:-\d{1,2})?\)", p.text) for p in later)


def test_an_act_names_no_holder_of_an_office(index: Index) -> None:
    """"Who is the akim now": an act speaks of offices, never of the people who hold them; «Гражданин …» is no name."""
    for question in ("Алматы қаласының қазіргі әкімі кім", "кто победил на выборах в маслихат в прошлом году"):
        result = index.search(question)
        assert result.tier is Tier.NOTHING, question


@pytest.mark.parametrize(("question", "defined"), [
    ("әкім деген кім", "әкім - жергілікті атқарушы органды"),
    ("кто такой аким по закону", "аким - представитель Президента"),
    ("әкім кім", "әкім - жергілікті атқарушы органды"),  # the role and "who", nothing else
    ("аким это кто", "аким - представитель Президента"),
])
def test_who_an_office_is_is_answered_by_its_definition(index: Index, question: str, defined: str) -> None:
    result = index.search(question, prefer_own_language=True)
    assert result.tier is Tier.CONFIDENT
    assert result.hits[0].passage.article == "1" and defined in result.hits[0].excerpt.text


@pytest.mark.parametrize("question", ["срок полномочий маслихата", "сколько лет полномочия маслихата"])
def test_a_span_of_time_far_from_what_is_asked_lasts_something_else(index: Index, question: str) -> None:
    """«… на время осуществления депутатских полномочий … со стажем работы … до одного года» and «… назначение
    … ревизионной комиссии … на пять лет» name the maslikhat, but their spans of time are not its term."""
    assert index.search(question, prefer_own_language=True).tier is not Tier.CONFIDENT
    result = index.search("на сколько лет избирается маслихат", prefer_own_language=True)
    assert result.tier is Tier.CONFIDENT and "пять лет" in result.hits[0].excerpt.text


@pytest.mark.parametrize(("question", "article"), [
    ("из скольких депутатов состоит курултай", "53"),  # «скольких» asks, as «сколько» does
    ("сколько максимум депутатов может быть в районном маслихате", "5"),  # «максимум» is how it is asked
])
def test_how_a_count_is_asked_is_no_idea_the_acts_lack(index: Index, question: str, article: str) -> None:
    result = index.search(question, prefer_own_language=True)
    assert result.tier is Tier.CONFIDENT and result.hits[0].passage.article == article


def test_what_a_body_does_is_asked_by_a_light_verb(index: Index) -> None:
    """«не істейді» ("what does it do") says how the question is put, as «что делает» does: the article on the
    maslikhat's staff answers, and its passage need not say «істейді»."""
    result = index.search("мәслихат аппараты не істейді", prefer_own_language=True)
    assert result.tier is Tier.CONFIDENT and result.hits[0].passage.article == "25"


def test_a_runner_up_that_repeats_the_answer_is_no_doubt(index: Index) -> None:
    """The law (ст. 5) restates the Constitution (ст. 88): the two excerpts agree, and the answer keeps its ✅ —
    also where the top one shows a sentence before the shared rule, typed with Kazakh letters or without."""
    for question in ("маслихат депутаты болу ушин неше жаска толу керек",
                     "мәслихат депутаты болу үшін неше жасқа толу керек"):
        result = index.search(question, prefer_own_language=True)
        top, second = result.hits[0], result.hits[1]
        assert top.passage.doc_id != second.passage.doc_id and "жиырма жасқа" in second.excerpt.text
        assert result.tier is Tier.CONFIDENT and "жиырма жасқа толған" in top.excerpt.text, question


def test_how_many_times_is_counted_in_times(index: Index) -> None:
    """"сколько раз" counts times: «в течение двух рабочих дней» beside the candidate is no such count (the
    passage saying it scores higher, and yields to the one that counts), «не более трех раз подряд» is."""
    question = "сколько раз подряд могут предлагать кандидата в акимы если маслихат не дает согласия"
    result = index.search(question, prefer_own_language=True)
    assert "не более трех раз подряд" in result.hits[0].excerpt.text and result.tier is Tier.CONFIDENT
    for asked, said in (("сколько раз в год созывается сессия маслихата", "четырех раз"),
                        ("мәслихат сессиясы жылына неше рет шақырылады", "төрт рет")):
        result = index.search(asked, prefer_own_language=True)
        assert result.tier is Tier.CONFIDENT and said in result.hits[0].excerpt.text


@pytest.mark.parametrize(("question", "article"), [
    ("мәслихат хатшысы тұрақты комиссия мүшесі бола ма", "19"),  # ст. 12 names the commissions only
    ("если депутат маслихата переехал жить в другую область он дальше остается депутатом", "20"),  # not ст. 55
])
def test_a_question_naming_two_bodies_is_about_both(index: Index, question: str, article: str) -> None:
    result = index.search(question, prefer_own_language=True)
    assert result.hits[0].passage.article == article


def test_dissolving_a_maslikhat_is_found_however_the_verb_is_put(index: Index) -> None:
    """«распускает» (imperfective) is a glossary word as «распустить» is; the law says the powers end early
    and names the maslikhat's «самороспуск»."""
    result = index.search("кто распускает маслихат", prefer_own_language=True)
    assert result.tier is not Tier.NOTHING
    assert result.hits[0].passage.article == "23" and "досрочно Президентом" in result.hits[0].excerpt.text


def test_a_long_article_title_is_indexed_with_the_articles_first_passage_only() -> None:
    """A 34-word title describes the whole article: repeated in each passage, it made every passage of ст. 23-1
    match any question on akims and their appointment."""
    title = ("Порядок дачи согласия маслихатом на назначение на должности акимов области, города республиканского "
             "значения, столицы, а также кандидатур на должности акимов районов")
    def passage(paragraphs: tuple[str, ...]) -> Passage:
        return Passage("p", "d", "Закон", f"Статья 23-1. {title}", 1, "ru", 0, 10, "Сессия проводится открыто.",
                       legal=LegalPlace("23-1", title, paragraphs))
    analyzer = Analyzer()
    first, later = passage_terms(analyzer, passage(("1", "2"))), passage_terms(analyzer, passage(("4",)))
    assert set(analyzer.terms("согласия кандидатур", "ru")) <= set(first)
    assert not set(analyzer.terms("согласия кандидатур", "ru")) & set(later)
    assert set(analyzer.terms("Сессия", "ru")) <= set(later)
    # a short title names the article: every passage keeps it
    short = replace(passage(("4",)), section="Статья 19. Секретарь маслихата",
                    legal=LegalPlace("19", "Секретарь маслихата", ("4",)))
    assert set(analyzer.terms("Секретарь маслихата", "ru")) <= set(passage_terms(analyzer, short))


def test_a_constitutional_law_added_is_cited_as_one_and_remembered(tmp_path: Path) -> None:
    """Its form is kept in the document's metadata (`act_form`), so a rebuilt index cites it the same way."""
    body = ("Маслихат и акимат столицы в пределах своей компетенции решают вопросы местного значения, "
            "утверждают планы развития и отчитываются перед жителями о своей работе. ")
    text = ("О статусе столицы Республики Казахстан\n\nНастоящий Конституционный Закон регулирует отношения в области "
            "функционирования столицы.\n\n"
            f"Статья 1. Столица\n\n1. Столица Республики Казахстан – город Астана. {body}\n\n"
            f"Статья 2. Символика\n\nСтолица имеет свою региональную символику. {body}\n\n"
            f"Статья 3. Территория\n\nТерриторию столицы составляют земли в ее границах. {body}\n")
    source = tmp_path / "capital.txt"
    source.write_text(text, encoding="utf-8")
    knowledge_dir = tmp_path / "knowledge"
    seed(knowledge_dir, DEFAULT_KNOWLEDGE_DIR)
    doc_id = add_file(knowledge_dir, source, kind="law").doc_id
    meta = json.loads((knowledge_dir / "documents" / f"{doc_id}.meta.json").read_text(encoding="utf-8"))
    assert (meta["kind"], meta["act_form"]) == ("law", "constitutional")
    index = Index.build(knowledge_dir)
    passage = next(p for p in index.passages if p.doc_id == doc_id and p.article == "2")
    cited = index.legal.citation(passage, "ru")
    assert cited == "Конституционный закон РК «О статусе столицы Республики Казахстан», ст. 2"


def test_the_law_read_from_a_pdf_keeps_every_article_whole() -> None:
    """Laid out as a PDF (45 lines a page), where a page may begin with «Статья 5.» after a chapter heading, or with
    an article's text after a title that filled its last line: every article, none crossing, no note in a passage."""
    raw = (LEGAL / FILES[0]).read_text(encoding="utf-8")
    text = extract_text("law.pdf", make_pdf([line.strip() for line in raw.split("\n") if line.strip()]))
    document = Document("doc", text, DocumentMeta(title="t", short_title="t", kind="law"))
    act, passages = parse_act(document), document_passages(document)
    assert [a.number for a in act.articles()] == [a.number for a in parse_legal_act(raw).articles()]
    for passage in passages:
        assert not NOTE.search(passage.text), passage.text[:200]
        node = act.article(passage.article) if passage.article else None
        if node is not None and not node.excluded:
            body = " ".join(node.full_text().split())
            assert all(" ".join(line.split()) in body for line in passage.text.split("\n")), passage.article


@pytest.mark.parametrize(("question", "age"), [
    ("С какого возраста можно стать депутатом маслихата?", "двадцати лет"),
    ("со скольки лет можно стать депутатом маслихата", "двадцати лет"),
    ("мәслихат депутаты қай жастан сайлана алады", "жиырма жасқа"),
])
def test_an_age_asked_is_a_number_stated_in_years(index: Index, question: str, age: str) -> None:
    """"с какого возраста" asks for an age, which the acts state as «достигший двадцати лет» / «жиырма жасқа
    толған» (cues.AGE): the age word is read as the unit an age is stated in, and «стать» (become) is not
    «статья» (article)."""
    parsed = index.parser.parse(question)
    assert all("stat" not in phrase for slot in parsed.content() for phrase in slot.variants)
    result = index.search(question)
    assert age in result.hits[0].excerpt.text
    assert result.tier is Tier.CONFIDENT


def test_to_pay_is_the_payment_the_act_speaks_of(index: Index) -> None:
    """"платят ли …" is «Оплата за участие в работе временной комиссии не осуществляется» (ст. 17): the glossary
    joins платить / оплата / плата (and төлеу / төлем), which Snowball reads as different words."""
    result = index.search("платят ли депутатам за работу во временной комисии маслихата")
    assert result.hits[0].passage.article == "17"
    assert "Оплата за участие в работе временной комиссии не осуществляется" in result.hits[0].excerpt.text


def test_to_interrupt_a_session_is_a_recess(index: Index) -> None:
    """"прервать сессию" is the act's «может быть сделан перерыв … не превышающий пятнадцати календарных дней»."""
    result = index.search("на сколько дней можно прервать сессию маслихата")
    assert result.hits[0].passage.article == "11"
    assert "пятнадцати календарных дней" in result.hits[0].excerpt.text


def test_not_coming_is_the_absence_the_act_speaks_of(index: Index) -> None:
    """«келмесе» (does not come) is the act's «қатыспаса» (ст. 20: absent without good reason more than three
    times running): the glossary joins them, with «отсутствие» for a Russian reader."""
    result = index.search("депутат маслихата отырыстарға келмесе не болады")
    assert result.hits[0].passage.article == "20" and result.tier is Tier.CONFIDENT
    assert "қатыспаса" in result.hits[0].excerpt.text


def test_a_session_gathers_as_the_act_convenes_it(index: Index) -> None:
    """"собирается" is the act's «созывается»: ст. 10, «Очередная сессия маслихата созывается не реже четырех раз в
    год», not ст. 18's «не может быть избран председателем сессии … более двух раз в течение календарного года»."""
    result = index.search("сколько раз в год собирается сессия маслихата")
    assert result.hits[0].passage.article == "10"
    assert "не реже четырех раз в год" in result.hits[0].excerpt.text


@pytest.mark.parametrize(("question", "tier"), [
    # the act states no number of a maslikhat's deputies; a number beside the Senate's voters counts them
    ("сколько депутатов в маслихате области", Tier.UNSURE),
    ("сколько постоянных комиссий может создать маслихат", Tier.CONFIDENT),  # «Их число не должно превышать семи»
    ("сколько раз в год собирается сессия маслихата", Tier.CONFIDENT),  # «не реже четырех раз в год»
    # «на одного из членов» is one of them, not a count: «четыре члена ревизионной комиссии» (ст. 25-1) is
    ("сколько членов в ревизионной комиссии", Tier.CONFIDENT),
    # «всего» only stresses the count; «не менее семи лет в указанных отраслях» counts years, not «области»
    ("сколько всего областей в казахстане", Tier.UNSURE),
])
def test_a_count_is_answered_by_a_number_beside_what_it_counts(index: Index, question: str, tier: Tier) -> None:
    assert index.search(question).tier is tier


@pytest.mark.parametrize(("question", "defined"), [
    ("что такое акимат по закону", "местный исполнительный орган (акимат)"),
    ("әкімдік деген не заң бойынша", "жергілікті атқарушы орган (әкімдік)"),
])
def test_a_term_is_defined_by_the_short_name_in_brackets(index: Index, question: str, defined: str) -> None:
    """ст. 1 defines «местный исполнительный орган (акимат) – …»: "что такое акимат" is answered by it, with a ✅."""
    result = index.search(question)
    assert result.hits[0].passage.article == "1" and defined in result.hits[0].excerpt.text
    assert result.tier is Tier.CONFIDENT


@pytest.mark.parametrize(("question", "article", "answer"), [
    # «двух месяцев» in ст. 54 counts no deputies; «состоит из ста сорока пяти депутатов» (ст. 53) does
    ("сколько депутатов в курултае", "53", "ста сорока пяти депутатов"),
    # «екі реттен артық»: the Kazakh "times" carries its case ending, and «болған ретте» (when) is no count
    ("бір депутат сессия төрағасы болып жылына неше рет сайлана алады?", "18", "екі реттен артық"),
])
def test_a_close_second_that_counts_what_is_asked_goes_first(index: Index, question: str, article: str,
                                                             answer: str) -> None:
    result = index.search(question, prefer_own_language=True)
    assert result.hits[0].passage.article == article
    assert answer in result.hits[0].excerpt.text


def test_a_russian_verb_is_sought_in_its_participle(index: Index) -> None:
    """«приостановить» is stated «приостановлено» (ст. 37): Snowball leaves «приостанов» and «приостановл»."""
    parsed = index.parser.parse("кто может приостановить действие актов акимата")
    slot = next(slot for slot in parsed.content() if slot.words == "приостановить")
    assert (index.analyzer.term(Token("приостановлено", 0, 14), "ru"),) in slot.variants


def test_the_kurultai_is_one_idea_in_both_languages(index: Index) -> None:
    """A Kazakh question typed in Latin letters («kurultai») reads as the Russian «Курултай»; the glossary
    takes it to the Kazakh «Құрылтай» of the Kazakh text."""
    result = index.search("kurultai deputaty bolu ushin neshe zhas kerek", prefer_own_language=True)
    assert result.hits[0].passage.article == "54"
    assert "Жиырма бес жасқа" in result.hits[0].excerpt.text or "двадцати пяти лет" in result.hits[0].excerpt.text


@pytest.mark.parametrize(("question", "answer"), [
    ("из кого состоит ревизионная комиссия области", "четыре члена ревизионной комиссии"),
    ("облыс әкімдігінің құрамына кімдер кіреді", "орынбасарларынан"),  # the act says «… басшыларынан құрады»
])
def test_a_composition_is_answered_by_what_the_whole_is_made_of(index: Index, question: str, answer: str) -> None:
    result = index.search(question, prefer_own_language=True)
    assert answer in result.hits[0].excerpt.text


def test_without_reasons_is_said_in_the_plural_too(index: Index) -> None:
    """The law says «дәлелдi себептерсiз» (ст. 20), the Constitution «дәлелді себепсіз» (ст. 55): one idea."""
    result = index.search("депутат отырыстарға себепсіз келмесе өкілеттігі тоқтатыла ма", prefer_own_language=True)
    assert {"20", "55"} <= {hit.passage.article for hit in result.hits[:3]}


@pytest.mark.parametrize("question", [
    "мәслихат хатшысы тұрақты комиссияның мүшесі бола ала ма",
    "может ли секретарь маслихата входить в постоянные комиссии",
])
def test_whether_one_may_is_answered_by_what_the_law_permits(index: Index, question: str) -> None:
    """ст. 12 on the standing commissions says «тұрақты комиссия» more often; ст. 19 says the secretary has no
    right to sit in them (cues.PERMIT)."""
    result = index.search(question, prefer_own_language=True)
    assert result.hits[0].passage.article == "19"
    assert "құқығы жоқ" in result.hits[0].excerpt.text or "не вправе" in result.hits[0].excerpt.text


@pytest.mark.parametrize("question", ["заннын 39-6 бабы", "zannyn 39-6 baby", "заңның 39-6-бабы"])
def test_the_law_named_on_a_russian_keyboard_opens_its_article(index: Index, question: str) -> None:
    """«заннын» is «заңның» typed without «ң»: the reference names the law and nothing else is asked."""
    result = index.search(question, prefer_own_language=True)
    assert {hit.passage.article for hit in result.hits} == {"39-6"}


def test_who_counts_as_a_member_is_who_is_recognised_as_one(index: Index) -> None:
    """ст. 39-1 says on what grounds a citizen is recognised («признания») a member; «сход … считается
    состоявшимся» (ст. 39-3) shares the verb of the question but says nothing of membership: no ✅ for it."""
    result = index.search("кто считается членом местного сообщества", prefer_own_language=True)
    assert result.tier is not Tier.CONFIDENT
    assert "39-1" in {hit.passage.article for hit in result.hits[:3]}


def test_times_asked_in_latin_letters_are_counted(index: Index) -> None:
    """«neshe ret» asks how many times, as «неше рет» does: «қатарынан үш реттен артық» (ст. 23-1)."""
    result = index.search("akim kandidaturasyn maslihatka neshe ret engizuge bolady", prefer_own_language=True)
    assert result.hits[0].passage.article == "23-1" and "үш реттен артық" in result.hits[0].excerpt.text


def test_a_span_of_time_asked_in_chat_kazakh_is_answered_by_one_month(index: Index) -> None:
    # «қанша уақытта» asks for a span of time (the kind checks it, «уақыт» is no idea of its own), «керек» asks
    # nothing, and «бір айдан кешіктірілмейтін мерзімде» is one month
    result = index.search("депутаттык сауалга канша уакытта жауап берилуи керек", k=3, prefer_own_language=True)
    assert result.tier.value == "confident" and "бір айдан" in result.hits[0].excerpt.text


@pytest.mark.parametrize(("question", "shown"), [
    # «кезектен тыс» is extraordinary, not «тысяча» (a Russian chat spelling of «тыс.»)
    ("мәслихаттың кезектен тыс сессиясын кім шақырады", "Мәслихаттың кезектен тыс сессиясын"),
    # «қаншалықты жиі» asks how often, which the kind checks: «жиі» is no idea of its own
    ("тексеру комиссиясы аппаратының қызметкерлері біліктілігін қаншалықты жиі арттырады", "үш жылда бір рет"),
    # «кіммен» asks who, as «кім» does
    ("ауыл әкімі өзін-өзі басқару ақшасының жоспарын кіммен келіседі", "келіс"),
])
def test_kazakh_question_words_ask_and_are_not_sought(index: Index, question: str, shown: str) -> None:
    result = index.search(question, k=3, prefer_own_language=True)
    assert result.tier.value != "nothing" and shown in result.hits[0].excerpt.text
    assert not index.assess(index.parser.parse(question), result.hits).missing


def _small_law(title: str, mark: str) -> str:
    """A law whose articles say the same words as another's: only its title tells which one a question names."""
    articles = "\n\n".join(f"Статья {n}. {name}\n\n1. Орган {text} ({mark})." for n, name, text in (
        (1, "Статус", "является высшим органом"), (2, "Полномочия", "осуществляет полномочия по Конституции"),
        (3, "Ответственность", "несет ответственность перед народом")))
    return f"{title}\n\nНастоящий Закон определяет положение органа.\n\n{articles}\n"  # as the portal gives it


def test_an_article_number_held_by_several_laws_opens_the_one_whose_title_the_question_names(tmp_path: Path) -> None:
    knowledge_dir = tmp_path / "knowledge"
    seed(knowledge_dir, DEFAULT_KNOWLEDGE_DIR)
    for name, title, mark in (("government.txt", "О Правительстве Республики Казахстан", "g"),
                              ("president.txt", "О Президенте Республики Казахстан", "p")):
        (tmp_path / name).write_text(_small_law(title, mark), encoding="utf-8")
        add_file(knowledge_dir, tmp_path / name, kind="law", reindex=False)
    index = Index.build(knowledge_dir)
    for query, mark in (("статья 2 закона о президенте", "p"), ("ст. 2 закона о правительстве", "g")):
        result = index.search(query, k=3)
        assert result.tier.value == "confident" and f"({mark})" in result.hits[0].excerpt.text, query


def test_a_code_s_initials_name_it_in_an_article_reference(tmp_path: Path) -> None:
    """"ст. 2 БК РК": «БК» is what students call the Бюджетный кодекс; its article 2 opens, whole and ✅, not the
    law's article 2 (nor an answer to a question about «БК»)."""
    knowledge_dir = tmp_path / "knowledge"
    seed(knowledge_dir, DEFAULT_KNOWLEDGE_DIR)
    for name, title, kind, mark in (("law.txt", "О Правительстве Республики Казахстан", "law", "g"),
                                    ("code.txt", "Бюджетный кодекс Республики Казахстан", "code", "b")):
        (tmp_path / name).write_text(_small_law(title, mark), encoding="utf-8")
        add_file(knowledge_dir, tmp_path / name, kind=kind, reindex=False)
    index = Index.build(knowledge_dir)
    for query in ("ст. 2 БК РК", "статья 2 БК", "БК 2-бабы"):
        result = index.search(query, k=3)
        assert result.tier.value == "confident" and "(b)" in result.hits[0].excerpt.text, query
    assert "(g)" in index.search("ст. 2 закона о правительстве", k=3).hits[0].excerpt.text


@pytest.mark.parametrize(("question", "share"), [
    ("мәслихат сессиясы заңды болу үшін қанша депутат қатысуы керек", "үштен екісі"),
    ("сколько депутатов должно присутствовать чтобы сессия маслихата была правомочной", "двух третей"),
])
def test_a_quorum_asked_is_answered_by_the_share_that_states_it(index: Index, question: str, share: str) -> None:
    """"How many must be present" asks for a quorum, which the law states as a share («кемінде үштен екісі»), in
    either language alike; the share is no count of its own («төрттен үш бөлігі» is a share too)."""
    top = index.search(question, k=3, prefer_own_language=True).hits[0]
    assert share in top.excerpt.text.lower()


def test_a_newer_edition_of_an_act_answers_before_the_older_one(tmp_path: Path) -> None:
    """The law of 2014 beside a later edition of it: a look-up opens the edition in force, a question is answered
    from it, and each language's texts are linked edition to edition."""
    raw = {lang: (LEGAL / f"law-148-II-{lang}-2014.txt").read_text(encoding="utf-8") for lang in ("ru", "kk")}
    newer = {
        "ru": _amended(raw["ru"], "\nСтатья 39-3.",
                       "2. Сход местного сообщества в новой редакции проводится ежеквартально.",
                       "Сноска. Статья 39-3 с изменением, внесенным Законом РК от 01.01.2026 № 999-VIII."),
        "kk": _amended(raw["kk"], "\n39-3-бап.",
                       "2. Жергілікті қоғамдастықтың жиыны жаңа редакцияда тоқсан сайын өткізіледі.",
                       "Ескерту. 39-3-бапқа өзгеріс енгізілді - ҚР 01.01.2026 № 999-VIII Заңымен."),
    }
    knowledge_dir = tmp_path / "knowledge"
    seed(knowledge_dir, DEFAULT_KNOWLEDGE_DIR)
    ids = {}
    for lang in ("ru", "kk"):
        ids[f"{lang}-2014"] = add_file(knowledge_dir, LEGAL / f"law-148-II-{lang}-2014.txt", reindex=False).doc_id
        path = tmp_path / f"law-148-II-{lang}-2026.txt"
        path.write_text(newer[lang], encoding="utf-8")
        ids[f"{lang}-2026"] = add_file(knowledge_dir, path, reindex=False).doc_id
    index = Index.build(knowledge_dir)
    assert index.legal.superseded == {ids["ru-2014"], ids["kk-2014"]}
    assert index.legal.links[ids["ru-2026"]] == ids["kk-2026"] and index.legal.links[ids["ru-2014"]] == ids["kk-2014"]
    opened = index.search("ст. 39-3 п. 2", k=3).hits[0]
    assert opened.passage.doc_id == ids["ru-2026"] and "ежеквартально" in opened.excerpt.text
    assert index.search("39-3-бап 2-тармақ", k=3).hits[0].passage.doc_id == ids["kk-2026"]
    asked = index.search("кто созывает сход местного сообщества", k=3, prefer_own_language=True).hits[0]
    assert asked.passage.doc_id == ids["ru-2026"]
    acts = sorted(topic.title_kk for topic in structure_topics(index) if not topic.parent)
    assert [title[:8] for title in acts] == ["§ 2014 ·", "§ 2014 ·", "§ 2026 ·", "§ 2026 ·"]


def _amended(text: str, article: str, replaced: str, note: str) -> str:
    """The act's text with пункт 2 of an article rewritten and the note that says so under it."""
    start = text.index("\n2. ", text.index(article))
    end = text.index("\n", start + 4)
    return f"{text[:start]}\n{replaced}\n\n{note}{text[end:]}"


@pytest.mark.parametrize("question", ["маслихат депутатына кандай жаза колданылуы мумкин",
                                      "какие взыскания могут наложить на депутата маслихата"])
def test_a_penalty_asked_is_shown_with_the_list_of_penalties(index: Index, question: str) -> None:
    """«жаза» (a penalty) is what the law's «жазалау шаралары» are, and «взыскание» translates both: the excerpt is
    ст. 21 п. 4 with its list (мінеу / порицание), not п. 5 on how the penalties are applied."""
    hit = index.search(question, prefer_own_language=True).hits[0]
    assert hit.passage.article == "21"
    assert "мінеу" in hit.excerpt.text.lower() or "порицание" in hit.excerpt.text.lower(), hit.excerpt.text


def test_a_kazakh_verb_meets_the_act_s_other_form_of_it(index: Index) -> None:
    """"… күшін кім жояды?": the law says who «күшін жояды» in ст. 7, and the court's decision «заңды күшіне енген» in
    ст. 20 shares more of the question's words; «жояды» sought as «жою» too (the glossary's «күшін жою») finds ст. 7."""
    hit = index.search("мәслихат шешімі заңға қайшы келсе оның күшін кім жояды?", prefer_own_language=True).hits[0]
    assert hit.passage.article == "7"


@pytest.fixture(scope="module")
def law_only(tmp_path_factory: pytest.TempPathFactory) -> Index:
    knowledge_dir = tmp_path_factory.mktemp("law-only") / "knowledge"
    seed(knowledge_dir, DEFAULT_KNOWLEDGE_DIR)
    add_file(knowledge_dir, LEGAL / "law-148-II-ru-2014.txt", reindex=False)
    return Index.build(knowledge_dir)


@pytest.mark.parametrize("question", ["статья 12 Конституции", "ст. 24 Конституции РК"])
def test_an_article_of_a_constitution_the_sources_lack_is_not_another_act_s(law_only: Index, question: str) -> None:
    """With the law alone, "статья 12 Конституции" had opened the law's ст. 12 with a ✅: the Constitution is not
    among the sources, and the reader is told so (the closest passages follow)."""
    result = law_only.search(question, prefer_own_language=True)
    assert result.tier is Tier.NOTHING
    assert law_only.search("статья 12 закона", prefer_own_language=True).tier is Tier.CONFIDENT
