"""Roles (D3.10): who may read and change what. Pure rules over grants and the org tree."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import InvalidInput, PermissionDenied
from .model import Grant
from .tree import OrgTree


def user_key(user: str) -> str:
    """Users are the same whatever the case or surrounding spaces ('Bob@X.com' is 'bob@x.com')."""
    if not isinstance(user, str):
        raise InvalidInput(f"A user is named by text; got {user!r}.")
    return user.strip().casefold()


class Access:
    """The grants of an inventory, checked against its tree."""

    def __init__(self, grants: Iterable[Grant], tree: OrgTree):
        self.tree = tree
        self._by_user: dict[str, list[Grant]] = {}
        for grant in grants:
            self._by_user.setdefault(user_key(grant.user), []).append(grant)

    @property
    def any_grant(self) -> bool:
        return bool(self._by_user)

    def grants_of(self, user: str) -> list[Grant]:
        return list(self._by_user.get(user_key(user), []))

    def is_admin(self, user: str) -> bool:
        return any(g.role == "admin" for g in self.grants_of(user))

    def _tops(self, user: str, roles: tuple[str, ...]) -> list[int]:
        return [g.org_id for g in self.grants_of(user) if g.role in roles and g.org_id in self.tree]

    def may_manage(self, user: str, org_id: int) -> bool:
        """Admins manage every org; a manager of X manages X's subtree."""
        if self.is_admin(user):
            return True
        return any(self.tree.is_within(org_id, top) for top in self._tops(user, ("manager",)))

    def may_view(self, user: str, org_id: int) -> bool:
        if self.is_admin(user):
            return True
        tops = self._tops(user, ("manager", "viewer"))
        return any(self.tree.is_within(org_id, top) for top in tops)

    def reachable(self, user: str) -> list[int]:
        """The orgs the user may see, in tree order."""
        return [org.id for org in self.tree.in_order() if self.may_view(user, org.id)]

    def require_admin(self, user: str, doing: str) -> None:
        """Refuse unless the user is an admin; ``doing`` names the command ('creating series')."""
        if not self.is_admin(user):
            raise PermissionDenied(f"{self._who(user)}; {doing} needs an admin grant.")

    def require_manager(self, user: str, org_ids: Iterable[int], doing: str) -> None:
        """Refuse unless the user manages every org in ``org_ids`` (holders and targets)."""
        for org_id in dict.fromkeys(org_ids):
            if not self.may_manage(user, org_id):
                if not self.grants_of(user):  # no grant, no access: not even the org's name
                    raise PermissionDenied(f"{self._who(user)}; {doing} needs a manager grant.")
                raise PermissionDenied(
                    f"{self._who(user)}; {doing} in {self.tree.path(org_id)} needs a manager "
                    "grant on it or above it."
                )

    def _who(self, user: str) -> str:
        """What the user may do now, said for a refusal."""
        grants = self.grants_of(user)
        if not grants:
            return f"{user} has no access to this inventory"
        managed = [self.tree.path(top) for top in self._tops(user, ("manager",))]
        if managed:
            return f"{user} manages only {', '.join(managed)}"
        viewed = [self.tree.path(top) for top in self._tops(user, ("viewer",))]
        if viewed:
            return f"{user} may only view {', '.join(viewed)}"
        return f"{user} is not an admin"
