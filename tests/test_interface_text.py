"""Interface text as an editor checks it: one term per concept, agreement, and sizes that fit a phone."""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from aiogram.types import InlineKeyboardMarkup
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, create_i18n
from bot.views import texts
from bot.views.admin import kind_choices
from bot.views.callbacks import View
from bot.views.keyboards import (
    ALONE_LABEL,
    ROW_LABEL,
    answer_keyboard,
    closest_keyboard,
    dismiss_keyboard,
    forget_keyboard,
    group_answer_keyboard,
    group_language_keyboard,
    help_keyboard,
    kinds_keyboard,
    language_keyboard,
    open_bot_keyboard,
    pages,
    passage_keyboard,
    remove_keyboard,
    share_keyboard,
    topic_keyboard,
    topics_keyboard,
    upload_keyboard,
)
from knowledge.base import KnowledgeBase
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
from knowledge.models import DocumentMeta

LANGS = ("kk", "ru")
TERMINOLOGY = LOCALES_DIR / "terminology.tsv"
TOPICS = DEFAULT_KNOWLEDGE_DIR / "topics.toml"
REQUIRED_CONCEPTS = {"passage", "excerpt", "full passage", "source", "citation", "link", "topic", "button", "vote",
                     "cancel", "unanswered question", "no answer", "admin", "document", "knowledge base"}
LONGEST_USERNAME = "a" * 32  # Telegram bot usernames are at most 32 characters


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    i18n = create_i18n("kk")
    with i18n.context(), i18n.use_locale(lang):
        yield


def terminology() -> list[dict[str, str]]:
    with TERMINOLOGY.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def forbidden_pattern(variant: str) -> re.Pattern[str]:
    """A listed variant as a whole word; a trailing `*` makes it a stem (Kazakh and Russian inflect)."""
    stem = variant.endswith("*")
    body = re.escape(variant.rstrip("*").strip().lower())
    return re.compile(rf"(?<!\w){body}" + ("" if stem else r"(?!\w)"))


def interface_strings(lang: str) -> list[tuple[str, str]]:
    """(where, text) for every translation of a catalog and every topic title in that language."""
    with (LOCALES_DIR / f"{lang}.po").open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(key, string) for string in strings]
    with TOPICS.open("rb") as handle:
        found += [(f"topics.toml {t['slug']}", t[f"title_{lang}"]) for t in tomllib.load(handle)["topic"]]
    return found


def test_terminology_table_is_well_formed_and_covers_the_core_concepts() -> None:
    rows = terminology()
    assert rows and set(rows[0]) == {"concept", "en", "kk", "ru", "forbidden_kk", "forbidden_ru", "note"}
    concepts = [row["concept"] for row in rows]
    assert len(concepts) == len(set(concepts))
    assert not REQUIRED_CONCEPTS - set(concepts), REQUIRED_CONCEPTS - set(concepts)
    for row in rows:
        assert all(row[column].strip() for column in ("en", "kk", "ru")), row["concept"]


@pytest.mark.parametrize("lang", LANGS)
def test_catalogs_use_no_forbidden_variant(lang: str) -> None:
    strings = interface_strings(lang)
    found = []
    for row in terminology():
        for variant in filter(None, (v.strip() for v in row[f"forbidden_{lang}"].split(";"))):
            pattern = forbidden_pattern(variant)
            found += [f"{row['concept']}: «{variant}» in {where!r}" for where, text in strings
                      if pattern.search(text.lower())]
    assert not found, f"{lang}: use the term of bot/locales/terminology.tsv:\n" + "\n".join(found)


def test_the_forbidden_variant_check_catches_inflected_forms() -> None:
    assert forbidden_pattern("түйме*").search("бұл түймелерді басыңыз")
    assert forbidden_pattern("админ").search("админ: статистика")
    assert not forbidden_pattern("админ").search("администратору: статистика")
    assert forbidden_pattern("готово!").search("готово! теперь")


# --- agreement ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "sources"), [(1, "из 1 источника"), (2, "из 2 источников"),
                                                (5, "из 5 источников"), (11, "из 11 источников"),
                                                (21, "из 21 источника"), (22, "из 22 источников")])
def test_russian_source_counts_agree(count: int, sources: str) -> None:
    with speaking("ru"):
        assert sources in texts.group_intro("bot", count)
        many = {f"doc{n}": DocumentMeta(title="Т" * 600, short_title="Т" * 600, kind="other") for n in range(count)}
        assert sources in texts.greeting("Дана", many)


@pytest.mark.parametrize(("questions", "votes", "said"), [
    (1, 1, "Удалено: 1 вопрос, 1 оценка и"), (3, 2, "Удалено: 3 вопроса, 2 оценки и"),
    (5, 11, "Удалено: 5 вопросов, 11 оценок и"), (21, 0, "Удалено: 21 вопрос, 0 оценок и")])
def test_russian_deleted_counts_agree(questions: int, votes: int, said: str) -> None:
    with speaking("ru"):
        assert said in texts.forgotten(questions, votes)


