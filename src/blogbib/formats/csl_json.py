"""CSL-JSON, both directions: nearly a rename of the model.

Output is an array of items valid against the official ``csl-data.json``
schema.  Input fields with no home in the model go to ``Reference.extra`` and
come back out in ``custom``, so nothing is dropped.
"""

from __future__ import annotations

import json
from typing import Any, Sequence

from ..errors import Diagnostics
from ..model import Date, Name, Origin, Reference
from . import ReadOptions, WriteOptions

__all__ = ["read", "write", "to_csl", "from_csl", "FIELDS", "NAME_PARTS"]

# model attribute → CSL-JSON variable, for the plain text fields.
FIELDS: dict[str, str] = {
    "title": "title",
    "container_title": "container-title",
    "url": "URL",
    "abstract": "abstract",
    "note": "note",
    "language": "language",
}
DATES: dict[str, str] = {"issued": "issued", "accessed": "accessed"}
NAME_PARTS: dict[str, str] = {
    "family": "family",
    "given": "given",
    "non_dropping_particle": "non-dropping-particle",
    "dropping_particle": "dropping-particle",
    "suffix": "suffix",
    "literal": "literal",
}
# Our own facts with no CSL variable travel in "custom".
MORE_AUTHORS = "more-authors"


def name_to_csl(name: Name) -> dict[str, str]:
    return {csl: getattr(name, attr) for attr, csl in NAME_PARTS.items() if getattr(name, attr)}


def date_to_csl(date: Date) -> dict[str, Any]:
    return {"date-parts": [date.parts()]}


def to_csl(ref: Reference) -> dict[str, Any]:
    """One reference as a CSL-JSON item (a plain dict)."""
    item: dict[str, Any] = {"id": ref.id, "citation-key": ref.id, "type": ref.type}
    if ref.title:
        item["title"] = ref.title
    if ref.container_title:
        item["container-title"] = ref.container_title
    if ref.author:
        item["author"] = [name_to_csl(n) for n in ref.author]
    for attr, csl in DATES.items():
        value = getattr(ref, attr)
        if value is not None:
            item[csl] = date_to_csl(value)
    for attr, csl in FIELDS.items():
        value = getattr(ref, attr)
        if value and csl not in item:
            item[csl] = value
    if ref.keyword:
        item["keyword"] = ", ".join(ref.keyword)
    custom = dict(ref.extra)
    if ref.more_authors:
        custom[MORE_AUTHORS] = True
    if custom:
        item["custom"] = custom
    return item


def write(refs: Sequence[Reference], options: WriteOptions = WriteOptions()) -> str:
    """The same text as ``json.dumps([items], ensure_ascii=False, indent=2)``, one item at a time.

    Each item is dumped on its own and indented one level (JSON strings hold
    no raw newlines), so no list of every item's dict is built first.
    """
    if not refs:
        return "[]\n"
    items = ("  " + json.dumps(to_csl(r), ensure_ascii=False, indent=2).replace("\n", "\n  ") for r in refs)
    return "[\n" + ",\n".join(items) + "\n]\n"


# ----------------------------------------------------------------------------- reading


class _ItemError(ValueError):
    pass


def _date(value: Any, field: str) -> Date | None:
    from ..dates import DateError, parse_date

    if value is None:
        return None
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if parts:
            first = [int(p) for p in parts[0]]
            try:
                return Date(*first[:3])
            except (TypeError, ValueError) as exc:
                raise _ItemError(f"{field}: {exc}") from None
        text = value.get("raw") or value.get("literal")
        if not text:
            return None
        value = text
    if isinstance(value, str):
        try:
            return parse_date(value)
        except DateError as exc:
            raise _ItemError(f"{field}: {exc}") from None
    raise _ItemError(f"{field}: not a date: {value!r}")


def _name(value: Any) -> Name:
    if isinstance(value, str):
        from ..names import parse_name

        return parse_name(value)
    if not isinstance(value, dict):
        raise _ItemError(f"author: not a name: {value!r}")
    parts = {attr: value.get(csl) or None for attr, csl in NAME_PARTS.items()}
    if parts["literal"] is None and parts["family"] is None:
        if parts["given"]:
            return Name(literal=parts["given"])
        raise _ItemError(f"author: a name needs family or literal: {value!r}")
    if parts["literal"] is not None and parts["family"] is not None:
        parts["literal"] = None
    if parts["literal"] is not None:
        return Name(literal=parts["literal"])
    return Name(**parts)


def from_csl(item: dict[str, Any], origin: Origin | None = None) -> Reference:
    """One CSL-JSON item → Reference.  Raises ValueError with the reason."""
    if not isinstance(item, dict):
        raise _ItemError("an item must be a JSON object")
    custom = dict(item.get("custom") or {})
    more = bool(custom.pop(MORE_AUTHORS, False))
    known = {"id", "citation-key", "type", "author", "keyword", "custom", *FIELDS.values(), *DATES.values()}
    extra = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in item.items() if k not in known}
    extra.update({k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in custom.items()})
    keyword = item.get("keyword") or ""
    fields = {attr: (str(item[csl]) if item.get(csl) not in (None, "") else None) for attr, csl in FIELDS.items()}
    return Reference(
        id=str(item.get("citation-key") or item.get("id") or ""),
        type=str(item.get("type") or "post-weblog"),
        author=tuple(_name(n) for n in item.get("author") or ()),
        more_authors=more,
        issued=_date(item.get("issued"), "issued"),
        accessed=_date(item.get("accessed"), "accessed"),
        keyword=tuple(k.strip() for k in str(keyword).split(",") if k.strip()),
        extra=tuple(sorted(extra.items())),
        origin=origin,
        **fields,
    )


def _line_of_items(text: str) -> list[int]:
    """Line number where each top-level array element starts (for messages)."""
    lines, depth, line, in_str, esc = [], 0, 1, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch in "[{":
            if depth == 1:
                lines.append(line)
            depth += 1
        elif ch in "]}":
            depth -= 1
    return lines


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Reference]:
    text = text.lstrip("\ufeff")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        diag.error(source, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})", skipped=False)
        return []
    if isinstance(data, dict):
        data, starts = [data], [1]
    elif isinstance(data, list):
        starts = _line_of_items(text)
    else:
        diag.error(source, 1, "CSL-JSON must be an array of items or one item", skipped=False)
        return []
    refs = []
    for i, item in enumerate(data):
        line = starts[i] if i < len(starts) else None
        diag.stats.read += 1
        try:
            ref = from_csl(item, Origin(source, line))
        except (ValueError, TypeError) as exc:
            diag.error(source, line, f"item {i + 1}: {exc}")
            continue
        refs.append(ref)
    return refs

