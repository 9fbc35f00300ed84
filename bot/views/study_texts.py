"""Interface sentences of study mode: quizzes, scores, term cards and references."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.storage.database import Leader
from bot.views.markup import escape


def quiz_label() -> str:
    return _("🎯 Quiz on this topic")


def next_quiz_label() -> str:
    return _("🎯 Next question")


def quiz_source_label() -> str:
    return _("📄 Source passage")


def cite_label() -> str:
    return _("📝 Cite")


def unknown_quiz_topic(wanted: str, topics: Sequence[tuple[str, str]]) -> str:
    """/quiz with a topic the bot does not have: the topics and how to ask for one."""
    listed = "\n".join(f"• {escape(title)}: /quiz {escape(slug)}" for slug, title in topics)
    return _("I have no topic «{wanted}». Choose one of these:").format(wanted=escape(wanted[:60])) + "\n" + listed


def no_quiz() -> str:
    return _("I cannot make a quiz question on this yet. Try /quiz without a topic.")


def leaders(week: Sequence[Leader], all_time: Sequence[Leader]) -> str:
    """/top in a group: this week's and all-time leaders by right answers."""
    if not all_time:
        return _("Nobody here has answered a quiz yet. Send /quiz to start.")

    def lines(found: Sequence[Leader]) -> str:
        if not found:
            return _("no answers yet")
        return "\n".join(_("{place}. {name}: {right} of {answered}").format(
            place=place, name=escape(leader.name[:40]), right=leader.right, answered=leader.answered)
            for place, leader in enumerate(found, start=1))

    return "\n\n".join([_("🏆 <b>Quiz leaders</b>"), _("<b>This week</b>") + "\n" + lines(week),
                        _("<b>All time</b>") + "\n" + lines(all_time)])


def top_in_private() -> str:
    return _("/top shows the leaders of a group's quizzes. Here, /progress shows your own results.")


def progress(rows: Sequence[tuple[str, int, int]]) -> str:
    """/progress: the share of right answers per topic (title, right, answered)."""
    if not rows:
        return _("You have not answered a quiz yet. Send /quiz to start.")
    lines = [_("{topic}: {right} of {answered} ({percent}%)").format(
        topic=escape(title), right=right, answered=answered, percent=round(100 * right / answered))
        for title, right, answered in rows]
    return _("📈 <b>Your quiz results by topic</b>") + "\n\n" + "\n".join(lines)


def progress_in_group() -> str:
    return _("/progress and /cards work in a private chat with me.")


# --- term cards ------------------------------------------------------------------------


def card_front(term: str, number: int, limit: int) -> str:
    return "\n\n".join([_("🃏 Card {number} of {limit} today").format(number=number, limit=limit),
                        f"<b>{escape(term)}</b>", _("Do you know what it means? Think, then press «Show».")])


def card_back(term: str, meaning: str, number: int, limit: int) -> str:
    return "\n\n".join([_("🃏 Card {number} of {limit} today").format(number=number, limit=limit),
                        f"<b>{escape(term)}</b> — {escape(meaning)}", _("Did you know it?")])


def show_label() -> str:
    return _("👀 Show")


def known_label() -> str:
    return _("✅ I knew it")


def unknown_label() -> str:
    return _("❌ I did not")


def cards_done(limit: int) -> str:
    return ngettext("That is all for today: {count} card. Come back tomorrow!",
                    "That is all for today: {count} cards. Come back tomorrow!", limit).format(count=limit)


def no_cards() -> str:
    return _("I have no term cards on this topic.")


# --- references --------------------------------------------------------------------------


def reference_view(russian: str, kazakh: str, missing: bool) -> str:
    """Both references of a passage, each ready to copy, and what the source does not state."""
    parts = [_("📝 <b>How to cite this passage</b>"),
             _("In Russian (GOST R 7.0.100–2018):") + f"\n<code>{escape(russian)}</code>",
             _("In Kazakh:") + f"\n<code>{escape(kazakh)}</code>"]
    if missing:
        parts.append(_("The source does not state its author or year, so neither is given here: check them in "
                       "the original before you submit the essay."))
    return "\n\n".join(parts)
