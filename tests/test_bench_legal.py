"""The legal benchmark runs and reports its figures against the shipped baseline."""

from __future__ import annotations

import pytest

from bench.legal import FILES, LEGAL, main

pytestmark = [pytest.mark.bench,  # run with `pytest -m bench`
              pytest.mark.skipif(not all((LEGAL / name).is_file() for name in FILES), reason="no ../shared/legal")]


def test_the_benchmark_reports_build_and_search_beside_the_shipped_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "index build: shipped" in out and "p99" in out and "ratio with/without" in out
