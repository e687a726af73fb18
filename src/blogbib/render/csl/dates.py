"""``cs:date`` and ``cs:date-part``: dates, localized dates and date ranges.

A localized date (``form="text"`` or ``"numeric"``) takes its parts, their order and its
delimiter from the locale; the style's own ``cs:date-part`` children override the locale
part's attributes for that date only.  Both are resolved when the style is compiled.  When a
style does not render ``year-suffix`` itself, the suffix follows the first ``issued`` year,
with the year's affixes and formatting.  In a sort key a date is its parts as numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .elements import Element, OneVariable, Stub, fmt_from
from .items import DateData
from .output import DATE, PLAIN, YEAR_SUFFIX, Fmt, Node, Output, node
from .numbers import ordinal
from .state import CITATION, SORT

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Date", "DatePart"]

_DEFAULT_FORMS = {"day": "numeric", "month": "long", "year": "long"}
_UNITS = ("year", "month", "day")


class DatePart(Element):
    """``cs:date-part``."""

    __slots__ = ("name", "form", "range_delimiter")

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.name = self.attrib.get("name", "")
        self.form = self.attrib.get("form", _DEFAULT_FORMS.get(self.name, "long"))
        self.range_delimiter = self.attrib.get("range-delimiter", "\u2013")

    def value(self, date: DateData) -> Any:
        if self.name == "year":
            return date.year
        if self.name == "month":
            return date.month if date.month is not None else date.season
        if self.name == "day":
            return date.day
        return None

    def _text(self, date: DateData, ctx: "RenderContext") -> str:
        locale = ctx.env.locale
        form = self.form
        if self.name == "day":
            day = date.day
            if form == "ordinal":
                if locale.option("limit-day-ordinals-to-day-1") and day > 1:  # type: ignore[operator]
                    return str(day)
                month = locale.gender(f"month-{date.month:02}") if date.month else None  # the day agrees with it
                return ordinal(day, ctx, month)  # type: ignore[arg-type]
            return f"{day:02}" if form == "numeric-leading-zeros" else str(day)
        if self.name == "month":
            if date.month is None:  # a season
                season = date.season
                if isinstance(season, int):
                    return locale.term(f"season-{season:02}") or str(season)
                return str(season)
            if form in ("long", "short"):
                return locale.term(f"month-{date.month:02}", form)
            return f"{date.month:02}" if form == "numeric-leading-zeros" else str(date.month)
        year = date.year
        if form == "short":
            return str(year)[-2:]
        text = str(abs(year))  # type: ignore[arg-type]
        if year < 0:  # type: ignore[operator]
            text += locale.term("bc")
        elif year < 1000:  # type: ignore[operator]
            text += locale.term("ad")
        return text

    def render(self, date: DateData, variable: str, ctx: "RenderContext") -> Output | None:
        value = self.value(date)
        if value is None:
            return None
        suffix = ""
        if (self.name == "year" and variable == "issued" and ctx.state.year_suffix and not ctx.year_suffix_done
                and ctx.env.implicit_year_suffix):
            suffix = ctx.state.year_suffix
        else:
            key = (self, value, ctx.english)
            found = ctx.memo.date_parts.get(key)
            if found is not None:
                return found
        text = self._text(date, ctx)
        if not text:
            return None
        if suffix:  # after the year, dressed as the year is (citeproc-js: "(2016)(a)" for a year in parentheses)
            ctx.year_suffix_done = True
            return Node([self.dress(text, ctx), self.dress(Node([suffix], tag=YEAR_SUFFIX), ctx)])
        out = ctx.memo.date_parts[key] = self.dress(text, ctx)
        return out


class Date(OneVariable):
    """``cs:date``."""

    __slots__ = ("parts", "delimiter")

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        own_parts = [c for c in self.children if isinstance(c, DatePart)]
        form = self.attrib.get("form")
        self.delimiter = self.attrib.get("delimiter", "")
        self.parts: list[DatePart] = own_parts
        if form is not None:
            localized = compiler.locale.date_format(form)
            shown = self.attrib.get("date-parts", "year-month-day").split("-")
            overrides = {part.name: part.attrib for part in own_parts}
            self.parts = []
            if localized is not None:
                self.delimiter = localized.get("delimiter", "")
                for child in localized:
                    name = child.get("name") if isinstance(child.tag, str) and child.tag.endswith("date-part") else None
                    if name in shown:
                        attrib = {**child.attrib, **overrides.get(name, {})}
                        part = DatePart(Stub(attrib), compiler)
                        compiler.elements.append(part)
                        self.parts.append(part)
        self.fmt = fmt_from(self.attrib)

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        variable = self.variable
        if variable in ctx.suppressed:
            return None
        date = ctx.vars.get(variable)
        if date is None:
            ctx.tried(None)
            return None
        if ctx.mode == SORT:
            out = self._sort_text(date)
            ctx.tried(out)
            return out
        suffix_due = variable == "issued" and bool(ctx.state.year_suffix) and ctx.env.implicit_year_suffix
        if suffix_due:
            out = self._render(date, ctx)
        else:
            key = (self, date, ctx.english)
            memo = ctx.memo.dates
            out = memo.get(key, _MISSING)
            if out is _MISSING:
                out = memo[key] = self._render(date, ctx)
        if out is not None:
            ctx.used(variable)
            if ctx.mode == CITATION:  # tagged for year collapsing (collapsing.py)
                out = Node([out], PLAIN, DATE)
        ctx.tried(out)
        return out

    def _sort_text(self, date: DateData) -> str | None:
        """The date in a sort key: its shown parts as numbers (year, then month and day as two
        digits, 00 when missing), so that dates compare in time order; a range's end follows."""
        if date.year is None:
            return date.literal
        text = self._sort_one(date)
        if date.end is not None and date.end.year is not None and text:
            text += "/" + (self._sort_one(date.end) or "")
        return text

    def _sort_one(self, date: DateData) -> str | None:
        shown = {part.name for part in self.parts}
        text = f"{date.year + 10000:05}" if "year" in shown else ""
        if "month" in shown:
            month = date.month if date.month is not None else (date.season if isinstance(date.season, int) else 0)
            text += f"{month or 0:02}"
        if "day" in shown:
            text += f"{date.day or 0:02}"
        return text or None

    def _render(self, date: DateData, ctx: "RenderContext") -> Output | None:
        if date.year is None:
            return self.dress(date.literal, ctx) if date.literal else None
        if date.end is not None and date.end.year is not None:
            content = self._range(date, date.end, ctx)
        else:
            content = self._single(date, self.parts, ctx)
        if content is None:
            return None
        return self.dress(content, ctx)

    def _single(self, date: DateData, parts: list[DatePart], ctx: "RenderContext",
                bare_end: bool = False) -> Output | None:
        pieces = [out for out in (part.render(date, self.variable, ctx) for part in parts) if out is not None]
        if not pieces:
            return None
        last = pieces[-1]
        if bare_end and isinstance(last, Node) and last.fmt.suffix:
            pieces[-1] = Node(last.children, last.fmt.without_suffix(), last.tag)
        return node(pieces, Fmt(delimiter=self.delimiter)) if len(pieces) > 1 else pieces[0]

    def _range(self, begin: DateData, end: DateData, ctx: "RenderContext") -> Output | None:
        """A range: the parts that differ (from the largest unit down) are printed for both dates,
        joined by that unit's range delimiter; the parts they share are printed once."""
        present = [p for p in self.parts if p.value(begin) is not None]
        units = [u for u in _UNITS if any(p.name == u for p in present)]
        differing = next((i for i, u in enumerate(units) if _unit(begin, u) != _unit(end, u)), None)
        if differing is None:
            return self._single(begin, self.parts, ctx)
        varying = set(units[differing:])
        indices = [i for i, p in enumerate(present) if p.name in varying]
        first, last = indices[0], indices[-1]
        if any(present[i].name not in varying for i in range(first, last + 1)):
            first, last = 0, len(present) - 1  # the differing parts are not together: both dates whole
        delimiter = next(p.range_delimiter for p in present if p.name == units[differing])
        span = present[first:last + 1]
        left = self._single(begin, span, ctx, bare_end=True)  # "March–May", not "March –May"
        right = self._single(end, span, ctx) if end.year != 0 else None  # year 0 ends an open range: "1987–"
        pieces: list[Output] = []
        for part in present[:first]:
            out = part.render(begin, self.variable, ctx)
            if out is not None:
                pieces.append(out)
        pieces.append(Node([p for p in (left, delimiter, right) if p is not None], PLAIN))
        for part in present[last + 1:]:
            out = part.render(begin, self.variable, ctx)
            if out is not None:
                pieces.append(out)
        return node(pieces, Fmt(delimiter=self.delimiter)) if len(pieces) > 1 else pieces[0]


def _unit(date: DateData, unit: str) -> Any:
    if unit == "month":
        return date.month if date.month is not None else date.season
    return getattr(date, unit)


_MISSING = object()
