"""The views of an answer, from hand-made search results: "no answer" with the closest passages, and the gloss line.

The engine decides which questions land in "nothing" and with which hits; these tests build the
results themselves, so they hold whatever its thresholds become.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from aiogram.types import InlineKeyboardMarkup, InlineQueryResultArticle, InputTextMessageContent

from bot.i18n import create_i18n
from bot.runtime.cli import render_plain
from bot.services.answers import CLOSEST, first_shown, search
from bot.views.answers import hit_view, nothing_view
from bot.views.callbacks import PassageCb, TopicsCb, View
from bot.views.glosses import gloss_line
from bot.views.inline import hit_article, search_articles
from bot.views.keyboards import ALONE_LABEL
from bot.views.labels import passage_label
from bot.views.markup import to_plain
from bot.views.shares import share_view
from bot.views.topics import home_topic, topic_passage, topics_list
from knowledge.base import KnowledgeBase
from knowledge.models import Hit, SearchResult, Tier
from tests.conftest import write_document

NO_ANSWER = {"ru": "📭 В моих источниках нет ответа на этот вопрос.",
             "kk": "📭 Менің дереккөздерімде бұл сұраққа жауап жоқ."}
CLOSEST_LINE = {"ru": "Ближе всего по теме:", "kk": "Тақырыбы жағынан ең жақын үзінділер:"}
ASK_IN_KAZAKH = {"ru": "спросите по-казахски", "kk": "не қазақша сұраңыз"}
DEFINITION_KK = "Жергілікті өзін-өзі басқару деген не?"


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    i18n = create_i18n("kk")
    with i18n.context(), i18n.use_locale(lang):
        yield


def rows(markup: InlineKeyboardMarkup | None) -> list[list[tuple[str, str]]]:
    assert markup is not None
    return [[(button.text, button.callback_data or "") for button in row] for row in markup.inline_keyboard]


@pytest.fixture(scope="module")
def related(shipped_kb: KnowledgeBase) -> tuple[Hit, ...]:
    """Real hits of a real question, standing for the passages a "nothing" result may still hold."""
    hits = search(shipped_kb, "Мәслихат депутаттарын кім сайлайды?").hits
    assert len(hits) >= 5 and all(hit.bm25 > 0 for hit in hits)
    return hits[:5]


def unanswered(hits: tuple[Hit, ...], question: str = "Кто выбирает депутатов маслихата?",
               lang: str = "ru") -> SearchResult:
    return SearchResult(query=question, lang=lang, tier=Tier.NOTHING, hits=hits)


# --- "my sources have no answer" -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_no_answer_offers_the_closest_related_passages_and_the_topics(shipped_kb: KnowledgeBase,
                                                                      related: tuple[Hit, ...], lang: str) -> None:
    unrelated = replace(related[1], bm25=0.0)  # shares no word with the question: not offered
    result = unanswered((related[0], unrelated, *related[2:]))
    with speaking(lang):
        reply = nothing_view(shipped_kb, result)
    no_answer, suggestion, closest = reply.text.split("\n\n")
    assert (no_answer, closest) == (NO_ANSWER[lang], CLOSEST_LINE[lang])
    assert ASK_IN_KAZAKH[lang] in suggestion  # asked in Russian: try Kazakh
    *passages, topics = rows(reply.markup)
    assert topics == [(topics[0][0], TopicsCb(page=0).pack())] and "🗂" in topics[0][0]
    assert len(passages) == CLOSEST == 3
    expected = [related[0].passage, related[2].passage, related[3].passage]
    for (text, data), passage in zip((row[0] for row in passages), expected, strict=True):
        assert len(data.encode()) <= 64
        opened = PassageCb.unpack(data)
        assert (opened.passage_id, opened.view, opened.page) == (passage.passage_id, View.FULL, 0)
        assert opened.slug == shipped_kb.topics.topics_of(passage.passage_id)[0].slug  # as a deep link opens it
        assert text == f"📄 {passage_label(passage, ALONE_LABEL - 2)}"


@pytest.mark.parametrize("hits", ["none", "unrelated"])
def test_off_topic_gets_the_no_answer_line_and_the_topic_menu_only(shipped_kb: KnowledgeBase,
                                                                   related: tuple[Hit, ...], hits: str) -> None:
    found = () if hits == "none" else tuple(replace(hit, bm25=0.0) for hit in related)
    with speaking("kk"):
        reply = nothing_view(shipped_kb, unanswered(found, "палау қалай пісіріледі", "kk"))
    assert reply.text == "\n\n".join([NO_ANSWER["kk"],
                                      "Басқа сөздермен сұрап көріңіз, не орысша сұраңыз, не тақырыпты таңдаңыз:"])
    assert [data for row in rows(reply.markup) for _, data in row] == [TopicsCb(page=0).pack()]


def test_a_groups_no_answer_is_the_same_without_blank_lines(shipped_kb: KnowledgeBase,
                                                            related: tuple[Hit, ...]) -> None:
    with speaking("ru"):
        private = nothing_view(shipped_kb, unanswered(related))
        group = nothing_view(shipped_kb, unanswered(related), compact=True)
    assert "\n\n" not in group.text and group.text.splitlines() == private.text.replace("\n\n", "\n").splitlines()
    assert group.markup == private.markup


def test_terminal_lists_the_closest_passages_as_lines(shipped_kb: KnowledgeBase, related: tuple[Hit, ...]) -> None:
    with speaking("ru"):
        text = render_plain(shipped_kb, unanswered(related))
        off_topic = render_plain(shipped_kb, unanswered(()))
    lines = text.splitlines()
    assert lines[0] == NO_ANSWER["ru"] and "<" not in text
    at = lines.index(CLOSEST_LINE["ru"])
    assert lines[at + 1:] == [f"  📄 {passage_label(hit.passage)}" for hit in related[:CLOSEST]]
    assert off_topic.startswith(NO_ANSWER["ru"]) and CLOSEST_LINE["ru"] not in off_topic and "📄" not in off_topic


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_inline_nothing_article_says_the_same_sentence(shipped_kb: KnowledgeBase, related: tuple[Hit, ...],
                                                       lang: str) -> None:
    with speaking(lang):
        (article,) = search_articles(shipped_kb, unanswered(related, "<b>плов</b> & рис"), "study_bot")
    assert isinstance(article, InlineQueryResultArticle)
    content = article.input_message_content
    assert isinstance(content, InputTextMessageContent)
    assert article.title == NO_ANSWER[lang]
    assert NO_ANSWER[lang] in content.message_text and "&lt;b&gt;плов&lt;/b&gt; &amp; рис" in content.message_text


# --- the gloss line ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def definition(shipped_kb: KnowledgeBase) -> SearchResult:
    result = search(shipped_kb, DEFINITION_KK)
    assert result.hits and result.hits[0].passage.lang == "kk"
    return result


def test_a_russian_reader_of_a_kazakh_excerpt_gets_its_terms_under_the_quote(shipped_kb: KnowledgeBase,
                                                                             definition: SearchResult) -> None:
    shown = first_shown(definition, query_id=1)
    assert shown is not None
    with speaking("ru"):
        private = hit_view(shown, View.EXCERPT, shipped_kb).text
        group = hit_view(shown, View.EXCERPT, shipped_kb, compact=True).text
    for text in (private, group):
        gloss = text.split("</blockquote>\n", 1)[1].split("\n", 1)[0]
        assert gloss.startswith("🔤 ") and " — местное самоуправление" in gloss
        assert text.count("Фрагмент на казахском языке") == 1  # the note is said once, the gloss names no language


def test_a_kazakh_reader_of_a_kazakh_excerpt_gets_no_gloss(shipped_kb: KnowledgeBase,
                                                           definition: SearchResult) -> None:
    shown = first_shown(definition, query_id=1)
    assert shown is not None
    with speaking("kk"):
        text = hit_view(shown, View.EXCERPT, shipped_kb).text
    assert "</blockquote>\n\n📖 <i>" in text and text.count("📖") == 1  # straight on to the citation
    assert "местное самоуправление" not in text


def test_inline_and_terminal_answers_carry_the_gloss(shipped_kb: KnowledgeBase, definition: SearchResult) -> None:
    hit = definition.hits[0]
    with speaking("ru"):
        article = hit_article(shipped_kb, hit, "study_bot")
        plain = render_plain(shipped_kb, definition)
    content = article.input_message_content
    assert isinstance(content, InputTextMessageContent)
    with speaking("ru"):
        gloss = gloss_line(shipped_kb, hit)
    assert gloss is not None and " — местное самоуправление" in gloss
    assert f"</blockquote>\n{gloss}\n\n" in content.message_text
    assert f"\n{to_plain(gloss)}\n\n" in plain


@pytest.mark.parametrize(("lang", "other"), [("kk", "ru"), ("ru", "kk")])
def test_every_view_of_a_hit_cites_in_the_current_language(shipped_kb: KnowledgeBase, definition: SearchResult,
                                                           lang: str, other: str) -> None:
    """The views take no language: each reads gettext's current one, so the same hit cites in kk or ru."""
    hit = definition.hits[0]
    passage = hit.passage
    meta = shipped_kb.documents[passage.doc_id]
    shown = first_shown(definition, query_id=1)
    assert shown is not None and meta.display_title(lang) != meta.display_title(other)
    with speaking(lang):
        article = hit_article(shipped_kb, hit, "study_bot").input_message_content
        opened = topic_passage(shipped_kb, home_topic(shipped_kb, passage.passage_id), 0, passage.passage_id, View.FULL)
        assert isinstance(article, InputTextMessageContent) and opened is not None
        cited = {"excerpt": hit_view(shown, View.EXCERPT, shipped_kb).text,
                 "full": hit_view(shown, View.FULL, shipped_kb).text,
                 "inline": article.message_text,
                 "share": share_view(shipped_kb, passage, "study_bot").text,
                 "topic": opened.text,
                 "terminal": render_plain(shipped_kb, definition)}
        source = hit_view(shown, View.SOURCE, shipped_kb).text
        menu = [row[0][0] for row in rows(topics_list(shipped_kb).markup)]
    for name, text in cited.items():
        assert meta.display_title(lang) in text and meta.display_title(other) not in text, name
        if name != "share":  # a link's message cites the passage without quoting it: no note on its language
            assert ("ℹ️" in text) is (passage.lang != lang), name
    assert f"\n\n<b>{meta.full_title(lang)}</b>\n<i>{meta.full_title(other)}</i>\n" in source
    first = shipped_kb.topics.menu(lang)[0]
    assert menu[0] == first.title(lang) != first.title(other)


