"""Interface sentences that are not about one passage: greeting, help, hints, language."""

from __future__ import annotations

from collections.abc import Mapping

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.i18n import current_language
from bot.views.markup import escape
from knowledge.models import DocumentMeta
from knowledge.topics import OTHER, Topic

# /start and each /help page fit on one phone screen; what does not fit goes to a second help page.
SCREEN_CHARS = 600


def example_question() -> str:
    return _("What is local self-government?")


def greeting(first_name: str | None, documents: Mapping[str, DocumentMeta]) -> str:
    """The /start message: who the bot is, what it knows, how to ask.

    The sources are named while the message fits on a screen; with many documents, counted.
    """
    hello = _("Hello, {name}!").format(name=escape(first_name[:64])) if first_name else _("Hello!")
    lang = current_language()
    titles = "; ".join(f"<i>{escape(meta.display_title(lang))}</i>" for meta in documents.values())
    count = len(documents)
    sources = [_("I answer from these sources and quote them with a citation: {titles}.").format(titles=titles),
               ngettext("I answer from {count} source and quote it with a citation.",
                        "I answer from {count} sources and quote them with a citation.", count).format(count=count)]
    for said in sources:
        text = "\n\n".join([
            hello + " " + _("I am a study assistant on local self-government in Kazakhstan."),
            said,
            _("Ask a question in Kazakh or Russian, for example: <i>{example}</i>").format(
                example=escape(example_question())),
            _("Or choose a topic:"),
        ])
        if len(text) <= SCREEN_CHARS:
            break
    return text


HELP_PAGES = 2


def help_text(username: str, page: int = 0) -> str:
    """/help in two screens: how to ask and the commands; then the answer's marks and buttons, groups, inline."""
    if page <= 0:
        return "\n\n".join([
            _("<b>How to use the bot</b>"),
            _("Send a question as an ordinary message, in Kazakh or Russian. I answer with the passage "
              "of the sources that fits best, the matching words in bold, and a citation you can quote."),
            _("/topics: browse the sources by topic\n/share: the link to the last answer's passage\n"
              "/lang: interface language\n/forget: delete what I store about you\n/help: this help"),
            _("/quiz: a quiz question (on a topic: /quiz akims)\n/cards: term cards\n/progress: your quiz results"),
        ])
    return "\n\n".join([
        _("<b>Answers, buttons, groups</b>"),
        _("✅ means the passage answers the question; 🤔 means I am not sure, and I offer other "
          "passages to choose from; 📭 means my sources have no answer, and I offer the closest passages "
          "if there are any."),
        _("Under an answer: 📄 the whole passage, 📚 the source, ▶ more results, 👍/👎 your vote, "
          "🔗 a link to the passage."),
        _("In a group, ask with /ask or by replying to my message. In any chat, type @{username} and a "
          "question to look a passage up without leaving it.").format(username=escape(username)),
    ])


def topic_title(topic: Topic) -> str:
    """A topic's button title in the reader's language; "other" (passages no topic holds) is ours to name."""
    return _("📎 Other passages") if topic.slug == OTHER else topic.title(current_language())


def choose_chapter() -> str:
    return _("Choose a chapter:")


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
    """The private chat's command menu, in the current language."""
    return {
        "start": _("Start over and see the topics"),
        "topics": _("Browse by topic"),
        "share": _("Link to the last answer's passage"),
        "quiz": _("A quiz question (/quiz topic)"),
        "cards": _("Term cards"),
        "progress": _("My quiz results"),
        "lang": _("Change the language"),
        "forget": _("Delete what I store about you"),
        "help": _("How to ask"),
    }


def admin_command_descriptions() -> dict[str, str]:
    """The admin tools, added to an admin's own menu."""
    return {
        "stats": _("Admin: statistics and chart"),
        "unanswered": _("Admin: unanswered questions"),
        "docs": _("Admin: documents (send a file to add one)"),
        "reload": _("Admin: re-read the knowledge folder"),
    }


def group_command_descriptions() -> dict[str, str]:
    """A group's command menu, in the current language."""
    return {
        "ask": _("Ask a question: /ask your question"),
        "topics": _("Browse by topic"),
        "share": _("Link to a passage (reply to my answer)"),
        "quiz": _("A quiz for the group"),
        "top": _("Quiz leaders of the group"),
        "lang": _("Group language (admins)"),
        "help": _("How to ask here"),
    }


# --- groups ---------------------------------------------------------------------------


def group_intro(username: str, documents: int) -> str:
    """Said once when the bot joins a group, and on /help there."""
    return "\n\n".join([
        ngettext("👋 Hello! I am a study assistant on local self-government in Kazakhstan. I answer from "
                 "{count} source and quote it with a citation.",
                 "👋 Hello! I am a study assistant on local self-government in Kazakhstan. I answer from "
                 "{count} sources and quote them with a citation.", documents).format(count=documents),
        _("<b>How to ask here:</b>\n• /ask and the question, for example <i>/ask {example}</i>\n"
          "• reply to any of my messages\n• or mention @{username} with your question").format(
            example=escape(example_question()), username=escape(username)),
        _("/topics: browse by topic. Group admins can fix my language with /lang."),
        _("/quiz: a quiz for everyone here; /top: its leaders."),
    ])


def ask_hint(username: str) -> str:
    return _("Write the question after the command, for example: <i>/ask {example}</i> "
             "(or mention @{username} with your question).").format(
        example=escape(example_question()), username=escape(username))


def only_group_admins() -> str:
    return _("Only the group's administrators can change its language.")


