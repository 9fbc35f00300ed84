"""The admin's statistics as a message and as a chart: what /stats shows, in the admin's language."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.stats import Stats, TopQuestion
from bot.views.markup import escape
from knowledge.models import Tier

QUOTE = 80  # characters of a user's question shown in the report
CHART_SIZE = (8.0, 4.5)  # inches; at CHART_DPI this is 800×450 px
CHART_DPI = 100
CHART_TICKS = 15  # at most this many dates under the bars
TIER_COLORS = {Tier.CONFIDENT: "#2e9e5b", Tier.UNSURE: "#f0a202", Tier.NOTHING: "#c8553d"}
TIER_MARKS = {Tier.CONFIDENT: "✅", Tier.UNSURE: "🤔", Tier.NOTHING: "😕"}


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """The chart's words, translated before rendering: the chart is drawn in a worker thread,
    where the admin's gettext language is not at hand."""

    title: str
    confident: str
    unsure: str
    nothing: str

    def tier(self, tier: Tier) -> str:
        return str(getattr(self, tier.value))


def chart_labels() -> ChartLabels:
    """The chart's words in the current gettext language; also the tier names of the report."""
    return ChartLabels(
        title=_("Questions per day (UTC)"),
        confident=_("Confident answer"),
        unsure=_("Unsure answer"),
        nothing=_("Nothing found"),
    )


def _quote(text: str) -> str:
    """A user's question on one line, at most QUOTE characters, escaped for HTML."""
    line = " ".join(text.split())
    if len(line) > QUOTE:
        line = line[:QUOTE].rstrip() + "…"
    return escape(line)


def _percent(part: float) -> int:
    return round(part * 100)


def _ranked(questions: Iterable[TopQuestion]) -> list[str]:
    return [f"{number}. «{_quote(question.text)}» — <b>{question.count}</b>"
            for number, question in enumerate(questions, start=1)]


def stats_text(stats: Stats) -> str:
    """The admin's report as Telegram HTML in the current language.

    Well under Telegram's 4096 characters: a fixed number of lines, questions cut to QUOTE.
    """
    date_format = "%d.%m.%Y"
    labels = chart_labels()
    numbers = [
        _("👥 Users: <b>{total}</b>, active in the period: <b>{active}</b>").format(
            total=stats.users, active=stats.active_users),
        _("❓ Questions: <b>{total}</b>, in the period: <b>{count}</b>").format(
            total=stats.questions, count=stats.window_questions),
    ]
    if stats.window_questions:
        numbers += [f"{TIER_MARKS[tier]} {labels.tier(tier)}: {stats.tier_count(tier)} "
                    f"({_percent(stats.share(tier))}%)" for tier in Tier]
        numbers.append(_("💬 In private chats: <b>{private}</b>, in groups: <b>{group}</b>").format(
            private=stats.private, group=stats.group))
    approval = stats.approval
    if approval is None:
        numbers.append(_("👍/👎 No votes in the period."))
    else:
        numbers.append(_("👍 {up} · 👎 {down}, positive: {percent}%").format(
            up=stats.upvotes, down=stats.downvotes, percent=_percent(approval)))

    asked = [_("<b>Most asked in the period</b>")]
    asked += _ranked(stats.top_asked) or [_("No questions in the period.")]
    unanswered = [_("<b>Frequent questions without an answer</b>"),
                  _("All time, except the ones dismissed. The full list: /unanswered")]
    unanswered += _ranked(stats.top_unanswered) or [_("No unanswered questions. 🎉")]

    header = "\n".join([
        _("📊 <b>Bot statistics</b>"),
        ngettext("Last {days} day: {start} – {end} (UTC)", "Last {days} days: {start} – {end} (UTC)",
                 stats.days).format(days=stats.days, start=stats.start.strftime(date_format),
                                    end=stats.today.strftime(date_format)),
    ])
    return "\n\n".join([header, "\n".join(numbers), "\n".join(asked), "\n".join(unanswered)])


def render_chart(stats: Stats, labels: ChartLabels) -> bytes:
    """Questions per day as stacked bars by tier, a PNG of 800×450 px.

    The object API with an Agg canvas, never pyplot: no global figure state, so it may run in
    a worker thread (`asyncio.to_thread`) while the bot goes on. Imported here: matplotlib
    costs half a second at start-up, and only /stats needs it.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(stats.per_day)))
    bottom = [0] * len(positions)
    for tier in Tier:
        heights = [day.count(tier) for day in stats.per_day]
        axes.bar(positions, heights, bottom=bottom, width=0.8, color=TIER_COLORS[tier], label=labels.tier(tier))
        bottom = [below + height for below, height in zip(bottom, heights, strict=True)]

    step = math.ceil(len(positions) / CHART_TICKS) or 1
    axes.set_xticks(positions[::step], [day.day.strftime("%d.%m") for day in stats.per_day][::step])
    axes.set_xlim(-0.6, len(positions) - 0.4)
    axes.set_ylim(0, max([*bottom, 1]) * 1.08)  # an empty window still gets a 0..1 axis
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y", alpha=0.3)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(labels.title)
    figure.legend(loc="outside lower center", ncols=len(Tier), frameon=False)

    png = BytesIO()
    figure.savefig(png, format="png", dpi=CHART_DPI)
    return png.getvalue()
