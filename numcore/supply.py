"""Running low (D4): requests for more numbers, the forecast of when an org runs out, and
reservations about to expire."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pandas as pd

from . import phone, store
from .errors import InvalidInput, InvalidState, NotFound, OutOfScope
from .model import whole_number
from .number_commands import move_down
from .queries import described, listing, used_pct, utilization_from
from .transaction import Rx, Tx, command, query

BURN_WINDOW_DAYS = 30
MAX_NOTE_LENGTH = 500



class Supply:
    """Requests for more numbers, their answers, and the forecast."""

    @command
    def request_numbers(self, tx: Tx, org_id: int, quantity: int, *, series_id: int | None = None,
                        note: str = "") -> int:
        """File a request for more numbers for an org at or over its threshold; the managers of
        its parent answer it. Returns the request id."""
        quantity = whole_number(quantity, "quantity", 1)
        org = tx.catalog.org(org_id)
        series = tx.catalog.series(series_id) if series_id is not None else None
        if org.parent_id is None:
            raise OutOfScope(f"{org.path} is the root; there is no parent to ask for numbers.")
        tx.catalog.access.require_manager(tx.actor, [org.id], "requesting numbers")
        usage = _usage(tx, org.id)
        threshold = tx.catalog.settings_of(org.id).threshold
        if used_pct(usage) < threshold:
            raise InvalidState(
                f"{org.path} is {used_pct(usage)}% used, below its {threshold}% threshold; "
                "requests are for orgs that are running low."
            )
        note = _note(note)
        request_id = store.next_id(tx.cur, "request_ids")
        store.insert_request(tx.cur, request_id, org.id, series_id, quantity, note, tx.actor,
                             tx.now)
        tx.record("request_numbers", orgs=[org.id, org.parent_id], series=[series_id],
                  quantity=quantity, after={"request": request_id, "org": org.path,
                                            "series": series.name if series else None,
                                            "note": note})
        return request_id

    @command
    def fulfil_request(self, tx: Tx, request_id: int, *, series_id: int | None = None,
                       quantity: int | None = None) -> list[str]:
        """Answer an open request by allocating from the parent (the requested series and
        quantity unless given); returns the numbers allocated."""
        request, org, parent = _open_request(tx, request_id)
        tx.catalog.access.require_manager(tx.actor, [parent.id, org.id], "answering requests")
        series_id = request["series_id"] if series_id is None else series_id
        if series_id is None:
            raise InvalidState(f"Request {request_id} names no series; choose the series to "
                               "allocate from.")
        quantity = whole_number(request["quantity"] if quantity is None else quantity,
                                "quantity", 1)
        numbers = move_down(tx, tx.catalog.series(series_id), quantity, parent, org)
        store.answer_request(tx.cur, request_id, "fulfilled", tx.actor, tx.now,
                             f"allocated {quantity}")
        tx.record("fulfil_request", orgs=[parent.id, org.id], series=[series_id],
                  quantity=quantity, numbers=numbers,
                  before={"request": request_id, "holder": parent.path},
                  after={"holder": org.path, "state": "fulfilled"})
        return [phone.e164(n) for n in numbers]

    @command
    def decline_request(self, tx: Tx, request_id: int, reason: str) -> None:
        """Answer an open request with a refusal and its reason."""
        request, org, parent = _open_request(tx, request_id)
        tx.catalog.access.require_manager(tx.actor, [parent.id, org.id], "answering requests")
        reason = _note(reason)
        if not reason:
            raise InvalidInput(f"Give the reason for declining request {request_id}; "
                               f"{request['filed_by']} will read it.")
        store.answer_request(tx.cur, request_id, "declined", tx.actor, tx.now, reason)
        tx.record("decline_request", orgs=[parent.id, org.id], series=[request["series_id"]],
                  quantity=request["quantity"], before={"request": request_id},
                  after={"state": "declined", "reason": reason})

    @query
    def requests(self, rx: Rx, org_id: int | None = None, state: str | None = "open",
                 answerable_by: str | None = None) -> pd.DataFrame:
        """Requests of the orgs in ``org_id``'s subtree (default all), newest first; with
        ``answerable_by``, only those that user may answer (they manage the parent)."""
        catalog = rx.catalog
        top = catalog.tree.root if org_id is None else catalog.org(org_id)
        members = catalog.tree.subtree(top.id) if top else []
        found = store.requests(rx.cur, members, state)
        if answerable_by is not None:
            mine = found["org_id"].map(
                lambda o: catalog.access.may_manage(answerable_by, catalog.org(o).parent_id))
            found = found[mine.astype(bool)]
        found.insert(2, "org", found["org_id"].map(lambda o: catalog.org(o).path
                                                   if o in catalog.tree else f"(deleted {o})"))
        found.insert(4, "series", found["series_id"].map(
            lambda s: catalog.series_by_id[s].name if pd.notna(s) and s in catalog.series_by_id
            else None))
        return found.reset_index(drop=True)

    @query
    def forecast(self, rx: Rx, org_id: int | None = None,
                 window_days: int = BURN_WINDOW_DAYS) -> pd.DataFrame:
        """For each org of the subtree: its available numbers, its burn rate (numbers per day
        given out of its pool over the last ``window_days``, less those that came back), and the
        day it runs out at that rate (None when it is not burning)."""
        window_days = whole_number(window_days, "window (days)", 1)
        catalog = rx.catalog
        top = catalog.tree.root if org_id is None else catalog.org(org_id)
        columns = ["org_id", "path", "available", "burn_per_day", "days_left", "runs_out_on"]
        if top is None:
            return pd.DataFrame(columns=columns)
        members = catalog.tree.subtree(top.id)
        since = rx.now - timedelta(days=window_days)
        flows = store.burned_since(rx.cur, since)
        rows = []
        for member in members:
            available = sum(n for h, _, st, n in rx.counts.rows([member]) if st == "available")
            burned = flows.get(member, 0)
            rate = max(burned, 0) / window_days
            days_left = available / rate if rate else None
            runs_out = (rx.now + timedelta(days=days_left)).date() if days_left is not None else None
            rows.append([member, catalog.org(member).path, available, round(rate, 2),
                         None if days_left is None else round(days_left, 1), runs_out])
        return pd.DataFrame(rows, columns=columns)

    @query
    def expiring_reservations(self, rx: Rx, org_id: int, within_days: int = 7) -> pd.DataFrame:
        """Reserved numbers in the subtree whose reservation ends within ``within_days``."""
        within_days = whole_number(within_days, "days", 0)
        chosen = replace(listing(rx.catalog, org_id, "reserved", ""),
                         due_by=rx.now + timedelta(days=within_days))
        return described(rx.catalog, store.numbers_of(rx.cur, chosen, order="until"))


def _usage(tx: Tx, org_id: int) -> dict:
    return utilization_from(org_id, tx.counts.rows(tx.catalog.tree.subtree(org_id)))


def _note(note) -> str:
    note = "" if note is None else " ".join(str(note).split())
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput(f"The text has {len(note)} characters; at most {MAX_NOTE_LENGTH}.")
    return note


def _open_request(tx: Tx, request_id: int):
    row = store.get_request(tx.cur, request_id)
    if row is None:
        raise NotFound(f"There is no request with id {request_id}.")
    request = dict(zip(store.REQUEST_COLUMNS.replace(" ", "").split(","), row))
    org = tx.catalog.org(request["org_id"])
    if request["state"] != "open":
        raise InvalidState(f"Request {request_id} of {org.path} is {request['state']} already.")
    return request, org, tx.catalog.org(org.parent_id)
