"""Plotly figures for the screens, with one colour per status everywhere in the app.

The categories are D4's: the five statuses of numbers an org holds itself, and the numbers held
by the orgs below it ("allocated to sub-organizations").
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from numcore import STATUSES

SUBORGS = "allocated_to_suborgs"
CATEGORIES = (*STATUSES, SUBORGS)
LABELS = {
    "available": "Available",
    "reserved": "Reserved",
    "assigned": "Assigned",
    "registered": "Registered",
    "aging": "Aging",
    SUBORGS: "In sub-organizations",  # D4's "allocated to sub-organizations", any status
}
HELP = {SUBORGS: "Allocated to sub-organizations: held by the organizations below, in any status."}
COLORS = {
    "available": "#2e9e4f",   # green: free to use
    "reserved": "#f0b429",    # amber: kept for someone
    "assigned": "#4c8fd6",    # light blue: given out, not yet live
    "registered": "#1c4f9c",  # dark blue: live
    "aging": "#9aa0a6",       # grey: cooling off
    SUBORGS: "#17a2a2",       # teal: passed down the tree
}
HEIGHT = 400


def donut(usage) -> go.Figure:
    """The org's numbers by D4 category (a row of inv.report), its utilization in the middle."""
    shown = [c for c in CATEGORIES if usage[c]]
    figure = go.Figure(go.Pie(
        labels=[LABELS[c] for c in shown], values=[usage[c] for c in shown], hole=0.55,
        marker={"colors": [COLORS[c] for c in shown]}, sort=False, direction="clockwise",
        textinfo="percent", textposition="inside",
        hovertemplate="%{label}: %{value:,} numbers<extra></extra>",
    ))
    figure.update_layout(uniformtext={"minsize": 11, "mode": "hide"})
    figure.add_annotation(text=f"{usage['used_pct']:g}%<br>used", showarrow=False,
                          font={"size": 20})
    return _laid_out(figure, "Numbers by status")


def suborg_bars(children: pd.DataFrame) -> go.Figure:
    """One bar per direct sub-organization (rows of inv.report), stacked by D4 category."""
    names = [_text(path.rsplit(" / ", 1)[-1]) for path in children["path"]]
    figure = go.Figure([
        go.Bar(name=LABELS[c], x=names, y=children[c], marker_color=COLORS[c],
               hovertemplate="%{x}: %{y:,} " + LABELS[c].lower() + "<extra></extra>")
        for c in CATEGORIES
    ])
    figure.update_layout(barmode="stack")
    return _laid_out(figure, "Direct sub-organizations by status")


def subtree_treemap(report: pd.DataFrame) -> go.Figure:
    """The subtree (rows of inv.report, the top org first): each org's box holds the boxes of
    the orgs below it, plus its own numbers; coloured by how much of its subtree is used."""
    top = report["org_id"].iloc[0]
    own = report["total"] - report["allocated_to_suborgs"]
    figure = go.Figure(go.Treemap(
        ids=report["org_id"].astype(str),
        parents=["" if org == top else str(parent)
                 for org, parent in zip(report["org_id"], report["parent_id"])],
        labels=[_text(path.rsplit(" / ", 1)[-1]) for path in report["path"]],
        values=own, branchvalues="remainder",
        customdata=list(zip([_text(p) for p in report["path"]], report["total"], own,
                            report["used_pct"])),
        texttemplate="%{label}<br>%{customdata[1]:,}",
        hovertemplate="%{customdata[0]}<br>%{customdata[1]:,} numbers (%{customdata[2]:,} in its "
                      "own pool), %{customdata[3]}% used<extra></extra>",
        marker={"colors": report["used_pct"], "colorscale": "Reds", "cmin": 0, "cmax": 100,
                "colorbar": {"title": {"text": "% used"}, "thickness": 12}},
        tiling={"pad": 2},
    ))
    return _laid_out(figure, "Where the numbers are",
                     "Box size: numbers held. Colour: share of its subtree in use.")


def series_bars(own: pd.DataFrame) -> go.Figure:
    """The org's own numbers per series (rows of inv.holdings for the org), stacked by status."""
    names = [_text(name) for name in own["series_name"]]
    figure = go.Figure([
        go.Bar(name=LABELS[s], y=names, x=own[s], orientation="h", marker_color=COLORS[s],
               hovertemplate="%{y}: %{x:,} " + s + "<extra></extra>")
        for s in STATUSES
    ])
    figure.update_layout(barmode="stack", yaxis={"autorange": "reversed"})
    return _laid_out(figure, "Own pool per series")


def _laid_out(figure: go.Figure, title: str, subtitle: str = "") -> go.Figure:
    figure.update_layout(title={"text": title, "x": 0, "font": {"size": 16},
                                "subtitle": {"text": subtitle}}, height=HEIGHT,
                         margin={"l": 10, "r": 10, "t": 60, "b": 10},
                         legend={"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top",
                                 "traceorder": "normal"})
    return figure


def _text(name: str) -> str:
    """A name shown literally: plotly reads a few HTML tags in labels."""
    return html.escape(name, quote=False)
