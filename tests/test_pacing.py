"""The group pacer's slots: never more than `limit` messages in any window, in order of arrival."""

from __future__ import annotations

from bot.session.pacing import GroupPacer


def test_a_burst_is_spread_so_that_no_window_holds_more_than_the_limit() -> None:
    pacer = GroupPacer(limit=3, period=60.0)
    slots = [pacer.reserve(-100, now=0.0) for _ in range(8)]
    assert slots == [0.0, 0.0, 0.0, 60.0, 60.0, 60.0, 120.0, 120.0]
    for start in slots:
        assert sum(start <= slot < start + 60.0 for slot in slots) <= 3


def test_quiet_groups_and_other_groups_do_not_wait() -> None:
    pacer = GroupPacer(limit=2, period=10.0)
    assert [pacer.reserve(-1, now=0.0), pacer.reserve(-1, now=1.0)] == [0.0, 1.0]
    assert pacer.reserve(-2, now=1.0) == 1.0  # another group has its own budget
    assert pacer.reserve(-1, now=2.0) == 10.0  # the third within ten seconds waits for the first to age out
    assert pacer.reserve(-1, now=30.0) == 30.0  # the window has passed: at once
