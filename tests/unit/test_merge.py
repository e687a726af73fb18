"""Merging several sources: the same post once, fields by a stated precedence, nothing dropped."""

from __future__ import annotations

from dataclasses import replace

import pytest

import blogbib
from blogbib import latex
from blogbib.errors import Diagnostics
from blogbib.formats import ReadOptions, get
from blogbib.merge import CONFLICT_NOTE, MERGED_FROM, PRECEDENCE, merge, merge_report, same_post
from blogbib.model import Date, Name, Origin, Reference

from ..conftest import BLOG, FIXTURES, shared_path

OFFCONVEX = "http://www.offconvex.org/"


def _read(name: str, fmt: str, **options):
    path = shared_path(FIXTURES / name)
    diag = Diagnostics()
    refs = get(fmt).read(path.read_text(encoding="utf-8"), source=name, diag=diag, options=ReadOptions(**options))
    return refs, diag


def test_index_and_listing_merge_into_the_51_posts(offconvex):
    index, _ = _read("offconvex-index.html", "html", base_url=OFFCONVEX)
    diag = Diagnostics()
    merged = merge(list(offconvex) + index, diag)
    assert len(merged) == 51 and diag.stats.merged == 51
    assert [r.title for r in merged] == [r.title for r in offconvex]
    assert all(r.url and r.author == l.author for r, l in zip(merged, offconvex) if l.author)
    assert diag.errors == [] and diag.stats.conflicts == 0 and not any(r.note for r in merged)


def test_listing_page_and_feed_give_authors_urls_and_times(offconvex, oracle_items):
    page, _ = _read("offconvex-index-2017.html", "html", base_url=OFFCONVEX)
    feed, _ = _read("offconvex-feed-2017.xml", "feed", base_url=OFFCONVEX)
    diag = Diagnostics()
    merged = merge(list(offconvex) + page + feed, diag)
    assert len(merged) == 51 and diag.stats.merged == 20
    urls = {item["title"]: item["URL"] for item in oracle_items}
    from_feed = {r.title for r in page}
    assert len(from_feed) == 10
    for ref in merged:
        if ref.title in from_feed:
            assert ref.author, ref.title  # from the listing
            assert ref.url == urls[ref.title]  # from the page (and the feed)
            assert ref.issued.time is not None  # from the feed
            sources = ref.extra_dict[MERGED_FROM]
            assert "offconvex-feed-2017.xml" in sources and "offconvex-listing.txt" in sources
    saddle = next(r for r in merged if r.title == "How to Escape Saddle Points Efficiently")
    assert saddle.issued == Date(2017, 7, 19, "03:00:00-07:00")
    assert [n.family for n in saddle.author] == ["Jin", "Jordan"]


def test_page_and_feed_alone_match_on_url_without_base_url():
    page, _ = _read("offconvex-index-2017.html", "html")
    feed, _ = _read("offconvex-feed-2017.xml", "feed")
    merged = merge(page + feed)
    assert len(merged) == 10
    assert merged[6].title == "The search for biologically plausible neural computation: The conventional approach"


def test_url_aliases_case_slash_scheme_and_tracking_parameters_match():
    a = Reference(title="A", url="http://www.example.org/2020/01/post/")
    b = Reference(title="A (feed)", url="HTTPS://example.org/2020/01/Post/index.html?utm_source=rss&fbclid=1#c")
    assert same_post(a, b)
    assert not same_post(a, Reference(title="A", url="http://www.example.org/2020/01/other/"))
    assert not same_post(a, Reference(title="B", url="http://www.example.org/2020/01/post/?p=2"))


def test_a_blogs_other_host_is_learnt_from_a_post_both_hosts_serve():
    mirror = [Reference(title="First", url="https://blog.github.io/2020/01/first/", origin=Origin("a.xml", 1)),
              Reference(title="Second", url="https://blog.github.io/2020/02/second/", origin=Origin("a.xml", 2))]
    own = [Reference(title="First", url="https://blog.org/2020/01/first/", origin=Origin("b.html", 1)),
           Reference(title="Second, renamed", url="https://blog.org/2020/02/second/", origin=Origin("b.html", 2))]
    merged = merge(mirror + own)
    assert len(merged) == 2  # "Second" matches on its path once the two hosts are known to be one blog
    assert len(merge(mirror[1:] + own[1:])) == 2  # without a post in common, two hosts are two sites


