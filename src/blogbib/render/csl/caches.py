"""Every cache of the engine, in one place.

:class:`RenderCaches` lives for one ``bibliography()`` or ``citations()`` call: the formatted
names and dates, which repeat across items.  :class:`StyleCaches` lives as long as a processor:
facts about its compiled style that depend only on what they are keyed by (a condition's result
for an item shape, a name element's options in a section).  Each key holds everything the
cached value depends on; the tests swap ``memo_type`` for a mapping that keeps nothing, to check
that a memoized render is the render made every time.
"""

from __future__ import annotations

from typing import Any

__all__ = ["RenderCaches", "StyleCaches"]


class RenderCaches:
    """Memos for one render."""

    memo_type: type = dict

    def __init__(self) -> None:
        self.names: dict[tuple, Any] = self.memo_type()  # one formatted name
        self.dates: dict[tuple, Any] = self.memo_type()  # one rendered cs:date
        self.date_parts: dict[tuple, Any] = self.memo_type()  # one rendered cs:date-part
        self.cites: dict[int, Any] = {}  # item index → its first cite's tree, rendered while disambiguating


class StyleCaches:
    """Memos for the life of a processor."""

    memo_type: type = dict

    def __init__(self) -> None:
        self.branches: dict[tuple, int] = self.memo_type()  # (cs:choose, item shape) → branch taken
        self.name_options: dict[tuple, Any] = {}  # (cs:name, section, sort key) → its resolved options
