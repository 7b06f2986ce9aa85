"""One matplotlib figure per statistic, from the gold tables as pandas DataFrames.

Plain matplotlib, object-oriented (`matplotlib.figure.Figure`, no pyplot state): each function
takes a gold table (and what else it needs), returns a Figure, and never reads or writes
storage; `save_figure` writes the PNG (150 dpi) and the SVG. An empty or missing table gives a
figure that says "no data" instead of an error. Draw inside `matplotlib.rc_context(STYLE)`: among
other things it turns mathtext off, so that a name from the data is drawn as it is written (the
SVG keeps text as text, which matplotlib escapes as XML).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import colors
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, NullLocator

from chatlake.report import paper
from chatlake.tables import ALL_MODELS
from chatlake.text.languages import code_to_name

DPI = 150
WIDTH = 7.0  # inches: a full text width at 150 dpi is 1050 pixels
CATEGORIES = ("sexual", "harassment", "violence", "hate", "self_harm")
CATEGORY_LABELS = {"flagged": "any category", "self_harm": "self-harm"}
OURS_COLOR, PAPER_COLOR, SECOND_COLOR = "#1f6fb4", "#9a9a9a", "#e07b39"

STYLE = {
    "font.size": 9,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "svg.hashsalt": "chatlake",  # stable element ids: the same data gives the same SVG bytes
    "svg.fonttype": "none",
    # Labels are data (model, language and cluster names): `$...$` in one is text, not mathtext.
    "text.parse_math": False,
}


def save_figure(fig: Figure, folder: Path, name: str) -> tuple[Path, Path]:
    """Write `<name>.png` (150 dpi) and `<name>.svg` into `folder`; returns both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    png, svg = folder / f"{name}.png", folder / f"{name}.svg"
    fig.savefig(png, dpi=DPI, facecolor="white", metadata={"Software": None})
    # The PNG's draw has laid the figure out; the SVG reuses that layout instead of redoing it.
    fig.set_layout_engine("none")
    fig.savefig(svg, facecolor="white", metadata={"Date": None, "Creator": None})
    return png, svg


def no_data_figure(title: str, message: str) -> Figure:
    """A small figure that states that there is nothing to plot, and why."""
    fig = Figure(figsize=(WIDTH, 1.6), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.45, f"no data: {message}", ha="center", va="center", fontsize=10, color="#555555",
            transform=ax.transAxes)
    return fig


def _empty(df: pd.DataFrame | None) -> bool:
    return df is None or df.empty