def test_title_and_date_match_when_urls_are_missing_and_a_timezone_moves_the_day():
    listing = Reference(title="Saddles  Again!", issued=Date(2016, 3, 24))
    feed = Reference(title="saddles again", issued=Date(2016, 3, 25, "01:00:00+00:00"))
    assert same_post(listing, feed)
    assert same_post(listing, Reference(title="Saddles again", issued=Date(2016, 3, 25)))  # weaker: reported
    assert same_post(listing, Reference(title="Saddles again", issued=Date(2016, 3)))  # a partial date holds it
    assert not same_post(listing, Reference(title="Saddles again", issued=Date(2017, 3, 24)))
    assert not same_post(listing, Reference(title="Saddles again", issued=Date(2016, 3, 26)))
    assert not same_post(listing, Reference(title="Saddles again", issued=Date(2016, 4)))


def test_conflicts_are_reported_counted_and_noted_whatever_the_input_order():
    a = Reference(title="Post", url="http://b.example/p/", author=(Name(family="Ng", given="Al"),),
                  container_title="Blog A", note="Read first.", origin=Origin("a.html", 3))
    b = Reference(title="Post", url="http://b.example/p", author=(Name(family="Wu", given="Bo"),),
                  container_title="Blog B", origin=Origin("b.xml", 9))
    for order in ([a, b], [b, a]):
        diag = Diagnostics()
        report = merge_report(order, diag)
        [ref] = report.references
        # Sources of equal rank: neither input order nor position decides, the values do.
        assert ref.author == a.author and ref.container_title == "Blog A"
        assert [(c.field, c.kept, c.kept_at, c.other, c.other_at) for c in report.conflicts] == [
            ("author", "Al Ng", "a.html:3", "Bo Wu", "b.xml:9"),
            ("container_title", "Blog A", "a.html:3", "Blog B", "b.xml:9")]
        assert ref.note.splitlines() == [
            "Read first.",
            f'{CONFLICT_NOTE} author "Bo Wu" (b.xml:9); kept "Al Ng" (a.html:3)',
            f'{CONFLICT_NOTE} container-title "Blog B" (b.xml:9); kept "Blog A" (a.html:3)']
        assert diag.stats.conflicts == 2 and diag.warnings == []
        assert [(p.source, p.line, p.severity) for p in diag.problems] == [("b.xml", 9, "conflict")] * 2
        assert "a.html:3" in diag.problems[0].message and "Bo Wu" in diag.problems[0].message
    # A higher-ranked kind of source wins a disagreement, in either order.
    kinds = {"a.html": "html", "b.xml": "feed"}
    for order in ([a, b], [b, a]):
        [ref] = merge(order, kind=lambda r: kinds[r.origin.source])
        assert ref.author == b.author and ref.container_title == "Blog B"


def test_strict_makes_a_conflict_fatal():
    a = Reference(title="Post", issued=Date(2020, 1, 1), author=(Name(family="Ng"),), origin=Origin("a.txt", 1))
    b = Reference(title="Post", issued=Date(2020, 1, 1), author=(Name(family="Wu"),), origin=Origin("b.txt", 5))
    with pytest.raises(blogbib.InputError, match=r"b\.txt:5: conflict: author"):
        merge([a, b], Diagnostics(strict=True))


def test_agreeing_values_are_no_conflict_and_the_fuller_one_is_kept():
    feed = Reference(title="Post", author=(Name(family="Jin", given="Chi"),),
                     issued=Date(2017, 7, 20, "03:00:00+00:00"),
                     url="https://b.example/2017/post/?utm_source=rss", origin=Origin("feed.xml", 4))
    page = Reference(title="POST", author=(Name(family="Jin", given="C."), Name(family="Jordan", given="Michael")),
                     issued=Date(2017, 7, 19), url="http://b.example/2017/post/", origin=Origin("page.html", 9))
    diag = Diagnostics()
    [ref] = merge([feed, page], diag)
    assert [n.family for n in ref.author] == ["Jin", "Jordan"]  # the longer list contains the other
    assert ref.issued == page.issued  # the feed's UTC instant is 19 July west of Greenwich: the page's day
    assert ref.url == "http://b.example/2017/post/"  # the URL without tracking parameters
    assert ref.title == "Post"  # mixed case over all capitals
    assert diag.problems == [] and ref.note is None


