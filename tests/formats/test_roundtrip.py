"""read(write(refs)) == refs for every format blogbib both reads and writes,
up to what the format cannot carry (formats.CAPABILITIES / formats.carried)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from blogbib.errors import Diagnostics
from blogbib.formats import CAPABILITIES, FORMATS, ReadOptions, WriteOptions, capabilities_table, carried, get
from blogbib.model import Date, Name, Reference, replace

from ..strategies import csl_dates, dates, literal_dates, names, optional, references, variables, with_more_names
from ..depth import fuzz_test

EXAMPLES = 150
ROUND_TRIP_FORMATS = sorted(f.name for f in FORMATS if f.can_read and f.can_write)

# Text people put in titles and excerpts, including LaTeX specials, typed TeX
# ligatures, accents and non-Latin scripts.
SPECIALS = st.sampled_from(list("&%$#_{}~^\\\"'`-") + ["--", "''", "``", "---", " and ", "\\url{x}", "{GANs}"])
CHARS = st.characters(blacklist_categories=("Cs", "Cc"))
TEXT = st.lists(st.one_of(st.text(CHARS, max_size=6), SPECIALS, st.sampled_from(["Émile", "über", "Łódź", "日本語"])),
                max_size=8).map("".join)
# --ascii writes typographic quotes as ' and `, which read back as ASCII (stated in CAPABILITIES).
ASCII_SAFE_TEXT = TEXT.filter(lambda t: not any(c in t for c in "’‘“”„"))

WORD = st.from_regex(r"[A-ZÉÖŁ][a-zéüßł]{1,7}", fullmatch=True)
WORDS = WORD | st.builds(lambda a, b: f"{a} {b}", WORD, WORD)
NAMES = names(family=WORDS, literal=st.from_regex(r"[A-Za-z][a-z]{2,8}( [A-Z][a-z]{2,8}){0,2}", fullmatch=True),
              given=optional(WORDS), particle=st.sampled_from([None, None, "van", "de la", "von"]),
              dropping=st.sampled_from([None, None, "d'"]), suffix=st.sampled_from([None, None, "Jr.", "III"]),
              family_alone=WORD, literals=1 / 6, mononyms=1 / 8)  # a two-word family alone reads back as a literal
FLAGGED_NAMES = st.builds(lambda n, comma, static: n if n.literal else replace(n, comma_suffix=comma,
                                                                                 static_ordering=static),
                          NAMES, st.booleans(), st.booleans())
CLOCK = st.from_regex(r"(0\d|1\d|2[0-3]):[0-5]\d:[0-5]\d[+-](0\d|1[0-2]):(00|30)", fullmatch=True)
TYPES = ["post-weblog", "post", "webpage", "article-journal", "article-magazine", "book", "chapter",
         "paper-conference", "report", "thesis", "software", "dataset", "document", "manuscript"]
EXTRA_KEYS = st.one_of(st.from_regex(r"bibtex:x[a-z]{2,6}", fullmatch=True),
                       st.from_regex(r"zz[a-z]{1,6}", fullmatch=True))


def posts(text: st.SearchStrategy[str] = TEXT) -> st.SearchStrategy[Reference]:
    return with_more_names(references(
        id=st.from_regex(r"[a-z][a-z0-9]{0,11}", fullmatch=True),
        type=st.sampled_from(TYPES),
        title=optional(text),
        author=st.lists(NAMES, max_size=4).map(tuple),
        more_authors=st.booleans(),
        issued=optional(dates(st.integers(1000, 2100), times=optional(CLOCK)) | literal_dates(text)),
        accessed=optional(dates(st.integers(1000, 2100)) | literal_dates(text)),
        container_title=optional(text),
        url=optional(st.from_regex(r"https?://[a-z]{1,10}\.(org|com)/[A-Za-z0-9/_.-]{0,20}", fullmatch=True)),
        abstract=optional(text),
        keyword=st.lists(st.from_regex(r"[a-z]{1,8}( [a-z]{1,8})?", fullmatch=True), max_size=3, unique=True).map(tuple),
        note=optional(text),
        language=st.sampled_from([None, "en", "en-US", "de"]),
        variables=variables(FLAGGED_NAMES, text,
                            csl_dates(literal=optional(text.filter(lambda t: t.strip()))) | literal_dates(text)),
        extra=st.dictionaries(EXTRA_KEYS, text.filter(lambda t: t.strip()), max_size=2).map(
            lambda d: tuple(sorted(d.items()))),
    ))


def _unique_ids(refs: list[Reference]) -> list[Reference]:
    from dataclasses import replace

    return [replace(r, id=f"{r.id}{i}") for i, r in enumerate(refs)]


def _nfc(value):
    """``value`` with every string in it in Unicode's composed form (NFC)."""
    import dataclasses
    import unicodedata

    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, tuple):
        return tuple(_nfc(v) for v in value)
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{f.name: _nfc(getattr(value, f.name)) for f in dataclasses.fields(value)
                                             if f.init and f.name != "origin"})
    return value


