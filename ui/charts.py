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
    """Where the numbers below the top org are (rows of inv.report: the top org first, then at
    least one below it). Each org's box holds the boxes of the orgs below it and one for its
    own pool, sized by numbers held and coloured by the share in use. The top org's own pool
    is left out: at the root it would fill the chart and squeeze the structure into a corner."""
    top, below = report.iloc[0], report.iloc[1:]
    has_children = below["org_id"].isin(below["parent_id"])
    nodes = []  # (id, parent id, label, numbers held, path, % used)
    for row, split in zip(below.itertuples(), has_children):
        parent = "" if row.parent_id == top["org_id"] else str(row.parent_id)
        nodes.append((str(row.org_id), parent, _text(row.path.rsplit(" / ", 1)[-1]), row.total,
                      _text(row.path), row.used_pct))
        pool = row.total - row.allocated_to_suborgs
        if split and pool:  # a box around its sub-organizations' boxes, one for its own pool
            nodes.append((f"{row.org_id}-pool", str(row.org_id), "own pool", pool,
                          f"{_text(row.path)}: own pool",
                          round(100 * (pool - row.available) / pool, 1)))
    ids, parents, labels, values, paths, used = zip(*nodes)
    figure = go.Figure(go.Treemap(
        ids=ids, parents=parents, labels=labels, values=values, branchvalues="total",
        customdata=list(zip(paths, used)),
        texttemplate="%{label}<br>%{value:,}",
        hovertemplate="%{customdata[0]}<br>%{value:,} numbers, %{customdata[1]:.1f}% used"
                      "<extra></extra>",
        marker={"colors": used, "colorscale": "Reds", "cmin": 0, "cmax": 100,
                "colorbar": {"title": {"text": "% used"}, "thickness": 12}},
        tiling={"pad": 2},
    ))
    top_pool = int(top["total"] - top["allocated_to_suborgs"])
    return _laid_out(figure, "Where the numbers below are",
                     f"Box size: numbers held. Colour: share in use. {_text(top['path'])}'s own "
                     f"pool ({top_pool:,}) is not drawn.")


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