@pytest.mark.parametrize("instant, local, kept", [
    # a post of 9 December at midnight in Paris: the feed's UTC instant, the page's day
    ("2022-12-08T23:00:00+00:00", "2022-12-09", "2022-12-09"),
    # 23:30 in Denver: the feed writes the next day in GMT
    ("2022-03-23T05:30:00+00:00", "2022-03-22", "2022-03-22"),
    # the page gives its own time, in its own zone: kept with its time
    ("2022-12-08T23:00:00+00:00", "2022-12-09T00:00:00+01:00", "2022-12-09T00:00:00+01:00"),
    # the same day: the instant is a moment of that day, kept
    ("2022-12-09T10:00:00+00:00", "2022-12-09", "2022-12-09T10:00:00+00:00"),
    # 05:00 UTC is the next day nowhere (at most 19:00 at +14 h): not the blog's day, the instant stays
    ("2022-12-08T05:00:00+00:00", "2022-12-09", "2022-12-08T05:00:00+00:00"),
    # 15:00 UTC is the day before nowhere (at least 01:00 at -14 h)
    ("2022-12-08T15:00:00+00:00", "2022-12-07", "2022-12-08T15:00:00+00:00"),
    # an instant in another zone is the blog's own writing: the most precise is kept, as before
    ("2022-12-08T23:00:00-05:00", "2022-12-09", "2022-12-08T23:00:00-05:00"),
])
def test_a_utc_instant_gives_way_to_the_day_the_blog_shows(instant, local, kept):
    def date(text):
        day, _, time = text.partition("T")
        y, m, d = map(int, day.split("-"))
        return Date(y, m, d, time or None)

    feed = Reference(title="Post", issued=date(instant), origin=Origin("feed.xml", 3))
    page = Reference(title="Post", issued=date(local), origin=Origin("page.html", 7))
    for order in ([feed, page], [page, feed]):  # never by the order of the inputs
        diag = Diagnostics()
        [ref] = merge(order, diag, kind=lambda r: "feed" if r is feed else "html")
        assert ref.issued == date(kept) and diag.problems == [] and ref.note is None
        [source] = [part.split("=")[1] for part in ref.extra_dict[MERGED_FROM].split("; ")
                    if "issued" in part.split("=")[0].split(",")]
        assert source == ("feed.xml:3" if kept == instant else "page.html:7")


def test_precedence_rules_by_value():
    short = Reference(title="P", abstract="The first words...", issued=Date(2020, 5), keyword=("a",),
                      origin=Origin("one", 1))
    long = Reference(title="P", abstract="The first words of a longer excerpt", issued=Date(2020, 5, 2, "10:00:00-07:00"),
                     keyword=("b", "a"), more_authors=True, accessed=Date(2024, 1, 1), origin=Origin("two", 2))
    diag = Diagnostics()
    [ref] = merge([short, long], diag)
    assert ref.abstract == long.abstract  # the longest excerpt that extends the other
    assert ref.issued == long.issued  # the most precise date that agrees
    assert ref.keyword == ("a", "b") and ref.more_authors and ref.accessed == Date(2024, 1, 1)
    assert diag.warnings == []
    assert ref.extra_dict[MERGED_FROM] == "title=one:1; abstract,accessed,issued=two:2"
    assert set(PRECEDENCE) >= {"title", "author", "issued", "url", "abstract", "container_title"}


def test_merge_is_pure_and_keeps_unmatched_entries(offconvex):
    refs = list(offconvex)
    before = list(refs)
    extra = Reference(title="Unrelated", issued=Date(2001, 1, 1))
    out = merge(refs + [extra])
    assert refs == before and out[-1] is extra and len(out) == 52
    assert merge([]) == []


def test_accounting_read_equals_written_plus_merged_plus_skipped(tmp_path):
    listing = shared_path(FIXTURES / "offconvex-listing.txt")
    page = shared_path(FIXTURES / "offconvex-index-2017.html")
    feed = shared_path(FIXTURES / "offconvex-feed-2017.xml")
    result = blogbib.export([listing, page, feed], "csl-json", blog_title=BLOG, base_url=OFFCONVEX)
    assert result.read == 71 and result.written == 51 and result.merged == 20 and result.skipped == 0
    assert result.read == result.written + result.merged + result.skipped
    assert result.summary() == "71 read, 51 written, 20 merged, 0 skipped"


