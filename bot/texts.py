"""Interface sentences that are not about one passage: greeting, help, hints, language."""

from __future__ import annotations

from collections.abc import Mapping

from aiogram.utils.i18n import gettext as _

from bot.markup import escape
from knowledge.models import DocumentMeta


def example_question() -> str:
    return _("What is local self-government?")


def greeting(first_name: str | None, documents: Mapping[str, DocumentMeta], lang: str) -> str:
    """The /start message: who the bot is, what it knows, how to ask."""
    hello = _("Hello, {name}!").format(name=escape(first_name)) if first_name else _("Hello!")
    titles = "; ".join(f"<i>{escape(meta.display_title(lang))}</i>" for meta in documents.values())
    return "\n\n".join([
        hello + " " + _("I am a study assistant on local self-government in Kazakhstan."),
        _("I answer from these sources and quote them with a citation: {titles}.").format(titles=titles),
        _("Ask a question in Kazakh or Russian, for example: <i>{example}</i>").format(
            example=escape(example_question())),
        _("Or choose a topic:"),
    ])


def help_text() -> str:
    return "\n\n".join([
        _("<b>How to use the bot</b>"),
        _("Send a question as an ordinary message, in Kazakh or Russian. I answer with the passage "
          "of the sources that fits best, the matching words in bold, and a citation you can quote."),
        _("✅ means the passage answers the question; 🤔 means I am not sure, and I offer other "
          "passages to choose from; 😕 means the sources say nothing on it."),
        _("Under an answer: 📄 the whole passage, 📚 the source, ▶ more results, 👍/👎 your opinion."),
        _("/topics: browse the sources by topic\n/lang: interface language\n/help: this help"),
    ])


def topics_title() -> str:
    return _("🗂 <b>Topics</b>. Choose one to see its passages:")


def choose_language() -> str:
    return _("Choose the interface language:")


def language_set() -> str:
    return _("Done: from now on I speak with you in this language.")


def not_text() -> str:
    return _("I can read only text. Please send your question as a message, for example: <i>{example}</i>").format(
        example=escape(example_question()))


def no_words() -> str:
    return _("Please write the question in words, for example: <i>{example}</i>").format(
        example=escape(example_question()))


def unknown_command() -> str:
    return _("I do not know this command. Send /help to see what I can do.")


def stale_button() -> str:
    return _("This button is out of date. Please ask again.")


def stale_query() -> str:
    return _("I no longer have this question. Please ask it again.")


def stale_passage() -> str:
    return _("This passage is no longer in the collection.")


def stale_topic() -> str:
    return _("This topic no longer exists. Here is the list of topics:")


def vote_saved(changed: bool) -> str:
    return _("Vote changed, thank you!") if changed else _("Thank you for the feedback!")


def command_descriptions() -> dict[str, str]:
    """The command menu, in the current language."""
    return {
        "start": _("Start over and see the topics"),
        "topics": _("Browse by topic"),
        "lang": _("Change the language"),
        "help": _("How to ask"),
    }
