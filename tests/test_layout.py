"""House rules that keep the three rooms apart and the interface text in the catalogs."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TELEGRAM_SIDE = {"aiogram", "bot", "handlers"}


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_knowledge_never_imports_aiogram() -> None:
    offenders = []
    for path in _modules("knowledge"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in TELEGRAM_SIDE]
    assert not offenders


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _logged(tree: ast.AST) -> set[int]:
    """String constants passed to logging calls (for the admin's log, not for users)."""
    ids = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "log"):
            ids |= {id(arg) for arg in node.args if isinstance(arg, ast.Constant)}
    return ids


def user_facing_literals(source: str) -> list[str]:
    """String literals that look like words for a person: spaces between words, or non-ASCII text."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _logged(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
            if any(ch.isalpha() for ch in text) and (" " in text.strip() or not text.isascii()):
                found.append(text)
    return found


def test_the_literal_check_finds_words() -> None:
    assert user_facing_literals('answer("Сәлем")\nanswer("not found here")') == ["Сәлем", "not found here"]
    assert user_facing_literals('"""Doc string."""\nCommand("help")\nlog.info("seen %d", 1)') == []


def test_no_user_facing_literals_in_handlers() -> None:
    offenders = {path.name: found for path in _modules("handlers")
                 if (found := user_facing_literals(path.read_text(encoding="utf-8")))}
    assert not offenders


def _bot_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def test_only_the_composition_root_imports_handlers() -> None:
    importers = sorted(str(path.relative_to(ROOT)) for path in _modules("bot")
                       if any(name.split(".")[0] == "handlers" for name in _bot_imports(path)))
    assert importers == ["bot/runtime/app.py"]


def test_the_layers_import_one_way() -> None:
    """handlers → services, views → knowledge; nothing below the composition root reaches up to it."""
    offenders = []
    for path in _modules("bot") + _modules("handlers"):
        where = str(path.relative_to(ROOT))
        for name in _bot_imports(path):
            runner = where.startswith("bot/runtime/") or where == "bot/__main__.py"
            if runner or not name.startswith(("bot.", "handlers")):
                continue
            if name.startswith("bot.runtime") or (name.startswith("handlers") and where.startswith("bot/")):
                offenders.append(f"{where} imports {name}")
            if where.startswith("bot/storage/") and not name.startswith(("bot.storage", "bot.settings")):
                offenders.append(f"{where} imports {name}")
    assert not offenders


def test_every_package_says_what_lives_there() -> None:
    for init in [*sorted((ROOT / "bot").rglob("__init__.py")), ROOT / "handlers" / "__init__.py"]:
        if init.parent.name == "locales":
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 8, f"{init.relative_to(ROOT)} has no docstring"


def test_interface_text_is_written_only_in_the_views() -> None:
    """One way to write a message: a gettext call in bot/views/, never in a handler, service or middleware."""
    offenders = []
    for path in _modules("bot") + _modules("handlers"):
        where = str(path.relative_to(ROOT))
        if where.startswith("bot/views/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in {"_", "__", "gettext", "ngettext"}):
                offenders.append(f"{where}:{node.lineno}")
    assert not offenders