def test_single_input_is_not_merged(offconvex):
    twice = list(offconvex) + [replace(offconvex[0])]
    refs, diag = blogbib.read_all([FIXTURES / "offconvex-listing.txt"], blog_title=BLOG)
    assert len(refs) == 51 and diag.stats.merged == 0
    assert len(merge(twice)) == 51


def test_a_specific_type_wins_over_the_default_without_a_conflict():
    diag = Diagnostics()
    [ref] = merge([Reference(title="P", url="http://b.example/p"),
                   Reference(title="P", type="article-journal", url="http://b.example/p")], diag)
    assert ref.type == "article-journal" and diag.warnings == []


# ------------------------------------------------------------------ the shared listing and index page, mutated
#
# One post of the listing (or of the index page) is changed as another source would give it; the merge
# must still give one entry per post, and every value the sources disagree on must be reported with
# both places and written in every data format.

RAZIN_TITLE = "Implicit Regularization in Hierarchical Tensor Factorization and Deep Convolutional Networks"
RAZIN_META = "Jul 15, 2022 (Noam Razin)."
RAZIN_PATH = "/2022/07/15/imp-reg-htf-cnn/"
INDEX_LINE = 80  # where the index page's entry for that post starts
DATA_FORMATS = ("bibtex", "biblatex", "csl-json", "ris")


def _mutated(tmp_path, name: str, old: str = "", new: str = "", count: int = 1) -> str:
    """A copy of the fixture ``name`` in ``tmp_path``, ``old`` (found ``count`` times) replaced, under a
    relative name: run from ``tmp_path``, places in messages and notes are short and free of LaTeX specials."""
    text = shared_path(FIXTURES / name).read_text(encoding="utf-8")
    if old:
        assert text.count(old) == count, old
        text = text.replace(old, new)
    copy = f"changed-{name}" if old else name
    (tmp_path / copy).write_text(text, encoding="utf-8")
    return copy


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _export(inputs, fmt):
    return blogbib.export(inputs, fmt, base_url=OFFCONVEX)


def _conflicts(result):
    return [p for p in result.problems if p.severity == "conflict"]


PUNCTUATED = "Implicit regularization in hierarchical tensor-factorization & deep convolutional networks!"
LISTING_MUTATIONS = {
    "date a day later": (RAZIN_META, RAZIN_META.replace("15", "16"), "issued", "2022-07-16", "2022-07-15"),
    "date a day earlier": (RAZIN_META, RAZIN_META.replace("15", "14"), "issued", "2022-07-14", "2022-07-15"),
    "title punctuation": (RAZIN_TITLE, PUNCTUATED, "title", PUNCTUATED, RAZIN_TITLE),
    "byline": (RAZIN_META, "Jul 15, 2022 (Elad Hazan).", "author", "Elad Hazan", "Noam Razin"),
}


@pytest.mark.parametrize("mutation", sorted(LISTING_MUTATIONS))
def test_a_mutated_listing_post_merges_with_the_index_page_and_its_conflict_is_kept(workdir, mutation):
    old, new, field, other, kept = LISTING_MUTATIONS[mutation]
    listing = _mutated(workdir, "offconvex-listing.txt", old, new)
    index = _mutated(workdir, "offconvex-index.html")
    for fmt in DATA_FORMATS:
        for inputs in ([listing, index], [index, listing]):
            result = _export(inputs, fmt)
            assert (result.written, result.merged, result.conflicts) == (51, 51, 1), (fmt, inputs)
            [conflict] = _conflicts(result)
            # Reported at the listing's line, naming the index page's line, both values and the one kept.
            assert (conflict.source, conflict.line) == (listing, 1)
            assert f"offconvex-index.html:{INDEX_LINE}" in conflict.message
            assert conflict.message.startswith(f"{field.replace('_', '-')} \"{other[:79]}")
            assert f'"{kept[:79]}' in conflict.message and "kept the latter (html over listing)" in conflict.message
            assert "1 conflict" in result.summary()
            # Both values are in the output: the kept one in its field, the other in the entry's note.
            entry = result.text
            if fmt == "csl-json":
                import json

                [item] = [i for i in json.loads(entry) if RAZIN_PATH in i["URL"]]
                assert other in item["note"] and f"{listing}:1" in item["note"] and kept in json.dumps(item)
            else:
                written = other if fmt == "ris" else latex.escape(other)  # as the format spells it
                assert written in entry and f"{listing}:1" in entry and f"offconvex-index.html:{INDEX_LINE}" in entry