def _percent_axis(axis) -> None:
    """Tick labels `0.1%`, `1%`, `20%` for an axis in percent (linear or log)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}%"))


def _count_label(value: float) -> str:
    return f"{int(value):,}"


def _bar_height(rows: int, per_row: float = 0.24, extra: float = 1.1) -> float:
    return max(2.4, rows * per_row + extra)


# --- Figure 1 -----------------------------------------------------------------------------------


def conversations_per_model_figure(df: pd.DataFrame) -> Figure:
    """Figure 1: conversations per model, every model, horizontal bars, largest on top.

    Input: gold/conversations_per_model (model, conversations, share). A log axis when the
    counts span more than two orders of magnitude (as the paper's do).
    """
    title = "Conversations per model (paper Figure 1)"
    if _empty(df):
        return no_data_figure(title, "gold/conversations_per_model is empty")
    data = df.sort_values(["conversations", "model"], ascending=[True, False])
    fig = Figure(figsize=(WIDTH, _bar_height(len(data))), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(data))
    ax.barh(y, data["conversations"], color=OURS_COLOR, height=0.7)
    ax.set_yticks(y, data["model"].astype(str))
    ax.set_ylim(-0.6, len(data) - 0.4)
    counts = data["conversations"].to_numpy(dtype=float)
    log_scale = counts.min() > 0 and counts.max() / counts.min() > 100
    if log_scale:
        ax.set_xscale("log")
        ax.xaxis.set_minor_locator(NullLocator())  # decades are enough, and minor ticks cost draw time
        ax.set_xlim(counts.min() / 2, counts.max() * 6)
        ax.set_xlabel("conversations (log scale)")
    else:
        ax.set_xlim(0, counts.max() * 1.28)
        ax.set_xlabel("conversations")
    ax.xaxis.grid(True)
    total = counts.sum()
    for yi, count in zip(y, counts, strict=True):
        ax.text(count * (1.08 if log_scale else 1) + (0 if log_scale else counts.max() * 0.01), yi,
                f"{_count_label(count)} ({count / total:.1%})", va="center", fontsize=7.5)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    fig.suptitle(title, fontsize=10.5, fontweight="bold")
    ax.set_title(f"{len(data)} models, {int(total):,} conversations", fontsize=9, fontweight="normal")
    return fig


# --- Figure 2 -----------------------------------------------------------------------------------


def top_languages_figure(df: pd.DataFrame) -> Figure:
    """Figure 2: the top languages by the released `language` name and by fastText lid.176 on
    the first user message, side by side, as shares of all conversations (log axis).

    Input: gold/top_languages (rank, released_language, released_share, fasttext_language,
    fasttext_name, fasttext_share).
    """
    title = "Top languages (paper Figure 2)"
    if _empty(df):
        return no_data_figure(title, "gold/top_languages is empty")
    data = df.sort_values("rank")
    fig = Figure(figsize=(WIDTH + 0.6, _bar_height(len(data))), layout="constrained")
    axes = fig.subplots(1, 2)
    panels = [
        ("released language name (polyglot/CLD2)", data["released_language"], data["released_share"]),
        ("fastText lid.176, first user message",
         data["fasttext_name"].astype(str) + " (" + data["fasttext_language"].astype(str) + ")",
         data["fasttext_share"]),
    ]
    for ax, (label, names, shares), color in zip(axes, panels, (OURS_COLOR, SECOND_COLOR), strict=True):
        keep = shares.notna() & names.notna()
        names, shares = names[keep].astype(str).to_numpy()[::-1], shares[keep].to_numpy(dtype=float)[::-1] * 100
        y = np.arange(len(names))
        ax.barh(y, shares, color=color, height=0.7)
        ax.set_yticks(y, names)
        ax.set_ylim(-0.6, max(len(data), 1) - 0.4)
        positive = shares[shares > 0]
        if len(positive):
            ax.set_xscale("log")
            ax.xaxis.set_minor_locator(NullLocator())
            ax.set_xlim(positive.min() / 2, 100 * 3)
        for yi, share in zip(y, shares, strict=True):
            ax.text(share * 1.1, yi, f"{share:.2g}%", va="center", fontsize=7)
        _percent_axis(ax.xaxis)
        ax.xaxis.grid(True)
        ax.set_xlabel("share of conversations (%, log scale)")
        ax.set_title(label, fontsize=9.5, fontweight="normal")
    fig.suptitle(f"{title}: top {len(data)} by conversations", fontsize=10.5, fontweight="bold")
    return fig


# --- Table 2 ------------------------------------------------------------------------------------


def moderation_categories_figure(df: pd.DataFrame) -> Figure:
    """Table 2 as bars: flagged conversations per category as a share of all conversations,
    ours (bars labelled with counts) beside the paper's (its counts over 1,000,000).

    Input: gold/moderation_by_category, row model = `(all)`.
    """
    title = "Flagged conversations by category (paper Table 2)"
    overall = df[df["model"] == ALL_MODELS] if not _empty(df) else df
    if _empty(overall) or int(overall["conversations"].iloc[0]) == 0:
        return no_data_figure(title, "no conversations in gold/moderation_by_category")
    row = overall.iloc[0]
    keys = ["flagged", *CATEGORIES]
    ours = np.array([row[k] / row["conversations"] * 100 for k in keys], dtype=float)
    theirs = np.array([paper.FLAGGED[k] / paper.CONVERSATIONS * 100 for k in keys])
    fig = Figure(figsize=(WIDTH, 3.3), layout="constrained")
    ax = fig.add_subplot()
    x = np.arange(len(keys))
    width = 0.38
    bars = ax.bar(x - width / 2, ours, width, color=OURS_COLOR,
                  label=f"ours ({int(row['conversations']):,} conversations)")
    ax.bar(x + width / 2, theirs, width, color=PAPER_COLOR, label=f"paper ({paper.CONVERSATIONS:,} conversations)")
    for bar, key in zip(bars, keys, strict=True):
        ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), f"{int(row[key]):,}", ha="center",
                va="bottom", fontsize=7.5)
    ax.set_xticks(x, [CATEGORY_LABELS.get(k, k) for k in keys])
    ax.set_ylabel("flagged conversations (% of all)")
    ax.set_ylim(0, max(ours.max(), theirs.max()) * 1.18 or 1)
    _percent_axis(ax.yaxis)
    ax.yaxis.grid(True)
    ax.legend(frameon=False)
    ax.set_title(f"{title}; categories overlap")
    return fig


def moderation_by_model_figure(df: pd.DataFrame, top: int = 12) -> Figure:
    """Flagged share per category for the `top` models by conversations, as an annotated heatmap.

    Input: gold/moderation_by_category (model, conversations, flagged, one count per category).
    """
    title = f"Flagged conversations by model and category (top {top} models)"
    models = df[(df["model"] != ALL_MODELS) & (df["conversations"] > 0)] if not _empty(df) else df
    if _empty(models):
        return no_data_figure(title, "no per-model rows in gold/moderation_by_category")
    data = models.sort_values(["conversations", "model"], ascending=[False, True]).head(top)
    keys = ["flagged", *CATEGORIES]
    values = np.array([[r[k] / r["conversations"] * 100 for k in keys] for _, r in data.iterrows()], dtype=float)
    fig = Figure(figsize=(WIDTH, 0.3 * len(data) + 1.5), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(values, aspect="auto", cmap="Reds",
                      norm=colors.PowerNorm(0.5, vmin=0, vmax=max(values.max(), 1e-9)))
    ax.set_xticks(range(len(keys)), [CATEGORY_LABELS.get(k, k) for k in keys])
    ax.set_yticks(range(len(data)),
                  [f"{m} (n={int(n):,})" for m, n in zip(data["model"], data["conversations"], strict=True)])
    ax.tick_params(top=False, bottom=False, left=False)
    ax.spines[:].set_visible(False)
    threshold = values.max() * 0.45
    for (i, j), value in np.ndenumerate(values):
        ax.text(j, i, f"{value:.1f}%", ha="center", va="center", fontsize=7.5,
                color="white" if value > threshold and value > 0 else "black")
    bar = fig.colorbar(image, ax=ax, shrink=0.9)
    bar.set_label("% of the model's conversations")
    ax.set_title(title)
    return fig


# --- jailbreaks ---------------------------------------------------------------------------------


def jailbreak_figure(df: pd.DataFrame, top: int = 15) -> Figure:
    """Jailbreak attempt rate (attempts / conversations) and success rate (successes / attempts)
    per model, with 95% Wilson intervals as error bars; the paper's three models as diamonds.

    Input: gold/jailbreak_by_model. Shows `(all)` and the `top` models by conversations.
    """
    title = "Jailbreak attempts and successes per model (95% Wilson intervals)"
    if _empty(df) or int(df["conversations"].max()) == 0:
        return no_data_figure(title, "gold/jailbreak_by_model is empty")
    reference = paper.jailbreak_rates().set_index("model")
    ranked = df[df["model"] != ALL_MODELS].sort_values(["conversations", "model"], ascending=[False, True])
    # The top models, and the paper's three wherever they rank, so that its diamonds have a row.
    keep = set(ranked["model"].head(top)) | (set(ranked["model"]) & set(reference.index))
    per_model = ranked[ranked["model"].isin(keep)]
    data = pd.concat([df[df["model"] == ALL_MODELS], per_model]).iloc[::-1].reset_index(drop=True)
    fig = Figure(figsize=(WIDTH + 0.5, _bar_height(len(data), 0.3, 1.4)), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    y = np.arange(len(data))
    panels = [("attempt_rate", "attempt rate: attempts / conversations", OURS_COLOR),
              ("success_rate", "success rate: successes / attempts", SECOND_COLOR)]
    for ax, (column, label, color) in zip(axes, panels, strict=True):
        rate = data[column].to_numpy(dtype=float) * 100
        low = data[f"{column}_low"].to_numpy(dtype=float) * 100
        high = data[f"{column}_high"].to_numpy(dtype=float) * 100
        # Clipped: at a rate of 0 or 1 the interval's end can differ from the rate by a rounding error.
        error = np.clip(np.vstack([np.nan_to_num(rate - low), np.nan_to_num(high - rate)]), 0, None)
        ax.barh(y, np.nan_to_num(rate), color=color, height=0.65, label="ours")
        ax.errorbar(np.nan_to_num(rate), y, xerr=error, fmt="none", ecolor="#333333", elinewidth=0.9, capsize=2.5)
        for yi, value in zip(y, rate, strict=True):
            if np.isnan(value):
                ax.text(0.5, yi, "no attempts", va="center", fontsize=7, color="#666666")
        paper_y = [yi for yi, m in zip(y, data["model"], strict=True) if m in reference.index]
        if paper_y:
            models = [m for m in data["model"] if m in reference.index]
            ref = reference.loc[models]
            values = ref[column].to_numpy() * 100
            ax.errorbar(values, np.array(paper_y) + 0.28, fmt="D", color="black", markersize=3.5, elinewidth=0.8,
                        xerr=np.clip(np.vstack([values - ref[f"{column}_low"].to_numpy() * 100,
                                                ref[f"{column}_high"].to_numpy() * 100 - values]), 0, None),
                        label="paper (from its counts)")
        ax.set_xlim(0, min(100, max(np.nanmax(high) if np.isfinite(high).any() else 0, 1) * 1.1))
        _percent_axis(ax.xaxis)
        ax.xaxis.grid(True)
        ax.set_xlabel(f"{label} (%)")
    labels = [f"{m} (n={int(n):,})" for m, n in zip(data["model"], data["conversations"], strict=True)]
    axes[0].set_yticks(y, labels)
    axes[0].set_ylim(-0.6, len(data) - 0.4)
    handles = [Patch(color=OURS_COLOR, label="ours: attempt rate"),
               Patch(color=SECOND_COLOR, label="ours: success rate"),
               Line2D([], [], color="#333333", marker="|", markersize=8, linewidth=0.9, label="95% Wilson interval"),
               Line2D([], [], color="black", marker="D", markersize=4, linestyle="none",
                      label="paper, from its counts")]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False)
    fig.suptitle(title, fontsize=10.5, fontweight="bold")
    return fig


# --- distributions ------------------------------------------------------------------------------


def turns_figure(df: pd.DataFrame, avg_turns: float | None = None) -> Figure:
    """Conversations per number of turns, log y axis. Input: gold/turns_distribution."""
    title = "Turns per conversation"
    if _empty(df):
        return no_data_figure(title, "gold/turns_distribution is empty")
    data = df.dropna(subset=["turns"]).sort_values("turns")
    fig = Figure(figsize=(WIDTH, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.bar(data["turns"], data["conversations"], width=0.8, color=OURS_COLOR)
    ax.set_yscale("log")
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_xlabel("turns per conversation (user-assistant pairs)")
    ax.set_ylabel("conversations (log scale)")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.yaxis.grid(True)
    first, last = int(data["turns"].min()), int(data["turns"].max())
    ax.set_xlim(first - 0.6, last + 0.6)
    ax.set_ylim(0.5, data["conversations"].max() * 1.6)
    if last - first <= 30:
        ax.set_xticks(np.arange(first, last + 1, 1 if last - first <= 15 else 2))
    if avg_turns is not None and not math.isnan(avg_turns):
        title = f"{title}: mean {avg_turns:.2f} turns (paper {paper.AVG_TURNS})"
    ax.set_title(title)
    return fig


def _bin_label(low: float) -> str:
    low = int(low)
    for size, suffix in ((2**20, "M"), (2**10, "K")):
        if low >= size:
            return f"{low // size}{suffix}"
    return str(low)


def _log2_position(tokens: float) -> float:
    """Where a token count sits on the histogram's axis: bin k spans [k, k+1) for [2^(k-1), 2^k)."""
    return tokens if tokens < 1 else 1 + math.log2(tokens)


def token_histogram_figure(histogram_df: pd.DataFrame, quantiles_df: pd.DataFrame | None, counter: str) -> Figure:
    """Tokens per prompt and per response for one counter, log2 bins, with mean and median marks
    and the paper's means (Llama-2 tokens) for reference.

    Input: gold/token_histogram (counter, role, bin, tokens_low, tokens_high, messages) and
    gold/token_quantiles (counter, role, mean, p50).
    """
    title = f"Tokens per message ({counter})"
    hist = histogram_df[histogram_df["counter"] == counter] if not _empty(histogram_df) else histogram_df
    if _empty(hist):
        return no_data_figure(title, f"no token histogram for counter {counter}")
    quantiles = (quantiles_df[quantiles_df["counter"] == counter].set_index("role")
                 if not _empty(quantiles_df) else pd.DataFrame())
    fig = Figure(figsize=(WIDTH + 0.5, 3.3), layout="constrained")
    axes = fig.subplots(1, 2, sharey=False)
    low_bin, high_bin = int(hist["bin"].min()), int(hist["bin"].max())
    edges = {int(b): lo for b, lo in zip(hist["bin"], hist["tokens_low"], strict=True)}
    paper_means = {"prompt": paper.AVG_PROMPT_TOKENS, "response": paper.AVG_RESPONSE_TOKENS}
    for ax, role, color in zip(axes, ("prompt", "response"), (OURS_COLOR, SECOND_COLOR), strict=True):
        part = hist[hist["role"] == role]
        total = part["messages"].sum()
        ax.bar(part["bin"], part["messages"], width=1.0, align="edge", color=color, edgecolor="white", linewidth=0.5)
        ticks = list(range(low_bin, high_bin + 2))
        labels = [_bin_label(edges[t]) if t in edges else _bin_label(0 if t == 0 else 2 ** (t - 1)) for t in ticks]
        step = 1 if len(ticks) <= 14 else 2
        ax.set_xticks(ticks[::step], labels[::step])
        ax.set_xlim(low_bin - 0.2, high_bin + 1.2)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.yaxis.grid(True)
        ax.set_xlabel(f"tokens per {role} ({counter}, log2 bins)")
        ax.set_ylabel(f"{role}s (messages)")
        marks = []
        if role in quantiles.index:
            mean, median = float(quantiles.loc[role, "mean"]), float(quantiles.loc[role, "p50"])
            marks += [(mean, "black", "-", f"mean {mean:,.1f}"), (median, "black", ":", f"median {median:,.0f}")]
        marks.append(
            (paper_means[role], PAPER_COLOR, "--", f"paper mean {paper_means[role]} ({paper.PAPER_TOKENIZER})")
        )
        for value, mark_color, style, label in marks:
            if not math.isnan(value):
                # The lines stop below the legend, which sits in the headroom above the bars.
                ax.axvline(_log2_position(value), ymax=0.7, color=mark_color, linestyle=style, linewidth=1.1,
                           label=label)
        ax.set_ylim(0, part["messages"].max() * 1.55 if len(part) else 1)
        ax.legend(frameon=False, fontsize=7.5, loc="upper left")
        ax.set_title(f"{role}s: {int(total):,} messages", fontsize=9.5, fontweight="normal")
    fig.suptitle(title, fontsize=10.5, fontweight="bold")
    return fig


def response_length_figure(df: pd.DataFrame, counter: str) -> Figure:
    """Response tokens per model: mean (bar), median and 90th percentile (markers).

    Input: gold/response_length_by_model (model, responses, mean, p50, p90).
    """
    title = f"Response length per model ({counter})"
    data = df[df["responses"] > 0] if not _empty(df) else df
    if _empty(data):
        return no_data_figure(title, "gold/response_length_by_model is empty")
    data = data.sort_values(["mean", "model"], ascending=[True, False])
    fig = Figure(figsize=(WIDTH, _bar_height(len(data))), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(data))
    bars = ax.barh(y, data["mean"], color=OURS_COLOR, height=0.65, label="mean")
    (median,) = ax.plot(data["p50"], y, "o", color="black", markersize=3.5, label="median")
    (p90,) = ax.plot(data["p90"], y, "|", color="#b22222", markersize=9, markeredgewidth=1.6, label="90th percentile")
    ax.set_yticks(y, [f"{m} (n={int(n):,})" for m, n in zip(data["model"], data["responses"], strict=True)])
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlim(0, float(np.nanmax(data[["mean", "p90"]].to_numpy(dtype=float))) * 1.08)
    reference = ax.axvline(paper.AVG_RESPONSE_TOKENS, color=PAPER_COLOR, linestyle="--", linewidth=1,
                           label=f"paper mean, all models ({paper.PAPER_TOKENIZER})")
    ax.legend(handles=[bars, median, p90, reference], frameon=False, loc="lower right")
    ax.set_xlabel(f"tokens per response ({counter})")
    ax.xaxis.grid(True)
    ax.set_title(title)
    return fig


# --- languages ----------------------------------------------------------------------------------


def language_by_model_figure(df: pd.DataFrame, top_models: int = 12, top_languages: int = 10) -> Figure:
    """Each top model's conversations by released language name (% of the model's), a heatmap
    of the `top_models` models by conversations against the `top_languages` languages overall,
    plus an `other` column so that rows sum to 100%.

    Input: gold/language_by_model (model, language, conversations).
    """
    title = f"Languages by model (top {top_models} models x top {top_languages} languages)"
    if _empty(df) or df["conversations"].sum() == 0:
        return no_data_figure(title, "gold/language_by_model is empty")
    data = df.assign(language=df["language"].fillna("(null)").astype(str))
    model_totals = data.groupby("model")["conversations"].sum().sort_values(ascending=False)
    language_totals = data.groupby("language")["conversations"].sum().sort_values(ascending=False)
    models = list(model_totals.index[:top_models])
    languages = list(language_totals.index[:top_languages])
    table = data[data["model"].isin(models)].pivot_table(index="model", columns="language", values="conversations",
                                                        aggfunc="sum", fill_value=0)
    table = table.reindex(index=models, columns=languages, fill_value=0)
    table["other"] = model_totals[models] - table.sum(axis=1)
    shares = table.div(model_totals[models], axis=0).to_numpy(dtype=float) * 100
    fig = Figure(figsize=(WIDTH + 0.8, 0.34 * len(models) + 1.9), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(shares, aspect="auto", cmap="Blues", norm=colors.PowerNorm(0.4, vmin=0, vmax=100))
    ax.set_xticks(range(len(table.columns)), list(table.columns), rotation=35, ha="right")
    ax.set_yticks(range(len(models)), [f"{m} (n={int(model_totals[m]):,})" for m in models])
    ax.tick_params(top=False, bottom=False, left=False)
    ax.spines[:].set_visible(False)
    for (i, j), value in np.ndenumerate(shares):
        text = "0" if value == 0 else "<0.1" if value < 0.1 else f"{value:.1f}" if value < 10 else f"{value:.0f}"
        ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if value > 35 else "black")
    bar = fig.colorbar(image, ax=ax, shrink=0.9)
    bar.set_label("% of the model's conversations")
    ax.set_xlabel("released language name")
    ax.set_title(title)
    return fig


def language_agreement_figure(df: pd.DataFrame) -> Figure:
    """For each top released language name, the share of conversations where fastText lid.176 on
    the first user message gives the same language: all of them, and those whose first user
    message has at least 50 characters.

    Input: gold/language_agreement (rank, language_name, language_code, conversations,
    agreement_rate, conversations_long, agreement_rate_long).
    """
    title = "Released language name vs fastText on the first user message"
    if _empty(df):
        return no_data_figure(title, "gold/language_agreement is empty")
    data = df.sort_values("rank", ascending=False)
    fig = Figure(figsize=(WIDTH, _bar_height(len(data), 0.3, 1.3)), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(data))
    height = 0.38
    ax.barh(y + height / 2, data["agreement_rate"].fillna(0) * 100, height, color=OURS_COLOR, label="all conversations")
    ax.barh(y - height / 2, data["agreement_rate_long"].fillna(0) * 100, height, color=SECOND_COLOR,
            label="first user message of 50+ characters")
    labels = [f"{name} ({code}, n={int(n):,})" for name, code, n in
              zip(data["language_name"].fillna("(null)"), data["language_code"], data["conversations"], strict=True)]
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlim(0, 100)
    _percent_axis(ax.xaxis)
    ax.xaxis.grid(True)
    ax.set_xlabel("conversations where fastText agrees with the released name (%)")
    ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2)
    ax.set_title(title, pad=22)
    return fig