def _round_trip(fmt: str, refs: list[Reference], options: WriteOptions) -> None:
    written = get(fmt).write(refs, options)
    diag = Diagnostics(strict=True)
    back = get(fmt).read(written, source=f"<{fmt}>", diag=diag, options=ReadOptions())
    expected = [carried(r, fmt) for r in refs]
    if fmt in ("bibtex", "biblatex"):
        expected = [_nfc(r) for r in expected]  # .bib text is NFC: pdflatex cannot typeset decomposed accents
    assert len(back) == len(expected), written
    for got, want in zip(back, expected):
        assert got == want, f"\n{written}\n got: {got}\nwant: {want}"
    assert diag.stats.read == len(refs) and diag.stats.skipped == 0


@pytest.mark.parametrize("fmt", ROUND_TRIP_FORMATS)
@fuzz_test(settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]),
           refs=st.lists(posts(), min_size=1, max_size=4))
def test_round_trip_150_examples(fmt: str, refs: list[Reference]) -> None:
    _round_trip(fmt, _unique_ids(refs), WriteOptions())


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
@pytest.mark.parametrize("profile", ["plain", "natbib", "urlbst", "acm"])
@fuzz_test(settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]),
           refs=st.lists(posts(ASCII_SAFE_TEXT), min_size=1, max_size=3), ascii=st.booleans())
def test_bibtex_round_trip_every_profile_40_examples(fmt: str, profile: str, refs: list[Reference], ascii: bool) -> None:
    _round_trip(fmt, _unique_ids(refs), WriteOptions(ascii=ascii, bibtex_profile=profile))


def test_capabilities_cover_every_round_trip_format() -> None:
    assert sorted(CAPABILITIES) == ROUND_TRIP_FORMATS
    table = capabilities_table()
    for fmt in ROUND_TRIP_FORMATS:
        assert f"| {fmt} |" in table


def test_carried_is_not_the_identity_where_a_format_loses_something() -> None:
    # Guards the projection itself: if it kept everything, the round-trip tests would prove little.
    ref = Reference(id="a", title="A  title", issued=Date(2017, 7, 6, "23:00:00-07:00"), more_authors=True,
                    author=(Name(family="Plato"),), extra=(("zz", "kept?"),))
    assert carried(ref, "csl-json").issued == Date(2017, 7, 6)
    assert carried(ref, "csl-json").extra == (("zz", "kept?"),)
    assert carried(ref, "bibtex").extra == () and carried(ref, "bibtex").title == "A title"
    ris = carried(ref, "ris")
    assert ris.author == (Name(literal="Plato"),) and ris.more_authors is False


def test_offconvex_listing_round_trips_through_every_format(offconvex) -> None:
    refs = list(offconvex)
    for fmt in ROUND_TRIP_FORMATS:
        _round_trip(fmt, refs, WriteOptions())


def test_docs_table_is_current() -> None:
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "docs" / "round-trips.md"
    assert capabilities_table() in page.read_text(encoding="utf-8")


def test_ris_capability_names_the_variables_of_its_tag_table() -> None:
    from blogbib.formats.ris import VARIABLE_TAGS

    assert CAPABILITIES["ris"].variables == {variable for _, variable, _ in VARIABLE_TAGS}