def test_two_posts_of_the_same_title_on_different_days_stay_two(workdir):
    """A week apart in one listing; a day apart in each of two sources that both list both."""
    entry = f"{RAZIN_TITLE}\n{RAZIN_META}"
    twice = _mutated(workdir, "offconvex-listing.txt", entry,
                     f"{RAZIN_TITLE}\nJul 22, 2022 (Noam Razin). A later post of the same title.\n{entry}")
    index = shared_path(FIXTURES / "offconvex-index.html")
    result = _export([twice, index], "csl-json")
    assert (result.read, result.written, result.merged, result.conflicts) == (103, 52, 51, 0)
    assert [r.issued.day for r in result.references if r.title == RAZIN_TITLE] == [22, 15]

    a = [Reference(title="Links", issued=Date(2020, 1, d), origin=Origin("a.txt", d)) for d in (1, 2)]
    b = [Reference(title="Links", issued=Date(2020, 1, d), origin=Origin("b.html", d)) for d in (2, 1)]
    diag = Diagnostics()
    merged = merge(a + b, diag)
    assert [r.issued.day for r in merged] == [1, 2] and diag.problems == []  # each with its own day
    assert len(merge(a)) == 2  # one document lists two posts


def test_a_changed_url_form_and_the_blogs_other_host_still_match(workdir):
    moved = f"https://www.offconvex.org{RAZIN_PATH}index.html?utm_source=twitter&utm_medium=social"
    index = shared_path(FIXTURES / "offconvex-index.html")
    changed = _mutated(workdir, "offconvex-index.html", f'href="{RAZIN_PATH}"', f'href="{moved}"', count=2)
    listing = shared_path(FIXTURES / "offconvex-listing.txt")
    for fmt in DATA_FORMATS:
        result = blogbib.export([listing, index, changed], fmt)  # no --base-url: two hosts of one blog
        assert (result.written, result.merged, result.conflicts) == (51, 102, 0), fmt
        assert "utm_source" not in result.text and "offconvex.github.io" + RAZIN_PATH in result.text


def test_a_longer_byline_that_contains_the_other_is_no_conflict(workdir):
    listing = _mutated(workdir, "offconvex-listing.txt", RAZIN_META, "Jul 15, 2022 (Noam Razin, Nadav Cohen).")
    result = _export([shared_path(FIXTURES / "offconvex-index.html"), listing], "bibtex")
    assert (result.written, result.conflicts) == (51, 0)
    assert "author       = {Razin, Noam and Cohen, Nadav}" in result.text


def test_a_similar_title_by_the_same_first_author_is_a_weaker_match_reported_as_such(workdir):
    listing = _mutated(workdir, "offconvex-listing.txt", RAZIN_TITLE,
                       RAZIN_TITLE.replace("Convolutional", "Convolution"))
    result = _export([listing, shared_path(FIXTURES / "offconvex-index.html")], "ris")
    assert (result.written, result.conflicts) == (51, 1)
    [weak] = [p for p in result.problems if "weaker evidence" in p.message]
    assert weak.source.endswith("offconvex-index.html") and "similar title and the same first author" in weak.message
    assert "Convolution Networks" in result.text


def test_an_agreeing_author_list_keeps_each_name_in_its_fullest_spelling():
    short = Reference(title="P", author=(Name(family="Recht", given="Ben"), Name(family="Ge", given="R.")),
                      origin=Origin("a.txt", 1))
    full = Reference(title="P", author=(Name(family="Recht", given="Benjamin"), Name(family="Ge", given="Rong"),
                                        Name(family="Lee", given="Jason")), origin=Origin("b.txt", 1))
    other = Reference(title="P", author=(Name(family="Recht", given="Bob"),), origin=Origin("c.txt", 1))
    [ref] = merge([short, other, full])
    assert [n.display() for n in ref.author] == ["Benjamin Recht", "Rong Ge", "Jason Lee"]
    [ref] = merge([other, short])
    assert [n.display() for n in ref.author] == ["Ben Recht", "R. Ge"]  # Bob does not spell Ben out


