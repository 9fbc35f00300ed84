"""How the evaluation judges one search result: what the reader sees is what counts."""

from __future__ import annotations

from knowledge.evaluation import Question, judge
from knowledge.index import Index
from knowledge.normalize import squash

LEAD_IN = ("Еркін қауымдастық теориясы жергілікті өзін-өзі басқарудың ұйымдастырылуының "
           "келесідей негізін құраушы бастауларын алға шығарады:")
FIRST_ITEM = "жергілікті өзін-өзі басқару органдарын қоғам мүшелерінің сайлауы"


def test_a_list_shown_with_the_lead_in_of_the_passage_before_holds_a_gold_across_the_two(shipped_index: Index) -> None:
    result = shipped_index.search("еркін қауымдастық теориясының қағидалары", k=10)
    gold = squash(LEAD_IN + " " + FIRST_ITEM)
    carried = [n for n, hit in enumerate(result.hits, 1)
               if gold in squash(hit.excerpt.text) and gold not in squash(hit.passage.text)]
    assert carried, "the list's excerpt no longer carries its lead-in"
    outcome = judge(Question("t-1", "kk", result.query, (LEAD_IN + "\n- " + FIRST_ITEM,)), result)
    assert outcome.rank == carried[0]
    assert outcome.right == (carried[0] == 1)


def test_a_gold_in_no_hit_has_no_rank(shipped_index: Index) -> None:
    result = shipped_index.search("еркін қауымдастық теориясының қағидалары", k=10)
    outcome = judge(Question("t-2", "kk", result.query, ("Бұл сөйлем құжаттарда жоқ",)), result)
    assert outcome.rank is None and not outcome.right