# --- languages in depth (the paper has no such figures) -------------------------------------------

_COUNTER_COLORS = (OURS_COLOR, SECOND_COLOR, PAPER_COLOR)


def tokenizer_tax_figure(df: pd.DataFrame) -> Figure:
    """Tokens per 1,000 characters of prompts, per top fastText language and counter: what the
    same text costs in tokens in each language (the "tokenizer tax"), largest language on top.

    Input: gold/languages_in_depth (counter, rank, language, conversations,
    prompt_tokens_per_1k_chars).
    """
    title = "Tokens per 1,000 characters of prompts, by language"
    if _empty(df) or df["prompt_tokens_per_1k_chars"].isna().all():
        return no_data_figure(title, "gold/languages_in_depth is empty")
    counters = list(dict.fromkeys(df["counter"]))
    ranks = df.drop_duplicates("rank").sort_values("rank", ascending=False)
    fig = Figure(figsize=(WIDTH, _bar_height(len(ranks), 0.22 + 0.1 * len(counters), 1.3)), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(ranks))
    height = 0.8 / len(counters)
    for i, counter in enumerate(counters):
        values = df[df["counter"] == counter].set_index("rank")["prompt_tokens_per_1k_chars"]
        offset = (len(counters) - 1) / 2 - i
        ax.barh(y + offset * height, [float(values.get(r, np.nan)) for r in ranks["rank"]], height,
                color=_COUNTER_COLORS[i % len(_COUNTER_COLORS)], label=counter)
    labels = [f"{code_to_name(code)} ({code}, n={int(n):,})"
              for code, n in zip(ranks["language"], ranks["conversations"], strict=True)]
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, len(ranks) - 0.4)
    ax.xaxis.grid(True)
    ax.set_xlabel("prompt tokens per 1,000 characters (fastText language of the first user message)")
    ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(counters))
    ax.set_title(title, pad=22)
    return fig


