"""Comments go with the item they are about."""

from __future__ import annotations

from ..signals import item_deleted
from . import services
from .items import KINDS

_KIND_OF_MODEL = {kind.model: kind.key for kind in KINDS.values()}


@item_deleted.connect
def _item_deleted(model: type, item) -> None:
    kind = _KIND_OF_MODEL.get(model)
    if kind is not None:
        services.forget_item(kind, item.id)
