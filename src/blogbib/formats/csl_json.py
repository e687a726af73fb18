"""CSL-JSON, both directions: nearly a rename of the model.

Output is an array of items valid against the official ``csl-data.json``
schema.  Every CSL variable is read into the model (the ones a blog post has as
attributes, the others in ``Reference.variables``: names, dates with ranges,
seasons, circa and literals, numbers and text); fields that are no CSL variable
go to ``Reference.extra`` and come back out in ``custom``, so nothing is dropped.
"""

from __future__ import annotations

import bisect
import functools
import json
import operator
import re
from typing import Any, Sequence

from ..errors import Diagnostics
from ..text import shorten
from ..model import DATE_VARIABLES, NAME_VARIABLES, NUMBER_VARIABLES, STRING_VARIABLES, Date, Name, Origin, Reference
from ..options import ReadOptions, WriteOptions

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
NAME_FLAGS: dict[str, str] = {"comma_suffix": "comma-suffix", "static_ordering": "static-ordering"}
SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
# Our own facts with no CSL variable travel in "custom": "et al." after the authors, and after other name lists.
MORE_AUTHORS = "more-authors"
MORE_NAMES = "more-names"


def name_to_csl(name: Name) -> dict[str, Any]:
    item: dict[str, Any] = {csl: getattr(name, attr) for attr, csl in NAME_PARTS.items() if getattr(name, attr)}
    for attr, csl in NAME_FLAGS.items():
        if getattr(name, attr):
            item[csl] = True
    return item


def date_to_csl(date: Date) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if date.year is not None:  # a literal-only date is {"literal": ...}
        item["date-parts"] = [date.parts()] if date.end is None else [date.parts(), date.end.parts()]
    if isinstance(date.season, str):
        item["season"] = date.season
    if date.circa:
        item["circa"] = True
    if date.literal is not None:
        item["literal"] = date.literal
    return item


def variable_to_csl(value: tuple[Name, ...] | Date | str) -> Any:
    """A value of ``Reference.variables`` as CSL-JSON."""
    if isinstance(value, Date):
        return date_to_csl(value)
    if isinstance(value, tuple):
        return [name_to_csl(n) for n in value]
    return value


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
    for name, value in ref.variables:
        item[name] = variable_to_csl(value)
    custom = dict(ref.extra)
    if ref.more_authors:
        custom[MORE_AUTHORS] = True
    if ref.more_names:
        custom[MORE_NAMES] = list(ref.more_names)
    if custom:
        item["custom"] = custom
    return item


# ----------------------------------------------------------------------------- writing
#
# write() lays out the text json.dumps([to_csl(r) ...], indent=2) gives, without building the
# dicts (tests/formats/test_csl_json_writer.py checks the two agree; bench/ has the timing).
# Every string goes through json's own string encoder.  Indentation: an item's members at 4
# spaces, names, date-parts and custom entries at 6, a name's parts and a date's list at 8.

_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) applies to every string
_ITEMS_PER_CHUNK = 1000
_NAME_KEYS = tuple(_string(csl) + ": " for csl in NAME_PARTS.values())
_name_parts = operator.attrgetter(*NAME_PARTS, *NAME_FLAGS)


# Bylines and dates repeat from post to post: each is laid out once per write (which clears these caches).
@functools.cache
def _name_text(parts: tuple[str | bool | None, ...]) -> str:
    """A name given as its NAME_PARTS values, then its NAME_FLAGS, in order."""
    members = [key + _string(value) for key, value in zip(_NAME_KEYS, parts) if value]
    members += [_string(csl) + ": true" for csl, flag in zip(NAME_FLAGS.values(), parts[len(_NAME_KEYS):]) if flag]
    return "{\n        " + ",\n        ".join(members) + "\n      }" if members else "{}"


@functools.cache
def _date_text(year: int, month: int | None, day: int | None) -> str:
    numbers = ",\n          ".join([str(part) for part in (year, month, day) if part is not None])
    return '{\n      "date-parts": [\n        [\n          ' + numbers + "\n        ]\n      ]\n    }"


def _nested(value: Any) -> str:
    """A value in ``custom``: as json.dumps lays it out, one level deeper (JSON strings hold no raw newline)."""
    if type(value) is str:
        return _string(value)
    if value is True:  # more-authors
        return "true"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n      ")