def choose_group_language() -> str:
    return _("In which language should I answer in this group?")


def group_language_set(fixed: str | None) -> str:
    if fixed is None:
        return _("Done: I answer each member in their own language.")
    return _("Done: in this group I answer in this language.")


def members_only() -> str:
    return _("Only members of this group can use these buttons.")


# --- links and inline -------------------------------------------------------------------


def stale_link_passage() -> str:
    return _("This link leads to a passage that is no longer in the collection. Here are the topics:")


def nothing_to_share() -> str:
    return _("Reply with /share to one of my answers, or ask a question first: then /share gives the link "
             "to its passage.")


def open_bot() -> str:
    return _("💬 Ask the bot in a private chat")


# --- admin tools ---------------------------------------------------------------------------


def reload_failed(error: str) -> str:
    return _("❌ Not changed: {error}\nThe previous collection is still in service.").format(
        error=escape(error[:500]))


def chart_caption() -> str:
    return _("Questions per day over the last 14 days")


def dismissed(count: int) -> str:
    return ngettext("Dismissed {count} question", "Dismissed {count} questions", count).format(count=count)


def remove_usage() -> str:
    return _("Which document? Write /remove and its number or id from /docs, for example: /remove 2")


def unknown_document(wanted: str) -> str:
    return _("I have no document «{wanted}». See /docs for the list.").format(wanted=escape(wanted[:80]))


def last_document() -> str:
    return _("This is the last document: the collection cannot be empty.")


def document_kept(title: str) -> str:
    return _("Kept: «{title}».").format(title=escape(title))


def document_removed(title: str, documents: int, passages: int) -> str:
    return _("🗑 Removed the document «{title}». The collection now has {documents} documents and {passages} "
             "passages.").format(
        title=escape(title), documents=documents, passages=passages)


def upload_unsupported() -> str:
    return _("I can add .txt, .docx and .pdf files. Please send the document in one of these formats.")


def upload_problem(reason: str) -> str:
    """Why an uploaded file cannot be added; nothing was changed."""
    reasons = {
        "unsupported": upload_unsupported(),
        "broken": _("I cannot read this file: it seems damaged or protected. Nothing was changed."),
        "empty": _("This file has no text I can read (a scan?). Nothing was changed."),
        "no_passages": _("This file has too little text to make a passage. Nothing was changed."),
        "duplicate": _("This document is already in the collection. Nothing was changed."),
    }
    return reasons.get(str(reason), _("I cannot add this file. Nothing was changed."))


def ask_title(filename: str) -> str:
    return _("📥 {filename}: what is the document's title? Send it as a message (/cancel to cancel).").format(
        filename=escape(filename))


def ask_kind() -> str:
    return _("What kind of document is it?")


def upload_cancelled() -> str:
    return _("Cancelled. Nothing was changed.")


def document_added(title: str, doc_id: str, documents: int, passages: int) -> str:
    return _("✅ Added the document «{title}» as <code>{doc_id}</code>. The collection now has {documents} "
             "documents and {passages} passages; questions find it from now on.").format(
        title=escape(title), doc_id=escape(doc_id), documents=documents, passages=passages)


def slow_down() -> str:
    return _("⏳ Too many messages at once. Wait a few seconds, then send your question again.")


def question_trimmed(limit: int) -> str:
    return _("✂️ Your message is long: I searched by its first {limit} characters.").format(limit=limit)


def something_went_wrong() -> str:
    return _("⚠️ Sorry, something went wrong on my side. Please try again in a minute.")


def forget_question() -> str:
    return _("🗑 Delete everything I store about you: your questions, your 👍/👎 votes, your quiz answers, "
             "your term cards and your language setting? This cannot be undone.")


def forget_yes() -> str:
    return _("🗑 Yes, delete")


def forget_no() -> str:
    return _("Cancel")


def forgotten(questions: int, votes: int) -> str:
    return _("✅ Done. Deleted: {questions}, {votes} and your language setting. From now on everything "
             "starts afresh.").format(
        questions=ngettext("{count} question", "{count} questions", questions).format(count=questions),
        votes=ngettext("{count} vote", "{count} votes", votes).format(count=votes))


def nothing_forgotten() -> str:
    return _("Nothing was deleted.")


def forget_in_private() -> str:
    return _("/forget works in a private chat with me, so that nobody else sees it.")


def not_your_button() -> str:
    return _("These buttons belong to another person's question. Ask your own question to get buttons of your own.")


def upload_limit(limit: str, figure: float) -> str:
    """An upload passed one of the limits on reading it (knowledge/bounded.py); nothing was changed."""
    number = f"{figure:g}" if figure < 1e6 else f"{figure:.0f}"
    messages = {
        "download": _("This file is larger than {number} MB, the most I read. Nothing was changed."),
        "unpacked": _("This file unpacks to more than {number} MB, the most I unpack. Nothing was changed."),
        "pages": _("This file has more than {number} pages, the most I read. Nothing was changed."),
        "characters": _("This file holds more than {number} characters of text, the most I read. "
                        "Nothing was changed."),
        "seconds": _("Reading this file took more than {number} seconds, the most I allow. Nothing was changed."),
        "memory": _("Reading this file needed more than {number} MB of memory, the most I allow. "
                    "Nothing was changed."),
    }
    return messages.get(limit, _("This file is too large for me to read. Nothing was changed.")).format(number=number)


def upload_garbled() -> str:
    return _("The text of this file does not read as Kazakh, Russian or English: it is probably in an encoding "
             "I do not know (such as KOI8-R or DOS). Save it as UTF-8 and send it again. Nothing was changed.")
