"""Settings: defaults, parsing from the environment, and one clear line per mistake."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from bot.runtime import cli
from bot.session.retry import RetryPolicy
from bot.settings import TELEGRAM_API_URL, SettingsError, load_settings
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, seed
from tests import forked_bot

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
VARIABLES = ("BOT_TOKEN", "BOT_API_URL", "DATABASE_PATH", "KNOWLEDGE_DIR", "ADMIN_IDS", "DEFAULT_LANGUAGE",
             "LOG_LEVEL", "GROUP_MESSAGES_PER_MINUTE", "RETRY_ATTEMPTS", "RETRY_BASE_DELAY", "RETRY_MAX_DELAY")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env of the developer's


def test_defaults() -> None:
    settings = load_settings()
    assert settings.bot_token is None
    assert settings.bot_api_url == TELEGRAM_API_URL
    assert settings.database_path == Path("data/bot.sqlite3")
    assert settings.default_language == "kk"
    assert settings.admin_ids == frozenset()
    assert settings.knowledge_dir == Path("data/knowledge")  # beside the database, seeded on first start
    assert settings.group_messages_per_minute == 20
    policy = RetryPolicy.from_settings(settings)
    assert (policy.attempts, policy.base_delay, policy.max_delay) == (6, 0.5, 8.0)


def test_the_retry_policy_follows_its_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETRY_ATTEMPTS", "3")
    monkeypatch.setenv("RETRY_BASE_DELAY", "0.01")
    monkeypatch.setenv("RETRY_MAX_DELAY", "0.02")
    policy = RetryPolicy.from_settings(load_settings())
    assert (policy.attempts, policy.base_delay, policy.max_delay) == (3, 0.01, 0.02)
    assert all(policy.backoff(attempt) <= 0.02 * 1.2 for attempt in range(1, 4))


def test_values_from_environment_and_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"BOT_TOKEN={TOKEN}\nADMIN_IDS=1, 2 3\nDEFAULT_LANGUAGE=RU\n", encoding="utf-8")
    monkeypatch.setenv("BOT_API_URL", "http://127.0.0.1:8081/")
    settings = load_settings()
    assert settings.token().get_secret_value() == TOKEN
    assert settings.admin_ids == frozenset({1, 2, 3})
    assert settings.default_language == "ru"
    assert settings.bot_api_url == "http://127.0.0.1:8081"
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.bot_token)


@pytest.mark.parametrize(("name", "value"), [
    ("BOT_TOKEN", "not-a-token"),
    ("BOT_API_URL", "api.telegram.org"),
    ("ADMIN_IDS", "12,abc"),
    ("DEFAULT_LANGUAGE", "en"),
    ("LOG_LEVEL", "LOUD"),
    ("KNOWLEDGE_DIR", "/nonexistent/folder"),
    ("GROUP_MESSAGES_PER_MINUTE", "0"),
    ("RETRY_BASE_DELAY", "0"),
])
def test_malformed_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    message = str(error.value)
    assert message.startswith(f"{name} is malformed") and "\n" not in message
    assert value not in message or name != "BOT_TOKEN"


def test_missing_token_is_explained() -> None:
    with pytest.raises(SettingsError, match="BOT_TOKEN is not set"):
        load_settings().token()


def run_bot(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env})


@pytest.mark.e2e
def test_bot_without_token_says_what_to_set(tmp_path: Path) -> None:
    done = run_bot(env={"DATABASE_PATH": str(tmp_path / "db.sqlite3")}, cwd=tmp_path)
    assert done.returncode == 2
    assert "BOT_TOKEN is not set" in done.stderr and "python -m bot ask" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.e2e
def test_bad_token_stops_with_one_line_and_no_secret(tmp_path: Path) -> None:
    secret = "12:short-secret-value"
    done = run_bot(env={"BOT_TOKEN": secret}, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        "error: BOT_TOKEN is malformed: expected the token @BotFather gave, like 123456789:AAE…")
    assert secret not in done.stderr + done.stdout and "Traceback" not in done.stderr


@pytest.mark.e2e
async def test_ask_prints_the_answer_as_plain_text(tmp_path: Path) -> None:
    """`python -m bot ask` in a process of its own (forked: tests/forked_bot.py)."""
    done = await forked_bot.run_bot(["ask", "1991 жылы қандай заң қабылданды?"], cwd=tmp_path,
                                    env=forked_bot.base_environment(DATABASE_PATH=str(tmp_path / "db.sqlite3")))
    assert done.returncode == 0, done.stderr
    assert "1991 жылы 15 ақпанда" in done.stdout
    assert "<b>" not in done.stdout and "📖" in done.stdout
    assert (tmp_path / "index.npz").exists()  # persisted beside the database


def ask(*args: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path) -> str:
    """`python -m bot ask …` run in this process (test_ask_prints_the_answer_as_plain_text runs the real one)."""
    monkeypatch.chdir(folder)  # no .env of the developer's
    monkeypatch.setenv("DATABASE_PATH", str(folder / "db.sqlite3"))
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        assert cli.main(["ask", *args]) == 0
    finally:  # main set up logging for a process; give pytest's back
        for handler in root.handlers:
            if handler not in handlers:
                handler.close()
        root.handlers[:], root.level = handlers, level
    return capsys.readouterr().out


def test_ask_says_when_the_sources_have_no_answer_and_glosses_kazakh_for_a_russian_reader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    off_topic = ask("как приготовить плов", monkeypatch=monkeypatch, capsys=capsys, folder=tmp_path)
    assert off_topic.splitlines()[0] == "📭 В моих источниках нет ответа на этот вопрос."
    glossed = ask("что такое местное самоуправление", monkeypatch=monkeypatch, capsys=capsys, folder=tmp_path)
    assert any(line.startswith("🔤 ") and " — местное самоуправление" in line for line in glossed.splitlines())
    kazakh = ask("что такое местное самоуправление", "--lang", "kk", monkeypatch=monkeypatch, capsys=capsys,
                 folder=tmp_path)
    assert kazakh.count("📖") == 1  # a Kazakh reader: no gloss


def test_default_knowledge_folder_is_seeded_once_and_then_kept(tmp_path: Path) -> None:
    """The default collection lives beside the database, copied from the shipped one on first start."""
    settings = load_settings(database_path=tmp_path / "state" / "bot.sqlite3")
    folder = settings.knowledge_dir
    assert folder == tmp_path / "state" / "knowledge" and not folder.exists()
    assert seed(folder)
    shipped = sorted(p.name for p in (DEFAULT_KNOWLEDGE_DIR / "documents").iterdir() if p.suffix in {".txt", ".json"})
    assert sorted(p.name for p in (folder / "documents").iterdir()) == shipped
    assert (folder / "glossary.tsv").read_bytes() == (DEFAULT_KNOWLEDGE_DIR / "glossary.tsv").read_bytes()
    assert (folder / "topics.toml").is_file()
    (folder / "glossary.tsv").write_text("# edited by an admin\n", encoding="utf-8")
    assert not seed(folder)
    assert (folder / "glossary.tsv").read_text(encoding="utf-8") == "# edited by an admin\n"