def _item_text(ref: Reference) -> str:
    """``to_csl(ref)`` as ``json.dumps(..., indent=2)`` lays out an element of a top-level array."""
    if ref.variables or ref.more_names or (ref.issued is not None and not ref.issued.plain) or \
            (ref.accessed is not None and not ref.accessed.plain):
        # not a blog post's fields: json lays it out
        return "  " + json.dumps(to_csl(ref), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    key = _string(ref.id)
    members = ['"id": ' + key, '"citation-key": ' + key, '"type": ' + _string(ref.type)]
    if ref.title:
        members.append('"title": ' + _string(ref.title))
    if ref.container_title:
        members.append('"container-title": ' + _string(ref.container_title))
    if ref.author:
        names = ",\n      ".join(map(_name_text, map(_name_parts, ref.author)))
        members.append('"author": [\n      ' + names + "\n    ]")
    if ref.issued is not None:
        date = ref.issued
        members.append('"issued": ' + _date_text(date.year, date.month, date.day))
    if ref.accessed is not None:
        date = ref.accessed
        members.append('"accessed": ' + _date_text(date.year, date.month, date.day))
    if ref.url:
        members.append('"URL": ' + _string(ref.url))
    if ref.abstract:
        members.append('"abstract": ' + _string(ref.abstract))
    if ref.note:
        members.append('"note": ' + _string(ref.note))
    if ref.language:
        members.append('"language": ' + _string(ref.language))
    if ref.keyword:
        members.append('"keyword": ' + _string(", ".join(ref.keyword)))
    if ref.extra or ref.more_authors:
        custom = dict(ref.extra)
        if ref.more_authors:
            custom[MORE_AUTHORS] = True
        members.append('"custom": {\n      ' + ",\n      ".join(
            [_string(k) + ": " + _nested(v) for k, v in custom.items()]) + "\n    }")
    return "  {\n    " + ",\n    ".join(members) + "\n  }"


def write(refs: Sequence[Reference], options: WriteOptions = WriteOptions()) -> str:
    """The same text as ``json.dumps([to_csl(r) for r in refs], ensure_ascii=False, indent=2) + "\\n"``.

    The text grows a thousand items at a time (``+=``, in place in CPython):
    it is never held twice, as joining every item's text would.
    """
    if not refs:
        return "[]\n"
    text = "["
    try:
        for start in range(0, len(refs), _ITEMS_PER_CHUNK):
            text += ",\n" if start else "\n"
            text += ",\n".join(map(_item_text, refs[start : start + _ITEMS_PER_CHUNK]))
    finally:
        _name_text.cache_clear()
        _date_text.cache_clear()
    text += "\n]\n"
    return text


# ----------------------------------------------------------------------------- checking
#
# Our own statement of the CSL 1.0.2 input model (what csl-data.json says), so
# a bad item is reported as "item 3, line 40, issued: ..." before it is read.

CSL_TYPES = frozenset("""
    article article-journal article-magazine article-newspaper bill book broadcast chapter classic
    collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing
    interview legal_case legislation manuscript map motion_picture musical_score pamphlet
    paper-conference patent performance periodical personal_communication post post-weblog regulation
    report review review-book software song speech standard thesis treaty webpage""".split())
_KNOWN = frozenset({"id", "citation-key", "type", "author", "keyword", "custom", *FIELDS.values(), *DATES.values()})
_CSL_VARIABLES = NAME_VARIABLES | DATE_VARIABLES | NUMBER_VARIABLES | STRING_VARIABLES
_NAME_STRING_PARTS = frozenset(NAME_PARTS.values())
_MORE_NAME_VARIABLES = NAME_VARIABLES - {"author"}
_NAME_FLAG_PARTS = frozenset(("comma-suffix", "static-ordering", "parse-names"))


def check_item(item: Any) -> list[tuple[str, str, str]]:
    """Problems with one CSL-JSON item: ``(field, message, severity)``.

    ``error`` means the item cannot be read as given; ``warning`` means it can
    (a missing ``id`` is generated, an unknown field is kept in ``extra``).

    >>> check_item({"id": "a", "type": "post-weblog", "issued": {"date-parts": [[2022, 13]]}})
    [('issued', 'month 13 is not 1-12 (or a season, 21-24)', 'error')]
    """
    if not isinstance(item, dict):
        return [("", f"an item must be a JSON object, not {type(item).__name__}", "error")]
    found: list[tuple[str, str, str]] = []
    if "id" not in item and "citation-key" not in item:
        found.append(("id", "no id (one is generated)", "warning"))
    kind = item.get("type")
    if kind is None:
        found.append(("type", "no type (read as post-weblog)", "warning"))
    elif not isinstance(kind, str) or kind not in CSL_TYPES:
        found.append(("type", f"{kind!r} is not a CSL type (e.g. post-weblog, webpage, article-journal)", "error"))
    unknown = []
    for key, value in item.items():
        if key in NAME_VARIABLES:
            found.extend((key, m, "error") for m in _check_names(value))
        elif key in DATE_VARIABLES:
            found.extend((key, m, "error") for m in _check_date(value))
        elif key in NUMBER_VARIABLES:
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                found.append((key, f"must be a string or a number, not {type(value).__name__}", "error"))
        elif key in STRING_VARIABLES:
            if not isinstance(value, str):
                severity = "warning" if isinstance(value, (int, float)) and not isinstance(value, bool) else "error"
                found.append((key, f"must be a string, not {type(value).__name__}", severity))
        elif key == "categories":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                found.append((key, "must be a list of strings", "error"))
        elif key == "custom":
            if not isinstance(value, dict):
                found.append((key, "must be an object", "error"))
        elif key not in ("type", "id"):
            unknown.append(key)
    if unknown:
        found.append((unknown[0], f"not a CSL variable, kept in extra: {', '.join(unknown)}", "warning"))
    return found


def _check_names(value: Any) -> list[str]:
    if not isinstance(value, list):
        return [f"must be a list of names, not {type(value).__name__}"]
    problems = []
    for n, name in enumerate(value, start=1):
        if isinstance(name, str):
            continue  # read leniently: parsed like a byline name
        if not isinstance(name, dict):
            problems.append(f"name {n} must be an object with family/given or literal")
            continue
        for part, part_value in name.items():
            if part in _NAME_STRING_PARTS and not isinstance(part_value, str):
                problems.append(f"name {n}: {part} must be a string")
            elif part not in _NAME_STRING_PARTS and part not in _NAME_FLAG_PARTS:
                problems.append(f"name {n}: unknown name part {part!r}")
        if not any(isinstance(name.get(p), str) and name.get(p).strip() for p in ("family", "literal", "given")):
            problems.append(f"name {n} has no family, given or literal part")
    return problems


def _check_date(value: Any) -> list[str]:
    if isinstance(value, str):
        return []  # an EDTF / ISO string: parsed leniently
    if not isinstance(value, dict):
        return [f"must be an object with date-parts, not {type(value).__name__}"]
    problems = [f"unknown date property {k!r}" for k in value
                if k not in ("date-parts", "season", "circa", "literal", "raw")]
    parts = value.get("date-parts")
    if parts is None:
        if not any(isinstance(value.get(k), str) for k in ("literal", "raw")):
            problems.append("needs date-parts, raw or literal")
        return problems
    if not isinstance(parts, list) or not 1 <= len(parts) <= 2 or not all(isinstance(p, list) for p in parts):
        return problems + ["date-parts must be a list of one or two lists, e.g. [[2022, 7, 15]]"]
    for p in parts:
        if not p and parts[0] is p:
            continue  # [[]]: no date (a literal may say it)
        if not 1 <= len(p) <= 3:
            problems.append("each date-parts list has 1 to 3 parts (year, month, day)")
            continue
        numbers = []
        for part in p:
            if isinstance(part, bool) or not isinstance(part, (int, str)) or not str(part).strip().lstrip("-").isdigit():
                problems.append(f"date part {part!r} is not a whole number")
                break
            numbers.append(int(part))
        else:
            if len(numbers) > 1 and not (1 <= numbers[1] <= 12 or 21 <= numbers[1] <= 24 and len(numbers) == 2):
                problems.append(f"month {numbers[1]} is not 1-12 (or a season, 21-24)")
            elif len(numbers) == 3:
                try:
                    Date(*numbers)
                except ValueError as exc:
                    problems.append(str(exc))
    return problems


def _field_line(text: str, start_line: int | None, field: str, line_offsets: list[int] | None = None,
                end_line: int | None = None) -> int | None:
    """The line of ``"field":`` in the item from ``start_line`` to ``end_line`` (for messages).

    ``line_offsets`` says where each line starts (computed once per document).
    """
    if start_line is None or not field:
        return start_line
    if line_offsets is None:
        line_offsets = _line_offsets(text)
    offset = line_offsets[min(start_line, len(line_offsets)) - 1]
    end = line_offsets[end_line - 1] if end_line is not None and end_line <= len(line_offsets) else len(text)
    m = re.compile(r'"' + re.escape(field) + r'"\s*:').search(text, offset, max(end, offset))
    return bisect.bisect_right(line_offsets, m.start()) if m else start_line


def _line_offsets(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


# ----------------------------------------------------------------------------- reading


class _ItemError(ValueError):
    pass


def _int_part(value: Any, field: str) -> int:
    # CSL allows numbers or numeric strings in date-parts; a negative year is before the common era.
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _ItemError(f"{field}: a date part must be a number, not {_kind(value)}")
    if isinstance(value, str):
        digits = value.strip().removeprefix("-")
        if not digits.isdecimal() or len(digits) > 9:
            raise _ItemError(f"{field}: a date part must be a number: {shorten(value)!r}")
        return int(value)
    return value


def _date_of_parts(parts: list[Any], field: str, season: int | None = None, circa: bool = False,
                   literal: str | None = None, end: Date | None = None) -> Date:
    numbers = [_int_part(p, field) for p in parts[:3]]
    year, month, day = (numbers + [None, None])[:3]
    if month is not None and 21 <= month <= 24:  # a season written as a month
        season, month = month - 20, None
    try:
        return Date(year, month, day, season=season, circa=circa, literal=literal, end=end)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise _ItemError(f"{field}: {exc}") from None


def _season(value: Any, field: str) -> int | str | None:
    """1-4 (or 21-24, or a season's English name), else a text CSL prints as given."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().casefold() in SEASONS:
        return SEASONS[value.strip().casefold()]
    if isinstance(value, str) and not value.strip().isdecimal():
        return value
    number = _int_part(value, field)
    if 1 <= number <= 4 or 21 <= number <= 24:
        return number % 20
    raise _ItemError(f"{field}: season {value!r} is not 1-4 or a season's name")


def _parsed_date(text: str, field: str, circa: bool = False) -> Date:
    """A date written as text; text with no date's shape is a literal-only date (CSL prints it as it is)."""
    from ..dates import DateError, NotADate, parse_date

    try:
        return parse_date(text)
    except NotADate:
        return Date(literal=text, circa=circa)
    except DateError as exc:
        raise _ItemError(f"{field}: {exc}") from None


def _date(value: Any, field: str) -> Date | None:
    if value is None:
        return None
    if isinstance(value, dict):
        parts = value.get("date-parts")
        circa = value.get("circa") not in (None, False, 0, "", "0", "false")
        literal = _text(value.get("literal"), f"{field} literal")
        if parts and parts[0]:
            if not isinstance(parts, list) or not all(isinstance(p, list) for p in parts) or len(parts) > 2:
                raise _ItemError(f"{field}: date-parts must be a list of lists of numbers, as [[2022, 7, 15]]")
            end = _date_of_parts(parts[1], field) if len(parts) == 2 and parts[1] else None
            if end is not None and end.parts() == _date_of_parts(parts[0], field).parts():
                end = None  # [[2020], [2020]]: one year, as citeproc-js reads it
            season = _season(value.get("season"), field)
            return _date_of_parts(parts[0], field, season, circa, literal, end)
        text = _text(value.get("raw"), f"{field} raw") or literal
        if not text or not text.strip():
            return None
        return _parsed_date(text, field, circa)
    if isinstance(value, str):
        return _parsed_date(value, field) if value.strip() else None
    raise _ItemError(f"{field}: not a date: {shorten(repr(value))}")


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", bool: "true/false", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _text(value: Any, field: str) -> str | None:
    """A text field: a string, or a number (CSL allows numbers in some text fields)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _ItemError(f"{field}: expected text, got {_kind(value)}")
    return str(value)


def _flag(value: Any) -> bool:
    return value not in (None, False, 0, "", "0", "false")


def _name(value: Any, field: str = "author") -> Name:
    if isinstance(value, str):
        from ..names import parse_name

        return parse_name(value)
    if not isinstance(value, dict):
        raise _ItemError(f"{field}: not a name: {shorten(repr(value))}")
    parts = {attr: _text(value.get(csl), f"{field} {csl}") for attr, csl in NAME_PARTS.items()}
    flags = {attr: _flag(value.get(csl)) for attr, csl in NAME_FLAGS.items()}
    if parts["literal"] is None and parts["family"] is None and not parts["given"]:
        raise _ItemError(f"{field}: a name needs family, given or literal: {shorten(repr(value))}")
    if parts["literal"] is not None and parts["family"] is not None:
        parts["literal"] = None
    if parts["literal"] is not None:
        return Name(literal=parts["literal"])
    return Name(**parts, **flags)


def _names(value: Any, field: str) -> tuple[Name, ...]:
    if not value:
        return ()
    if not isinstance(value, (list, tuple)):
        raise _ItemError(f"{field}: expected an array of names, got {_kind(value)}")
    return tuple(_name(n, field) for n in value)


def _variables(item: dict[str, Any]) -> dict[str, tuple[Name, ...] | Date | str]:
    """The CSL variables of ``item`` the model keeps in ``Reference.variables``."""
    found: dict[str, tuple[Name, ...] | Date | str] = {}
    for key, value in item.items():
        if key in _KNOWN:
            continue
        if key in NAME_VARIABLES:
            found[key] = _names(value, key)
        elif key in DATE_VARIABLES:
            found[key] = _date(value, key)  # type: ignore[assignment]
        elif key in NUMBER_VARIABLES or key in STRING_VARIABLES:
            found[key] = _text(value, key)  # type: ignore[assignment]
    return {k: v for k, v in found.items() if v}


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
    more_names = custom.get(MORE_NAMES)
    if isinstance(more_names, list) and all(isinstance(v, str) for v in more_names) \
            and set(more_names) <= _MORE_NAME_VARIABLES:
        del custom[MORE_NAMES]
    else:
        more_names = ()  # not ours: kept in extra
    extra = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
             for k, v in item.items() if k not in _KNOWN and k not in _CSL_VARIABLES}
    extra.update({k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in custom.items()})
    keyword = _text(item.get("keyword"), "keyword") or ""
    fields = {attr: _text(item.get(csl), csl) for attr, csl in FIELDS.items()}
    return Reference(
        id=_text(item.get("citation-key"), "citation-key") or _text(item.get("id"), "id") or "",
        type=_text(item.get("type"), "type") or "post-weblog",
        author=_names(item.get("author"), "author"),
        more_authors=more,
        issued=_date(item.get("issued"), "issued"),
        accessed=_date(item.get("accessed"), "accessed"),
        keyword=tuple(k.strip() for k in keyword.split(",") if k.strip()),
        variables=_variables(item),
        more_names=tuple(more_names),
        extra=tuple(sorted(extra.items())),
        origin=origin,
        **fields,
    )


def _line_of_items(text: str) -> list[int]:
    """Line number where each top-level array element starts (for messages).

    ``text`` is known to hold a valid JSON array (it was parsed already): the C decoder skips
    each element, so only the gaps between elements are looked at in Python.
    """
    decode = json.JSONDecoder().raw_decode
    lines, line, counted = [], 1, 0
    pos = _JSON_SPACE.match(text, 0).end() + 1  # past the opening "["
    while True:
        pos = _JSON_SPACE.match(text, pos).end()
        if pos >= len(text) or text[pos] == "]":
            return lines
        line += text.count("\n", counted, pos)
        counted = pos
        lines.append(line)
        _, pos = decode(text, pos)
        pos = _JSON_SPACE.match(text, pos).end()
        if pos >= len(text) or text[pos] != ",":
            return lines
        pos += 1


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


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
    offsets: list[int] | None = None
    for i, item in enumerate(data):
        line = starts[i] if i < len(starts) else None
        end_line = starts[i + 1] if i + 1 < len(starts) else None
        diag.stats.read += 1
        problems = check_item(item)
        if problems and offsets is None:
            offsets = _line_offsets(text)
        for field, message, severity in problems:
            where = _field_line(text, line, field, offsets, end_line)
            label = f"item {i + 1}" + (f", {field}" if field else "")
            if severity == "warning":
                diag.warn(source, where, f"{label}: {message}")
        errors = [(f, m) for f, m, sev in problems if sev == "error"]
        if errors:
            field, message = errors[0]
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            diag.error(source, _field_line(text, line, field, offsets, end_line), f"item {i + 1}, {field}: {message}{more}")
            continue
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