@pytest.mark.parametrize("title", ["Конституция", "Закон о местном самоуправлении", "Материалы"])
def test_document_messages_agree_whatever_the_title(title: str) -> None:
    """The title's gender and number are unknown: the sentence agrees with «документ», not with it."""
    with speaking("ru"):
        assert texts.document_added(title, "doc", 3, 90).startswith(f"✅ Документ «{title}» добавлен")
        assert texts.document_removed(title, 2, 60).startswith(f"🗑 Документ «{title}» удалён")
    with speaking("kk"):
        assert texts.document_added(title, "doc", 3, 90).startswith(f"✅ «{title}» құжаты")
        assert texts.document_removed(title, 2, 60).startswith(f"🗑 «{title}» құжаты")


@pytest.mark.parametrize(("lang", "forms"), [("kk", 2), ("ru", 3)])
def test_plural_messages_have_every_form(lang: str, forms: int) -> None:
    with (LOCALES_DIR / f"{lang}.po").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.num_plurals == forms
    for message in catalog:
        if message.pluralizable:
            assert len(message.string) == forms and all(message.string), message.id


# --- sizes ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return KnowledgeBase.open(DEFAULT_KNOWLEDGE_DIR, tmp_path_factory.mktemp("index"))


@pytest.mark.parametrize("lang", LANGS)
def test_start_and_help_fit_one_screen(kb: KnowledgeBase, lang: str) -> None:
    with speaking(lang):
        assert len(texts.greeting("Ж" * 64, kb.documents)) <= texts.SCREEN_CHARS
        many = {f"doc{n}": DocumentMeta(title=f"Құжат {n}", short_title=f"Құжаттың атауы {n}", kind="other")
                for n in range(40)}
        assert len(texts.greeting("Ж" * 64, many)) <= texts.SCREEN_CHARS
        for page in range(texts.HELP_PAGES):
            assert len(texts.help_text(LONGEST_USERNAME, page)) <= texts.SCREEN_CHARS, page
        assert len(texts.group_intro(LONGEST_USERNAME, 12)) <= texts.SCREEN_CHARS


def all_keyboards(kb: KnowledgeBase, lang: str) -> Iterator[tuple[str, InlineKeyboardMarkup]]:
    """Every keyboard the bot builds, in every state that changes its labels."""
    passages = kb.index.passages
    candidates = list(enumerate(passages[:3], start=1))
    for view in View:
        for rank, total in ((0, 1), (0, 5), (2, 5), (4, 5)):
            for vote in (None, 1, -1):
                yield "answer", answer_keyboard(7, rank, total, view, vote, passages[0].passage_id, candidates)
            yield "group answer", group_answer_keyboard(7, rank, total, view)
        yield "passage", passage_keyboard("concept", 0, passages[0].passage_id, view)
        yield "passage", passage_keyboard("concept", 0, passages[1].passage_id, view,
                                          (passages[0].passage_id, passages[2].passage_id))
    yield "share", share_keyboard("https://t.me/bot?start=p_x", "title")
    for current in (None, "kk", "ru"):
        yield "group language", group_language_keyboard(current)
    yield "language", language_keyboard()  # the current language marked as chosen
    yield "kinds", kinds_keyboard(kind_choices())
    yield "upload", upload_keyboard()
    yield "remove", remove_keyboard("doc")
    yield "dismiss", dismiss_keyboard([(n, n) for n in range(1, 21)])
    yield "closest", closest_keyboard([("concept", p) for p in passages[:3]])
    for page in range(pages(len(kb.topics.topics), 8)):
        yield "topics", topics_keyboard(kb.topics.topics, page)
    for topic in kb.topics.topics:
        members = kb.topics.members(topic.slug)
        for page in range(pages(len(members), 6)):
            yield f"topic {topic.slug}", topic_keyboard(topic.slug, members, page)
    yield "forget", forget_keyboard()
    for page in range(texts.HELP_PAGES):
        yield "help", help_keyboard(page)
    for label in (texts.open_bot(),):
        yield "open bot", open_bot_keyboard("https://t.me/bot", label)


@pytest.mark.parametrize("lang", LANGS)
def test_button_labels_are_not_cut_on_a_phone(kb: KnowledgeBase, lang: str) -> None:
    too_long = []
    with speaking(lang):
        for name, markup in all_keyboards(kb, lang):
            for row in markup.inline_keyboard:
                limit = ALONE_LABEL if len(row) == 1 else ROW_LABEL
                too_long += [f"{name}: {button.text!r} ({len(button.text)} > {limit})"
                             for button in row if len(button.text) > limit]
    assert not too_long, "\n".join(sorted(set(too_long)))


@pytest.mark.parametrize("lang", LANGS)
def test_inline_buttons_fit_alone(lang: str) -> None:
    """The one button under a message posted from inline mode."""
    with speaking(lang):
        labels = [create_i18n("kk").gettext(m, locale=lang) for m in
                  ("📄 Open in the bot", "💬 Open the bot", "🗂 Open the topic in the bot")]
    assert all(len(label) <= ALONE_LABEL for label in labels), labels