def language_tag_trust_figure(df: pd.DataFrame) -> Figure:
    """By characters of the first user message: the share of conversations where either language
    tag is unreliable, and the agreement of fastText with the released name where both are
    reliable.

    Input: gold/language_tag_trust, rows of dimension `prompt_length` (bin, chars_low,
    chars_high, conversations, unreliable_share, agreement_rate).
    """
    title = "Language tags by length of the first user message"
    data = pd.DataFrame() if _empty(df) else df[df["dimension"] == "prompt_length"].sort_values("bin")
    if data.empty:
        return no_data_figure(title, "gold/language_tag_trust has no prompt-length rows")
    fig = Figure(figsize=(WIDTH, 3.4), layout="constrained")
    ax = fig.add_subplot()
    x = np.arange(len(data))
    width = 0.4
    ax.bar(x - width / 2, data["unreliable_share"].fillna(0) * 100, width, color=SECOND_COLOR,
           label="either tag unreliable")
    ax.bar(x + width / 2, data["agreement_rate"].fillna(0) * 100, width, color=OURS_COLOR,
           label="fastText agrees with the released name (both reliable)")
    labels = []
    for low, high, n in zip(data["chars_low"], data["chars_high"], data["conversations"], strict=True):
        span = f"{int(low)}+" if pd.isna(high) else f"{int(low)}-{int(high) - 1}"
        labels.append(f"{span}\nn={int(n):,}")
    ax.set_xticks(x, labels)
    ax.set_ylim(0, 100)
    _percent_axis(ax.yaxis)
    ax.yaxis.grid(True)
    ax.set_xlabel("characters of the first user message")
    ax.set_ylabel("conversations (%)")
    ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2)
    ax.set_title(title, pad=22)
    return fig


