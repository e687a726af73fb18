"""Keys as the plain, uncompiled algorithm gives them, on generated references (hypothesis).

``keys.py`` compiles a pattern into field functions, takes a title's first
word without folding the whole title when it can, caches author words, sorts
only when keys clash (and compares URLs and titles only among same-day
references), indexes pinned entries, resumes suffix searches and copies a
Reference slot by slot.  The reference implementation below does none of
that: it expands every field, folds and cleans every value and the whole key,
sorts every reference by its full age, tries every pinned entry, and builds new
References with ``dataclasses.replace``.  Both must agree.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import settings
from hypothesis import strategies as st

from blogbib import keys
from blogbib.keys import STOP_WORDS, assign_keys, make_key, safe_key
from blogbib.merge import same_post
from blogbib.model import Date, Draft, Name, Origin, Reference
from blogbib.text import ascii_fold, fold
from blogbib.urls import match_key

from ..strategies import dates, names, optional, references
from ..depth import fuzz_test

_FIELD = re.compile(r"\{(\w+)(?:\|([^{}|]*))?\}")
_WORD = re.compile(r"[\w'’-]+")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")
_NOT_KEY = re.compile(r"[^A-Za-z0-9_:.+/-]")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]+")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}


def _plain_words(text):
    text = _CJK.sub(lambda m: " " + m[0][:4] + " ", text or "")
    words = []
    for m in _WORD.finditer(ascii_fold(text)):
        clean = _NOT_ALNUM.sub("", m[0].split("-")[0])
        if clean:
            words.append(clean)
    return words


def _year(word):
    return len(word) == 4 and word.isdigit() and 1500 <= int(word) <= 2999


def _plain_significant(text, count, skip=0):
    words = _plain_words(text)
    picked = []
    for i, word in enumerate(words):
        if word.lower() in STOP_WORDS:
            if word.lower() in MONTHS and i + 1 < len(words) and _year(words[i + 1]):
                picked.append(word)
        elif picked or not _year(word):
            picked.append(word)
    return "".join(picked[skip:skip + count])


def _plain_family(ref, index):
    if index >= len(ref.author):
        return ""
    name = ref.author[index]
    if name.literal is not None:
        return _plain_significant(name.literal, 1) or name.literal.strip()
    return name.family


def _clean(value):
    return _NOT_ALNUM.sub("", ascii_fold(value))


def _no_author(ref):
    return not ref.author or not _clean(_plain_family(ref, 0))


def _plain_auth(count):
    def value(ref, takes_title, explicit):
        if _no_author(ref):
            return "" if explicit else _clean(_plain_significant(ref.title, 1)) or "anon"
        return "".join(_plain_family(ref, i) for i in range(count))
    return value


def _plain_date(part, fmt):
    def value(ref, takes_title, explicit):
        number = getattr(ref.issued, part) if ref.issued else None
        return fmt(number) if number is not None else ""
    return value


def _plain_title(count):
    return lambda ref, takes_title, explicit: _plain_significant(
        ref.title, count, 1 if takes_title and _no_author(ref) else 0)


_PLAIN_FIELDS = {
    "auth": _plain_auth(1),
    "authors": _plain_auth(3),
    "year": _plain_date("year", str),
    "shortyear": _plain_date("year", lambda y: f"{y % 100:02d}"),
    "month": _plain_date("month", lambda m: f"{m:02d}"),
    "day": _plain_date("day", lambda d: f"{d:02d}"),
    "title": _plain_title(1),
    "shorttitle": _plain_title(3),
    "blog": lambda ref, takes_title, explicit: _plain_significant(ref.container_title, 1),
}


def plain_make_key(ref, pattern):
    takes_title = any(m[1].lower() in ("auth", "authors") and not _NOT_KEY.sub("", m[2] or "")
                      for m in _FIELD.finditer(pattern))

    def expand(m):
        fallback = _NOT_KEY.sub("", m[2] or "")
        value = _clean(_PLAIN_FIELDS[m[1].lower()](ref, takes_title, bool(fallback)))
        value = value if m[1][0].isupper() else value.lower()
        return value or fallback

    return _NOT_KEY.sub("", _FIELD.sub(expand, pattern))[:40] or "ref"


def _suffix(n):
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def plain_age(ref, wanted=""):
    content = tuple(getattr(ref, f.name) for f in dataclasses.fields(Reference) if f.name not in ("id", "origin"))
    return (ref.issued is None, ref.issued.sort_key() if ref.issued else (0, 0, 0), wanted,
            match_key(ref.url) or "", fold(ref.title or ""), repr(content))


def plain_assign_keys(refs, pattern=None, pinned=()):
    """Oldest first: pinned keys, then the keys sources give, then generated ones, each free or suffixed."""
    order = sorted(range(len(refs)), key=lambda i: plain_age(refs[i]))  # for pins: by day, URL, title
    reserved = {safe_key(p.id) for p in pinned if safe_key(p.id)}
    pins, taken = {}, set()
    for i in order:
        url = [n for n, p in enumerate(pinned) if safe_key(p.id) and match_key(p.url)
               and match_key(p.url) == match_key(refs[i].url)]
        rest = [n for n, p in enumerate(pinned) if safe_key(p.id)]
        for n in url + rest:
            if n not in taken and same_post(refs[i], pinned[n]):
                taken.add(n)
                pins[i] = safe_key(pinned[n].id)
                break
    given = {i: safe_key(r.id) for i, r in enumerate(refs) if pattern is None and r.id and safe_key(r.id)}
    given.update(pins)
    wanted = [given.get(i) or plain_make_key(r, pattern or keys.DEFAULT_PATTERN) for i, r in enumerate(refs)]
    order = sorted(range(len(refs)), key=lambda i: plain_age(refs[i], wanted[i]))
    used = set(reserved)
    chosen = dict(pins)
    for i in order:
        if i not in chosen and i in given and given[i] not in used:
            chosen[i] = given[i]
            used.add(given[i])
    for i in order:
        if i in chosen:
            continue
        base = wanted[i]
        key, n = base, 1
        while key in used:
            key, n = base + _suffix(n), n + 1
        used.add(key)
        chosen[i] = key
    return [dataclasses.replace(ref, id=chosen[i]) for i, ref in enumerate(refs)]


# Words that exercise every branch: stop words in any case, hyphens and
# apostrophes at either end, underscores, digits, non-ASCII letters and
# punctuation that folds to word characters (– → -, ’ → ') or to nothing.
WORDS = ["How", "the", "A", "IS", "of", "Escape", "Ultra-Wide", "-Wide", "don't", "’tis", "'", "-", "--",
         "snake_case", "_", "GPT-4", "2017", "x86", "Żółć", "Łódź", "Gödel", "Fokker–Planck", "naïve",
         "“quoted”", "(note)", "Why?", "日本語", "Ελλάδα", "🙂", "ǅ", "ﬁne", "café-au-lait", "a.b", "x/y",
         "May", "may", "1984", "2020s", "深度学习的理论与实践", "機械学習の基礎", "딥러닝", "Pneumonoultramicroscopic"]
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
    | st.sampled_from(["-", ":", "_", "X", " ", "{", "}", "{x", "é", "@", "{auth|anon}", "{year|nd}",
                       "{Title|Z}", "{authors|-}", "{auth|@}", "{day|}"]),
    min_size=1, max_size=5,
).map("".join).filter(lambda p: all(m[1].lower() in keys._FIELDS for m in _FIELD.finditer(p)))


@fuzz_test(settings(max_examples=400, deadline=None), posts(), patterns)
def test_make_key_agrees_with_the_plain_algorithm(ref, pattern):
    assert make_key(ref, pattern) == plain_make_key(ref, pattern)
    assert make_key(ref) == plain_make_key(ref, keys.DEFAULT_PATTERN)


@fuzz_test(settings(max_examples=200, deadline=None), st.lists(posts(), max_size=30), st.none() | patterns)
def test_assign_keys_agrees_with_the_plain_algorithm(refs, pattern):
    got = assign_keys(refs, pattern)
    want = plain_assign_keys(refs, pattern)
    assert [r.id for r in got] == [r.id for r in want]
    assert got == want


@fuzz_test(settings(max_examples=200, deadline=None), st.lists(posts(), max_size=30), st.none() | patterns)
def test_assign_keys_changes_no_reference_it_is_given(refs, pattern):
    before = [(r.id, dataclasses.astuple(r)) for r in refs]
    assign_keys(refs, pattern)
    assert [(r.id, dataclasses.astuple(r)) for r in refs] == before


@fuzz_test(settings(max_examples=200, deadline=None), st.lists(posts(), max_size=20), st.none() | patterns, st.data())
def test_pinned_keys_agree_with_the_plain_algorithm(refs, pattern, data):
    # Pinned entries: some of the posts themselves (found by URL or title and date), some others.
    pinned = data.draw(st.lists(st.sampled_from(refs) if refs else posts(), max_size=6)
                       .map(lambda ps: [dataclasses.replace(p, id=f"pin{i}") for i, p in enumerate(ps)]))
    pinned += data.draw(st.lists(posts(), max_size=3))
    got = assign_keys(refs, pattern, pinned)
    assert [r.id for r in got] == [r.id for r in plain_assign_keys(refs, pattern, pinned)]
    assert len({r.id for r in got}) == len(got)


@fuzz_test(settings(max_examples=200, deadline=None),
           st.lists(posts().map(lambda r: dataclasses.replace(r, id="")), max_size=20), st.data())
def test_input_order_never_changes_a_key(refs, data):
    shuffled = data.draw(st.permutations(refs))

    def keyed(rs):
        return sorted((repr(dataclasses.replace(r, id="")), r.id) for r in assign_keys(rs))

    assert keyed(shuffled) == keyed(refs)


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


@fuzz_test(settings(max_examples=300, deadline=None), st.lists(KEY_TEXTS, max_size=6))
def test_keys_final_is_the_plain_test(ids):
    refs = [Reference(id=key) for key in ids]
    plain = all(ids) and len(set(ids)) == len(ids) and all(safe_key(key) == key for key in ids)
    assert keys._keys_final(refs) == plain


_KEY_PART = st.text(alphabet="abzAZ1é_", max_size=3)


@fuzz_test(settings(max_examples=300, deadline=None), st.sets(_KEY_PART, max_size=4), st.lists(_KEY_PART, max_size=6),
           st.sets(_KEY_PART, max_size=4))
def test_extending_is_the_plain_test(bases, tails, others):
    # A key extends a base when it is that base (not empty) with one or more of a-z appended.
    wanted = {base + tail for base in bases for tail in tails} | others
    plain = {key for key in wanted for base in bases
             if base and key != base and key.startswith(base) and re.fullmatch("[a-z]+", key[len(base):])}
    assert keys._extending(wanted, bases) == plain
