"""The command-line contract: `python -m knowledge search | eval | passages`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e  # `python -m knowledge` in a process

ROOT = Path(__file__).resolve().parents[1]
HIT_KEYS = {"passage_id", "doc_id", "title", "section", "score", "bm25", "text", "excerpt", "marks",
            "article", "paragraphs", "citation", "parallel"}


def run(*args: str, stdin: str = "", cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "knowledge", *args, "--cache-dir", str(cache)],
        input=stdin, capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120,
    )


def test_search_json_with_a_query(tmp_path: Path) -> None:
    done = run("search", "--json", "--top", "2", "Токвиль", "қандай", "еңбек", "жазды?", cache=tmp_path)
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    result = json.loads(line)
    assert result["query"] == "Токвиль қандай еңбек жазды?"
    assert result["lang"] == "kk" and result["tier"] in {"confident", "unsure", "nothing"}
    assert 1 <= len(result["hits"]) <= 2
    hit = result["hits"][0]
    assert set(hit) == HIT_KEYS
    assert "«Америкадағы Демократия»" in hit["text"] and "«Америкадағы Демократия»" in hit["excerpt"]
    for start, end in hit["marks"]:
        assert hit["excerpt"][start:end].strip()


def test_search_json_reads_one_query_per_stdin_line(tmp_path: Path) -> None:
    done = run("search", "--json", "--top", "3", stdin="Кто такой Токвиль?\n\nrecipe for pilaf\n", cache=tmp_path)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["query"] for r in results] == ["Кто такой Токвиль?", "", "recipe for pilaf"]
    assert results[0]["lang"] == "ru" and results[0]["hits"]
    assert results[1]["tier"] == "nothing" and results[1]["hits"] == []
    assert results[2]["tier"] == "nothing"
    assert (tmp_path / "index.npz").exists()  # persisted beside the database


def test_eval_prints_metrics_and_exits_non_zero_below_the_minimum(tmp_path: Path) -> None:
    questions = tmp_path / "qa.jsonl"
    questions.write_text(
        json.dumps({"id": "a", "lang": "kk", "q": "Токвиль қандай еңбек жазды?", "gold": ["Америкадағы Демократия"]},
                   ensure_ascii=False) + "\n"
        + json.dumps({"id": "b", "lang": "ru", "q": "рецепт плова", "gold": ["плов из баранины"]},
                     ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    passing = run("eval", str(questions), "--min-r1", "0.5", "--min-r3", "0.5", cache=tmp_path)
    assert passing.returncode == 1  # ru has 0.0
    assert "R@1" in passing.stdout and "MRR" in passing.stdout
    assert "b [ru] рецепт плова" in passing.stdout  # the miss is listed
    lenient = run("eval", str(questions), cache=tmp_path)
    assert lenient.returncode == 0
    kk_row = next(line for line in lenient.stdout.splitlines() if line.startswith("kk"))
    assert kk_row.split()[1:4] == ["1", "1.000", "1.000"]


def test_passages_lists_the_segmentation(tmp_path: Path) -> None:
    done = run("passages", cache=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) > 40
    assert any("Аннотация (ru)" in line and " ru " in line for line in lines)


def test_a_broken_glossary_is_reported_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "kd"
    (folder / "documents").mkdir(parents=True)
    (folder / "glossary.tsv").write_text("әкім\tаким\nбұзылған жол\n", encoding="utf-8")
    done = run("search", "--knowledge-dir", str(folder), "әкім", cache=tmp_path)
    assert done.returncode == 2
    assert "glossary line 2" in done.stderr and "Traceback" not in done.stderr
