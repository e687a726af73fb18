"""Keys as the plain, uncompiled algorithm gives them, on generated references (hypothesis).

``keys.py`` compiles a pattern into field functions, takes a title's first
word without folding the whole title when it can, caches author words, and
copies a Reference slot by slot.  The reference implementation below does none
of that: it expands every field, folds and cleans every value and the whole key,
and builds new References with ``dataclasses.replace``.  Both must agree.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogbib import keys
from blogbib.keys import STOP_WORDS, assign_keys, make_key, safe_key
from blogbib.text import ascii_fold
from blogbib.model import Date, Draft, Name, Origin, Reference

from ..strategies import dates, names, optional, references

_FIELD = re.compile(r"\{(\w+)\}")
_WORD = re.compile(r"[\w'’-]+")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")
_NOT_KEY = re.compile(r"[^A-Za-z0-9_:.+/-]")


def _plain_words(text):
    for m in _WORD.finditer(ascii_fold(text or "")):
        if m[0].strip("-'’"):
            yield m[0].split("-")[0]


def _plain_significant(text, count):
    picked = []
    for word in _plain_words(text):
        clean = _NOT_ALNUM.sub("", word)
        if clean and clean.lower() not in STOP_WORDS:
            picked.append(clean)
        if len(picked) == count:
            break
    return "".join(picked)


def _plain_family(ref, index):
    if index >= len(ref.author):
        return ""
    name = ref.author[index]
    if name.literal is not None:
        return _plain_significant(name.literal, 1) or name.literal.strip()
    return name.family


def _plain_date(ref, fmt, missing):
    return fmt(ref.issued) if ref.issued else missing


_PLAIN_FIELDS = {
    "auth": lambda r: _plain_family(r, 0) or _plain_significant(r.container_title, 1) or "anon",
    "authors": lambda r: "".join(_plain_family(r, i) for i in range(3)) or "anon",
    "year": lambda r: _plain_date(r, lambda d: str(d.year), "nd"),
    "shortyear": lambda r: _plain_date(r, lambda d: f"{d.year % 100:02d}", "nd"),
    "month": lambda r: _plain_date(r, lambda d: f"{d.month:02d}" if d.month else "", ""),
    "day": lambda r: _plain_date(r, lambda d: f"{d.day:02d}" if d.day else "", ""),
    "title": lambda r: _plain_significant(r.title, 1),
    "shorttitle": lambda r: _plain_significant(r.title, 3),
    "blog": lambda r: _plain_significant(r.container_title, 1),
}


def plain_make_key(ref, pattern):
    def expand(m):
        value = _NOT_ALNUM.sub("", ascii_fold(_PLAIN_FIELDS[m[1].lower()](ref)))
        return value if m[1][0].isupper() else value.lower()

    return _NOT_KEY.sub("", _FIELD.sub(expand, pattern)) or "ref"


def _suffix(n):
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def plain_assign_keys(refs, pattern=None):
    wanted = [
        safe_key(r.id) if r.id and safe_key(r.id) and pattern is None
        else plain_make_key(r, pattern or keys.DEFAULT_PATTERN)
        for r in refs
    ]
    first = {}  # key → where it first occurs: that reference keeps it bare
    for i, key in enumerate(wanted):
        first.setdefault(key, i)
    wanted_set = set(wanted)
    used: set[str] = set()
    out = []
    for i, (ref, base) in enumerate(zip(refs, wanted)):
        key, n = base, 1
        if first[base] != i or key in used:
            while key in used or (key != base and key in wanted_set):
                key, n = base + _suffix(n), n + 1
        used.add(key)
        out.append(dataclasses.replace(ref, id=key))
    return out


# Words that exercise every branch: stop words in any case, hyphens and
# apostrophes at either end, underscores, digits, non-ASCII letters and
# punctuation that folds to word characters (– → -, ’ → ') or to nothing.
WORDS = ["How", "the", "A", "IS", "of", "Escape", "Ultra-Wide", "-Wide", "don't", "’tis", "'", "-", "--",
         "snake_case", "_", "GPT-4", "2017", "x86", "Żółć", "Łódź", "Gödel", "Fokker–Planck", "naïve",
         "“quoted”", "(note)", "Why?", "日本語", "Ελλάδα", "🙂", "ǅ", "ﬁne", "café-au-lait", "a.b", "x/y"]
SPACES = [" ", " ", " ", "  ", "\t", "\u00a0", "\u2003", "\n", "\x1c", ""]


@st.composite
def texts(draw):
    words = draw(st.lists(st.sampled_from(WORDS) | st.text(max_size=4), max_size=6))
    out = draw(st.sampled_from(["", "", " ", "\t"]))
    for word in words:
        out += word + draw(st.sampled_from(SPACES))
    return out


def posts() -> st.SearchStrategy[Reference]:
    family = st.sampled_from(["Jin", "van Rossum", "Nguyễn", "Ø", "—", "O'Neil", "", "李"]) | texts()
    return references(
        id=st.sampled_from(["", "", "", "jin2017escape", "jin2017escapea", "doe,{x}", "müller:2020", "@"]),
        title=optional(texts()),
        author=st.lists(names(family=family, literal=texts(), given=st.just("X")), max_size=4).map(tuple),
        issued=optional(dates()),
        container_title=optional(texts()),
    )


patterns = st.lists(
    st.sampled_from(sorted(keys._FIELDS)).map(lambda f: "{" + f + "}")
    | st.sampled_from(sorted(keys._FIELDS)).map(lambda f: "{" + f.capitalize() + "}")
    | st.sampled_from(["-", ":", "_", "X", " ", "{", "}", "{x", "é", "@"]),
    min_size=1, max_size=5,
).map("".join).filter(lambda p: all(name.lower() in keys._FIELDS for name in _FIELD.findall(p)))


@settings(max_examples=400, deadline=None)
@given(posts(), patterns)
def test_make_key_agrees_with_the_plain_algorithm(ref, pattern):
    assert make_key(ref, pattern) == plain_make_key(ref, pattern)
    assert make_key(ref) == plain_make_key(ref, keys.DEFAULT_PATTERN)


@settings(max_examples=200, deadline=None)
@given(st.lists(posts(), max_size=30), st.none() | patterns)
def test_assign_keys_agrees_with_the_plain_algorithm(refs, pattern):
    got = assign_keys(refs, pattern)
    want = plain_assign_keys(refs, pattern)
    assert [r.id for r in got] == [r.id for r in want]
    assert got == want


@settings(max_examples=200, deadline=None)
@given(st.lists(posts(), max_size=30), st.none() | patterns)
def test_assign_keys_changes_no_reference_it_is_given(refs, pattern):
    before = [(r.id, dataclasses.astuple(r)) for r in refs]
    assign_keys(refs, pattern)
    assert [(r.id, dataclasses.astuple(r)) for r in refs] == before


def test_one_object_listed_twice_takes_two_keys_in_two_copies():
    post = Reference(title="Escape Saddle Points", author=(Name(family="Jin", given="C"),), issued=Date(2017))
    got = assign_keys([post, post])
    assert [r.id for r in got] == ["jin2017escape", "jin2017escapea"]
    assert post.id == ""


def test_assign_keys_agrees_on_many_clashes():
    # Few authors, years and title words: long runs of suffixes, and generated
    # keys that would collide with keys given as they are.
    refs = []
    for i in range(3000):
        title = ["Escape", "Escapea", "Saddle", "Points"][i % 4] + " " + str(i)
        given = "jin2017escape" + keys._suffix(i % 7) if i % 11 == 0 else ""
        refs.append(Reference(id=given, title=title, author=(Name(family="Jin", given="C"),),
                              issued=Date(2017 + i % 2)))
    assert [r.id for r in assign_keys(refs)] == [r.id for r in plain_assign_keys(refs)]


@pytest.mark.parametrize("kind", [Reference, Draft])
def test_a_keyed_reference_has_every_field_including_those_outside_equality(kind):
    ref = kind(
        id="old", type="article", title="T", author=(Name(family="F"),), more_authors=True,
        issued=Date(2020, 1, 2), accessed=Date(2021), container_title="B", url="u", abstract="a",
        keyword=("k",), note="n", language="en", extra=(("x", "y"),), origin=Origin("src", 3),
    )
    [new] = assign_keys([ref], "{auth}")
    want = Reference(**{f.name: getattr(ref, f.name) for f in dataclasses.fields(Reference)} | {"id": "f"})
    assert type(new) is Reference
    for field in dataclasses.fields(Reference):
        assert getattr(new, field.name) == getattr(want, field.name), field.name
    assert ref.id == "old"
    assert new.id == "f" and new.origin == Origin("src", 3)


KEY_TEXTS = st.sampled_from(["", "a", "jin2017escape", "müller:2020", "doe,{x}", "a b", "x" * 200, "x" * 201,
                             "日本", "k\n", "a/b+c.d_e-f", "ǅ"]) | st.text(max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(KEY_TEXTS, max_size=6))
def test_keys_final_is_the_plain_test(ids):
    refs = [Reference(id=key) for key in ids]
    plain = all(ids) and len(set(ids)) == len(ids) and all(safe_key(key) == key for key in ids)
    assert keys._keys_final(refs) == plain