def prompt_repetition_figure(df: pd.DataFrame, summary_df: pd.DataFrame | None = None, top: int = 15) -> Figure:
    """Share of conversations whose first prompt repeats exactly (after normalisation) and exactly
    or nearly, for `(all)` and the `top` models by conversations, horizontal bars, `(all)` on top.

    Input: gold/prompt_repetition_by_model (model, conversations, repeated_share,
    near_duplicate_share); `summary_df`: gold/near_duplicates (one row), or None / empty when the
    near-duplicates were not computed (then only the exact bars are drawn).
    """
    title = "First prompts that repeat, per model"
    if _empty(df):
        return no_data_figure(title, "gold/prompt_repetition_by_model is empty")
    has_near = not _empty(summary_df)
    overall = df[df["model"] == ALL_MODELS]
    models = df[df["model"] != ALL_MODELS].sort_values(["conversations", "model"], ascending=[False, True]).head(top)
    data = pd.concat([overall, models]).iloc[::-1]
    fig = Figure(figsize=(WIDTH, _bar_height(len(data), 0.32 if has_near else 0.24, 1.4)), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(data))
    exact = data["repeated_share"].fillna(0).to_numpy(dtype=float) * 100
    height = 0.4 if has_near else 0.7
    ax.barh(y + (height / 2 if has_near else 0), exact, height, color=OURS_COLOR, label="exactly (normalised)")
    if has_near:
        near = data["near_duplicate_share"].fillna(0).to_numpy(dtype=float) * 100
        ax.barh(y - height / 2, near, height, color=SECOND_COLOR, label="exactly or nearly (MinHash LSH)")
    ax.set_yticks(y, [f"{m} (n={int(n):,})" for m, n in zip(data["model"], data["conversations"], strict=True)])
    ax.set_ylim(-0.6, len(data) - 0.4)
    _percent_axis(ax.xaxis)
    ax.xaxis.grid(True)
    ax.set_xlabel("conversations whose first prompt repeats (%)")
    ax.legend(frameon=False, loc="lower right")
    fig.suptitle(title, fontsize=10.5, fontweight="bold")
    if has_near:
        row = summary_df.iloc[0]
        detail = (f"{int(row['near_duplicate_pairs']):,} near-duplicate pairs among {int(row['considered']):,} "
                  f"distinct prompts ({row['shingle']} {int(row['shingle_size'])}-gram Jaccard "
                  f">= {float(row['threshold']):g})")
    else:
        detail = "near-duplicates not computed (repetition.near_duplicates = false)"
    ax.set_title(detail, fontsize=9, fontweight="normal")
    return fig


