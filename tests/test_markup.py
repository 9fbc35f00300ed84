"""HTML for Telegram: escaping, bold marks, and splitting within the message limit."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from bot.views.markup import MESSAGE_LIMIT, highlight, split_message, telegram_length, to_plain


class Balanced(HTMLParser):
    """Fails on a tag closed out of order or left open."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag


def balanced(text: str) -> bool:
    parser = Balanced()
    parser.feed(text)
    parser.close()
    return not parser.stack


def test_highlight_escapes_and_bolds() -> None:
    assert highlight("a <b> & c", [(0, 1), (8, 9)]) == "<b>a</b> &lt;b&gt; &amp; <b>c</b>"


def test_highlight_ignores_overlapping_marks() -> None:
    assert highlight("abcdef", [(0, 3), (2, 4), (4, 6)]) == "<b>abc</b>d<b>ef</b>"


def test_neighbouring_marks_read_as_one_phrase() -> None:
    text = "жергілікті өзін-өзі басқару, ал әкім"
    marks = [found.span() for found in re.finditer(r"жергілікті|өзін|өзі\b|басқару|әкім", text)]
    assert highlight(text, marks) == "<b>жергілікті өзін-өзі басқару</b>, ал <b>әкім</b>"


def test_short_paragraphs_are_packed_into_one_message() -> None:
    assert split_message(["one", "two", ""]) == ["one\n\ntwo"]


def test_long_reply_splits_between_paragraphs() -> None:
    paragraphs = [f"<b>{n}</b> " + "сөз " * 300 for n in range(10)]
    messages = split_message(paragraphs)
    assert len(messages) > 1
    assert all(telegram_length(m) <= MESSAGE_LIMIT for m in messages)
    assert "\n\n".join(messages).count("<b>") == 10
    assert all(m.startswith("<b>") for m in messages)


def test_a_huge_paragraph_is_cut_between_words_keeping_tags_balanced() -> None:
    paragraph = "<blockquote>" + " ".join(f"<b>w{n}</b> word" for n in range(2000)) + "</blockquote>"
    messages = split_message([paragraph], most=20)
    assert len(messages) > 1
    assert all(telegram_length(m) <= MESSAGE_LIMIT and balanced(m) for m in messages)
    assert to_plain(" ".join(messages)).split() == to_plain(paragraph).split()


def test_emoji_count_twice() -> None:
    assert telegram_length("😕") == 2
    messages = split_message(["😕" * 3000])
    assert all(telegram_length(m) <= MESSAGE_LIMIT for m in messages)


@given(st.text(max_size=300), st.lists(st.tuples(st.integers(0, 300), st.integers(0, 300)), max_size=5))
def test_highlight_round_trips_to_the_text(text: str, marks: list[tuple[int, int]]) -> None:
    html_text = highlight(text, marks)
    assert balanced(html_text)
    assert to_plain(html_text) == text


def test_to_plain_can_mark_bold() -> None:
    assert to_plain("<b>a</b> &amp; <i>b</i>", ("*", "*")) == "*a* & b"