def test_gloss_line_is_escaped_and_only_for_another_language(tmp_path: Path) -> None:
    """A real knowledge base whose glossary writes a term with markup characters."""
    write_document(tmp_path, "kk_doc", "Мәслихат депутаттары бюджетті бекітеді. Әкім мәслихатқа есеп береді.")
    others = ["Ауыл шаруашылығы туралы мәтін.", "Қала көшелері мен саябақтары.", "Тарих пәні мектепте."]
    for n, text in enumerate(others):
        write_document(tmp_path, f"other{n}", text)
    (tmp_path / "glossary.tsv").write_text("<мәслихат> | мәслихат\tмаслихат & Co\nәкім\tаким\n", encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path)
    hit = kb.index.search("мәслихат әкім", k=1).hits[0]
    assert hit.passage.lang == "kk"
    plain = kb.index.search("ауыл шаруашылығы", k=1).hits[0]
    with speaking("ru"):
        line = gloss_line(kb, hit)
        assert line is not None and line.startswith("🔤 ")
        assert line == "🔤 &lt;мәслихат&gt; — маслихат &amp; Co · әкім — аким"  # escaped, in the text's order
        assert gloss_line(kb, replace(plain, excerpt=replace(plain.excerpt, text="ауыл шаруашылығы"))) is None
    with speaking("kk"):
        assert gloss_line(kb, hit) is None  # the reader's own language
    with speaking("en"):
        assert gloss_line(kb, hit) is None  # no interface in English