def test_docs_list_every_field_rule():
    """docs/merging.md's table is PRECEDENCE (BLOGBIB_UPDATE_GOLDEN=1 rewrites it)."""
    import os
    import re
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "docs" / "merging.md"
    text = page.read_text(encoding="utf-8")
    table = "| field | rule |\n|---|---|\n" + "".join(f"| `{f}` | {rule} |\n" for f, rule in PRECEDENCE.items())
    if os.environ.get("BLOGBIB_UPDATE_GOLDEN") == "1":
        text = re.sub(r"\| field \| rule \|\n(?:\|.*\|\n)+", lambda m: table, text)
        page.write_text(text, encoding="utf-8")
    assert table in text
    from dataclasses import fields

    assert set(PRECEDENCE) == {f.name for f in fields(Reference)} - {"origin"}  # a rule for every field


def test_a_partial_or_timed_date_matches_among_many_posts_of_one_title():
    """Candidates are looked for among the posts a day apart, and among those with a partial date."""
    weekly = [Reference(title="Links", issued=Date(2020, 1, 1 + 7 * w), origin=Origin("a.txt", w)) for w in range(4)]
    partial = Reference(title="Links", issued=Date(2020, 2), origin=Origin("b.ris", 1))
    timed = Reference(title="Links", issued=Date(2020, 1, 16, "01:00:00+00:00"), origin=Origin("c.xml", 1))
    merged = merge([*weekly, partial, timed])
    assert [r.issued for r in merged] == [Date(2020, 1, 1), Date(2020, 1, 8), Date(2020, 1, 15),  # the blog's day
                                          Date(2020, 1, 22), Date(2020, 2)]


def test_the_same_sources_in_any_order_give_the_same_entries(workdir):
    listing = _mutated(workdir, "offconvex-listing.txt", RAZIN_META, "Jul 16, 2022 (Elad Hazan).")
    index = _mutated(workdir, "offconvex-index.html")
    feed = shared_path(FIXTURES / "offconvex-feed-2017.xml")
    import itertools
    import json

    seen = set()
    for inputs in itertools.permutations([listing, index, feed]):
        items = json.loads(_export(list(inputs), "csl-json").text)
        for item in items:  # where each field came from, and keys' a/b suffixes, follow the input order
            item["custom"].pop("merged-from", None)
            del item["id"], item["citation-key"]
        seen.add(json.dumps(sorted(items, key=lambda i: (i["URL"], i["title"])), sort_keys=True))
    assert len(seen) == 1


def test_the_other_csl_variables_are_merged_with_their_et_al():
    editor = {"editor": [Name(family="Ito", given="Aya")], "publisher": "Springer"}
    a = Reference(title="Kernel Methods", url="https://x.org/k", variables=editor, more_names=("editor",))
    b = Reference(title="Kernel Methods", url="https://x.org/k")
    (merged,) = merge([b, a])
    assert merged.variables == a.variables and merged.more_names == ("editor",)
    c = replace(b, variables={"publisher": "Elsevier"})
    report = merge_report([a, c])
    assert len(report.references) == 1 and [x.field for x in report.conflicts] == ["variables"]
    assert "publisher: Elsevier" in report.references[0].note


def test_a_name_split_by_evidence_agrees_with_the_same_name_split_from_its_display():
    from blogbib.names import parse_name

    shown = parse_name("Pablo Galindo Salgado")  # a feed's byline: family "Salgado"
    assert shown.family == "Salgado"
    split = Name(family="Galindo Salgado", given="Pablo")  # a page's givenName/familyName
    other = Name(family="Taylor", given="Ian Lance")
    feed = Reference(title="Python 3.11", author=(shown, other), issued=Date(2022, 10, 24), origin=Origin("feed.xml", 2))
    page = Reference(title="Python 3.11", author=(split,), issued=Date(2022, 10, 24), origin=Origin("page.html", 9))
    for order in ([feed, page], [page, feed]):
        diag = Diagnostics()
        [ref] = merge(order, diag, kind=lambda r: "feed" if r is feed else "html")
        assert ref.author == (split, other) and diag.problems == [] and ref.note is None
    # a different person of the same family name shown otherwise is still a conflict
    page = replace(page, author=(Name(family="Galindo Salgado", given="Maria"),))
    [ref] = merge([feed, page], Diagnostics(), kind=lambda r: "feed" if r is feed else "html")
    assert ref.author == (shown, other) and "Merge conflict: author" in ref.note