# --- Figure 3 -----------------------------------------------------------------------------------

TOPIC_KIND_COLORS = {"coding": OURS_COLOR, "templated": PAPER_COLOR, "other": SECOND_COLOR}
TOPIC_KIND_LABELS = {"coding": "coding and software", "templated": "templated, script-like prompts", "other": "other"}
_TOPIC_LABEL_CHARS = 48


def topic_distribution_figure(df: pd.DataFrame, kinds: dict[int, str] | None = None) -> Figure:
    """Figure 3: each topic cluster's share of the sampled prompts, horizontal bars, largest on
    top, labelled with the cluster's number and name.

    Input: gold/topic_clusters (cluster, name, prompts, prompt_share); `kinds`: cluster ->
    "coding" / "templated" / "other" (colours the bars; `chatlake.report.compare.topic_kinds`).
    """
    title = "Topic clusters of English prompts (paper Figure 3)"
    if _empty(df) or int(df["prompts"].sum()) == 0:
        return no_data_figure(title, "gold/topic_clusters is empty (no English prompts of the right length)")
    kinds = kinds or {}
    data = df.sort_values(["prompt_share", "cluster"], ascending=[True, False])
    fig = Figure(figsize=(WIDTH, _bar_height(len(data), 0.28)), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(data))
    shares = data["prompt_share"].to_numpy(dtype=float) * 100
    bar_kinds = [kinds.get(int(c), "other") for c in data["cluster"]]
    ax.barh(y, shares, color=[TOPIC_KIND_COLORS[k] for k in bar_kinds], height=0.7)
    labels = []
    for cluster, name in zip(data["cluster"], data["name"].fillna(""), strict=True):
        text = f"{int(cluster)}: {name}"
        labels.append(text if len(text) <= _TOPIC_LABEL_CHARS else text[: _TOPIC_LABEL_CHARS - 1] + "…")
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlim(0, shares.max() * 1.22)
    for yi, share, count in zip(y, shares, data["prompts"], strict=True):
        ax.text(share + shares.max() * 0.01, yi, f"{share:.1f}% ({int(count):,})", va="center", fontsize=7.5)
    _percent_axis(ax.xaxis)
    ax.xaxis.grid(True)
    ax.set_xlabel("share of the sampled prompts (%)")
    present = [k for k in TOPIC_KIND_COLORS if k in bar_kinds]
    if kinds and present:
        ax.legend(handles=[Patch(color=TOPIC_KIND_COLORS[k], label=TOPIC_KIND_LABELS[k]) for k in present],
                  frameon=False, loc="lower right")
    total = int(data["prompts"].sum())
    fig.suptitle(title, fontsize=10.5, fontweight="bold")
    ax.set_title(f"{len(data)} clusters of {total:,} prompts; named by class-based TF-IDF", fontsize=9,
                 fontweight="normal")
    return fig
