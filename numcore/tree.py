"""The organization tree (D1): paths, subtrees and ancestry, computed once per snapshot."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import NotFound
from .model import PATH_SEPARATOR, Org


class OrgTree:
    """An immutable view of the orgs; every question about ancestry is answered here."""

    def __init__(self, rows: Iterable[tuple[int, str, int | None]]):
        self._rows = {org_id: (name, parent_id) for org_id, name, parent_id in rows}
        self._children: dict[int | None, list[int]] = {}
        for org_id, (name, parent_id) in self._rows.items():
            self._children.setdefault(parent_id, []).append(org_id)
        for siblings in self._children.values():
            siblings.sort(key=lambda org_id: self._rows[org_id][0].casefold())
        self._orgs: dict[int, Org] = {}
        self._order: list[int] = []
        for root in self._children.get(None, []):
            self._walk(root, None)

    def _walk(self, org_id: int, parent_path: str | None) -> None:
        name, parent_id = self._rows[org_id]
        path = name if parent_path is None else f"{parent_path}{PATH_SEPARATOR}{name}"
        self._orgs[org_id] = Org(org_id, name, parent_id, path)
        self._order.append(org_id)
        for child in self._children.get(org_id, []):
            self._walk(child, path)

    @property
    def root(self) -> Org | None:
        """The enterprise, or None in an empty inventory."""
        roots = self._children.get(None, [])
        return self._orgs[roots[0]] if roots else None

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._orgs

    def __len__(self) -> int:
        return len(self._orgs)

    def get(self, org_id: int) -> Org:
        """The org, or NotFound."""
        try:
            return self._orgs[org_id]
        except (KeyError, TypeError):
            raise NotFound(f"There is no org with id {org_id}.") from None

    def path(self, org_id: int) -> str:
        return self.get(org_id).path

    def in_order(self) -> list[Org]:
        """Every org reachable from the root, parents before children, siblings by name."""
        return [self._orgs[org_id] for org_id in self._order]

    def children(self, org_id: int) -> list[int]:
        return list(self._children.get(org_id, []))

    def subtree(self, org_id: int) -> list[int]:
        """``org_id`` and all its descendants, in tree order."""
        found, stack = [], [org_id]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(reversed(self._children.get(current, [])))
        return found

    def ancestors(self, org_id: int) -> list[int]:
        """The parent, its parent, ... up to the root."""
        chain, parent = [], self.get(org_id).parent_id
        while parent is not None:
            chain.append(parent)
            parent = self._orgs[parent].parent_id
        return chain

    def is_within(self, org_id: int, top_id: int) -> bool:
        """Whether ``org_id`` is ``top_id`` or one of its descendants."""
        return org_id == top_id or top_id in self.ancestors(org_id)

    def is_below(self, org_id: int, top_id: int) -> bool:
        """Whether ``org_id`` is a proper descendant of ``top_id``."""
        return org_id != top_id and self.is_within(org_id, top_id)

    def sibling_named(self, parent_id: int | None, name: str) -> Org | None:
        """The child of ``parent_id`` with this name (ignoring case), if any."""
        wanted = name.casefold()
        for child in self._children.get(parent_id, []):
            if self._orgs[child].name.casefold() == wanted:
                return self._orgs[child]
        return None

    def unreachable(self) -> list[int]:
        """Ids of orgs not connected to a single root (a broken tree; check() reports them)."""
        return sorted(set(self._rows) - set(self._orgs))
