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
    return json.dumps([to_csl(r) for r in refs], ensure_ascii=False, indent=2) + "\n"


# ----------------------------------------------------------------------------- reading


class _ItemError(ValueError):
    pass


def _int_part(value: Any, field: str) -> int:
    # CSL allows numbers or numeric strings in date-parts.
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _ItemError(f"{field}: a date part must be a number, not {_kind(value)}")
    if isinstance(value, str):
        if not value.strip().isdecimal() or len(value) > 9:
            raise _ItemError(f"{field}: a date part must be a number: {_short(value)!r}")
        return int(value)
    return value


def _date(value: Any, field: str) -> Date | None:
    from ..dates import DateError, parse_date

    if value is None:
        return None
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if parts:
            if not isinstance(parts, list) or not isinstance(parts[0], list) or not parts[0]:
                raise _ItemError(f"{field}: date-parts must be a list of lists of numbers, as [[2022, 7, 15]]")
            first = [_int_part(p, field) for p in parts[0][:3]]
            try:
                return Date(*first)
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
    raise _ItemError(f"{field}: not a date: {_short(repr(value))}")


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", bool: "true/false", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(value: Any, field: str) -> str | None:
    """A text field: a string, or a number (CSL allows numbers in some text fields)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _ItemError(f"{field}: expected text, got {_kind(value)}")
    return str(value)


def _name(value: Any) -> Name:
    if isinstance(value, str):
        from ..names import parse_name

        return parse_name(value)
    if not isinstance(value, dict):
        raise _ItemError(f"author: not a name: {_short(repr(value))}")
    parts = {attr: _text(value.get(csl), f"author {csl}") for attr, csl in NAME_PARTS.items()}
    if parts["literal"] is None and parts["family"] is None:
        if parts["given"]:
            return Name(literal=parts["given"])
        raise _ItemError(f"author: a name needs family or literal: {_short(repr(value))}")
    if parts["literal"] is not None and parts["family"] is not None:
        parts["literal"] = None
    if parts["literal"] is not None:
        return Name(literal=parts["literal"])
    return Name(**parts)


def _check_unicode(item: Any) -> None:
    # JSON can spell a lone surrogate ("\ud800"), which is not text: no file can hold it.
    try:
        json.dumps(item, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _ItemError(f"contains a lone surrogate U+{ord(exc.object[exc.start]):04X}, not valid Unicode text") from None


def from_csl(item: dict[str, Any], origin: Origin | None = None) -> Reference:
    """One CSL-JSON item → Reference.  Raises ValueError with the reason."""
    if not isinstance(item, dict):
        raise _ItemError(f"an item must be a JSON object, not {_kind(item)}")
    _check_unicode(item)
    custom = item.get("custom") or {}
    if not isinstance(custom, dict):
        raise _ItemError(f"custom: expected an object, got {_kind(custom)}")
    custom = dict(custom)
    more = bool(custom.pop(MORE_AUTHORS, False))
    known = {"id", "citation-key", "type", "author", "keyword", "custom", *FIELDS.values(), *DATES.values()}
    extra = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in item.items() if k not in known}
    extra.update({k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in custom.items()})
    keyword = _text(item.get("keyword"), "keyword") or ""
    fields = {attr: _text(item.get(csl), csl) for attr, csl in FIELDS.items()}
    authors = item.get("author") or ()
    if not isinstance(authors, (list, tuple)):
        raise _ItemError(f"author: expected an array of names, got {_kind(authors)}")
    return Reference(
        id=_text(item.get("citation-key"), "citation-key") or _text(item.get("id"), "id") or "",
        type=_text(item.get("type"), "type") or "post-weblog",
        author=tuple(_name(n) for n in authors),
        more_authors=more,
        issued=_date(item.get("issued"), "issued"),
        accessed=_date(item.get("accessed"), "accessed"),
        keyword=tuple(k.strip() for k in keyword.split(",") if k.strip()),
        extra=tuple(sorted(extra.items())),
        origin=origin,
        **fields,
    )


def _line_of_items(text: str) -> list[int]:
    """Line number where each top-level array element starts (for messages)."""
    lines, depth, line, in_str, esc, expect = [], 0, 1, False, False, False
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
        if depth == 1 and expect and not ch.isspace() and ch not in ",]":
            lines.append(line)  # an element starts here: object, array, string, number or literal
            expect = False
        if ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            expect = depth == 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 1:
            expect = True
    return lines


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _too_deep_line(text: str, limit: int = 500) -> int:
    """The line where nesting first goes deeper than ``limit`` (outside strings)."""
    depth, in_str, esc = 0, False, False
    for i, ch in enumerate(text):
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return _line_at(text, i)
        elif ch in "]}":
            depth -= 1
    return 1


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Reference]:
    text = text.lstrip("\ufeff")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        diag.error(source, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})", skipped=False)
        return []
    except ValueError as exc:  # a number with more digits than Python converts
        import re

        long_number = re.search(r"\d{4000}", text)
        line = _line_at(text, long_number.start()) if long_number else 1
        diag.error(source, line, f"not usable JSON: {str(exc).split(';')[0]}", skipped=False)
        return []
    except RecursionError:
        diag.error(source, _too_deep_line(text), "not usable JSON: arrays or objects nested too deeply",
                   skipped=False)
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
        except RecursionError:
            diag.error(source, line, f"item {i + 1}: nested too deeply")
            continue
        refs.append(ref)
    return refs

