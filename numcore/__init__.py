"""numcore: the number inventory's rules and storage. Never imports streamlit or plotly."""

from .errors import (Conflict, InvalidInput, InvalidNumber, InvalidState, NotEnoughNumbers,
                     NotFound, NumcoreError, OutOfScope, PermissionDenied)
from .inventory import Inventory
from .model import STATUSES, NumberInfo, Org, OrgSettings, Series, Tag

__all__ = [
    "Inventory", "Org", "Series", "Tag", "NumberInfo", "OrgSettings", "STATUSES",
    "NumcoreError", "NotFound", "NotEnoughNumbers", "InvalidNumber", "InvalidInput",
    "InvalidState", "OutOfScope", "PermissionDenied", "Conflict",
]
