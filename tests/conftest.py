"""Shared fixtures: the shipped index and knowledge base, a tiny knowledge directory, the fake Bot API."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
from knowledge.index import Index
from tests.fake_bot_api import FakeTelegram

SEEDS = DEFAULT_KNOWLEDGE_DIR / "documents"
LAYERS = ("unit", "handlers", "e2e", "bench")  # the markers registered in pyproject.toml
FAKE_BOT_API = frozenset({"fake_telegram", "privacy_fake"})


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by them
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give every test its layer: the one its module or function is marked with, else by what it uses.

    A test that needs the fake Bot API (directly or through a fixture) is end-to-end: the real bot
    or aiogram's HTTP session talks to it over 127.0.0.1. Anything else is a unit test. Tests that
    start a process without the fake, the dispatcher-fed handler tests and the benchmarks are marked
    in their modules.
    """
    for item in items:
        if not any(item.get_closest_marker(layer) for layer in LAYERS):
            item.add_marker("e2e" if FAKE_BOT_API & set(getattr(item, "fixturenames", ())) else "unit")
THESIS = "000_568da9fdad2a14c1"
ARTICLE = "004_a359fc08d4bbb3ec"


@pytest.fixture(scope="session")
def shipped_index() -> Index:
    return Index.build(DEFAULT_KNOWLEDGE_DIR)


def write_document(folder: Path, doc_id: str, text: str, title: str = "Test document") -> None:
    docs = folder / "documents"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    meta = {"title": title, "short_title": title, "kind": "test", "languages": ["kk"]}
    (docs / f"{doc_id}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """Five one-paragraph documents and a two-line glossary."""
    folder = tmp_path / "knowledge"
    write_document(folder, "a_law", "Заң 1991 жылы қабылданды. Заңда әкімдер туралы айтылады.")
    write_document(folder, "b_maslikhat", "Мәслихат депутаттары бюджетті бекітеді. Мәслихаттың өкілеттігі.")
    write_document(folder, "c_ngo", "Үкіметтік емес ұйымдар азаматтық қоғамның бөлігі болып табылады.")
    write_document(folder, "d_history", "Кеңестік кезеңде жергілікті кеңестер болды. Кеңестердің саны көп.")
    write_document(folder, "e_ru", "Местное самоуправление в Казахстане закреплено в Конституции.")
    (folder / "glossary.tsv").write_text(
        "# test glossary\n"
        "мәслихат\tмаслихат\tmaslikhat\n"
        "ҮЕҰ | үкіметтік емес ұйым\tНПО | неправительственная организация\tNGO\n",
        encoding="utf-8",
    )
    return folder




@asynccontextmanager
async def serving(fake: FakeTelegram) -> AsyncIterator[FakeTelegram]:
    """Run a fake Bot API server on 127.0.0.1 (random port); stop it, and check it never crashed, after."""
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()
    assert not fake.internal_errors, f"the fake Telegram server crashed: {fake.internal_errors!r}"


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    async with serving(FakeTelegram()) as fake:
        yield fake


@pytest.fixture
async def privacy_fake() -> AsyncIterator[FakeTelegram]:
    """A fake with Telegram's privacy mode on: groups deliver only what is meant for the bot."""
    async with serving(FakeTelegram(privacy=True)) as fake:
        yield fake


@pytest.fixture(scope="session")
def shipped_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped knowledge base, its index persisted once for the whole run."""
    return KnowledgeBase.open(DEFAULT_KNOWLEDGE_DIR, tmp_path_factory.mktemp("index"))
