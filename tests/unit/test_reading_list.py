"""ReadingList operations: sequence protocol, filter, sort, group_by, query, annotate, save."""

from __future__ import annotations

import datetime as dt
import json
import os
import re

import pytest

import blogbib
from blogbib import BlogbibError, Date, Name, ReadingList, Reference
from blogbib.reading_list import NO_AUTHOR, NO_BLOG, NO_DATE, NO_KEYWORD

ARORA = Name(family="Arora", given="Sanjeev")
COHEN = Name(family="Cohen", given="Nadav")
MULLER = Name(family="Müller", given="Anna-Lena")
VAN_ROSSUM = Name(family="Rossum", given="Guido", non_dropping_particle="van")
GOOGLE = Name(literal="Google Research")
ZHANG = Name(family="Zhang", given="Yi")


def ref(key: str, **fields) -> Reference:
    return Reference(id=key, **fields)


@pytest.fixture
def sample() -> ReadingList:
    """Eight posts covering the edge cases: no date, no author, literal author, partial dates, ties."""
    return ReadingList([
        ref("a", title="Implicit regularization in deep learning", author=[COHEN, ARORA],
            issued=Date(2019, 7, 10), container_title="Off the Convex Path", abstract="Gradient descent…",
            keyword=("theory",)),
        ref("b", title="Café theory", author=[MULLER], issued=Date(2019, 6),
            container_title="Another Blog", abstract="On espresso and proofs"),
        ref("c", title="Announcing a workshop", author=[GOOGLE], issued=Date(2021, 1, 2),
            container_title="Google AI Blog", type="webpage"),
        ref("d", title="An undated note", author=[ZHANG], container_title="Off the Convex Path"),
        ref("e", title="Anonymous musings", issued=Date(2020, 3, 1)),
        ref("f", title="Python's history", author=[VAN_ROSSUM], issued=Date(2019),
            keyword=("history", "Python")),
        ref("g", title="Predicting generalization", author=[ARORA, ZHANG], issued=Date(2019, 7, 10),
            container_title="Off the Convex Path"),
        ref("h", title="zeta", author=[ARORA], issued=Date(2022, 7, 15)),
    ])


# ----------------------------------------------------------------------------- protocol


def test_sequence_protocol(sample):
    assert len(sample) == 8
    assert [r.id for r in sample] == list("abcdefgh")
    assert sample[0].id == "a" and sample[-1].id == "h"
    part = sample[1:3]
    assert isinstance(part, ReadingList) and part.keys == ["b", "c"]
    assert "c" in sample and sample[2] in sample and "zz" not in sample
    both = sample[:2] + sample[6:]
    assert isinstance(both, ReadingList) and both.keys == ["a", "b", "g", "h"]
    assert sample[:2] + sample[2:] == sample
    assert sample != sample[1:]
    with pytest.raises(TypeError):
        sample[0] = sample[1]  # type: ignore[index]


def test_get_and_missing_key(sample):
    assert sample.get("c").author == (GOOGLE,)
    with pytest.raises(KeyError):
        sample.get("nope")


def test_adding_lists_keeps_keys_unique():
    one = ReadingList([ref("same", title="One")])
    two = ReadingList([ref("same", title="Two")])
    joined = one + two
    assert joined.keys == ["same", "samea"]
    assert joined.get("samea").title == "Two"


# ----------------------------------------------------------------------------- filter


@pytest.mark.parametrize("query, expected", [
    ("Cohen", ["a"]),                      # family name
    ("nadav cohen", ["a"]),                # full name, any case
    ("Cohen, Nadav", ["a"]),               # inverted
    ("Arora", ["a", "g", "h"]),            # co-authors count too
    ("Muller", ["b"]),                     # accents ignored
    ("ANNA-LENA MÜLLER", ["b"]),
    ("van Rossum", ["f"]),                 # particle kept with the family name
    ("Rossum", ["f"]),
    ("Guido van Rossum", ["f"]),
    ("google research", ["c"]),            # literal (institutional) author
    ("Google", []),                        # a literal matches whole, not by a word
    ("Nadav", []),                         # a given name alone is not an author
    ("Cohe", []),                          # no prefix matching
])
def test_filter_author(sample, query, expected):
    assert sample.filter(author=query).keys == expected


def test_filter_author_middle_initial_is_optional():
    rl = ReadingList([ref("lee", author=[Name(family="Lee", given="Jason D.")]),
                      ref("other", author=[Name(family="Lee", given="Holden")])])
    assert rl.filter(author="Jason D. Lee").keys == ["lee"]
    assert rl.filter(author="Jason Lee").keys == ["lee"]
    assert rl.filter(author="Lee, Jason").keys == ["lee"]
    assert rl.filter(author="D. Lee").keys == []
    assert rl.filter(author="lee").keys == ["lee", "other"]


def test_filter_author_any_of_several(sample):
    assert sample.filter(author=["Cohen", "Zhang"]).keys == ["a", "d", "g"]


def test_filter_author_never_matches_authorless(sample):
    assert "e" not in sample.filter(author="").keys
    assert all(r.author for r in sample.filter(predicate=lambda r: True, author=["Arora", "Anonymous"]))


@pytest.mark.parametrize("since, expected", [
    ("2021", ["c", "h"]),
    ("2019-07", ["a", "c", "e", "f", "g", "h"]),          # f (2019) may be in July: overlap
    ("2019-07-11", ["c", "e", "f", "h"]),
    (Date(2019, 7, 10), ["a", "c", "e", "f", "g", "h"]),
    (dt.date(2020, 3, 2), ["c", "h"]),
    (dt.datetime(2020, 3, 1, 12, 0), ["c", "e", "h"]),
    ("Mar 1, 2020", ["c", "e", "h"]),
])
def test_filter_since(sample, since, expected):
    assert sample.filter(since=since).keys == expected


@pytest.mark.parametrize("until, expected", [
    ("2019", ["a", "b", "f", "g"]),                        # the whole of 2019
    ("2019-06", ["b", "f"]),                               # June counts whole; f (2019) may be in it
    ("2019-06-01", ["b", "f"]),                            # b is "June 2019": may be June 1
    ("2018-12-31", []),
])
def test_filter_until(sample, until, expected):
    assert sample.filter(until=until).keys == expected


def test_filter_date_range_and_undated(sample):
    assert sample.filter(since="2019-07-10", until="2019-07-10").keys == ["a", "f", "g"]
    assert "d" not in sample.filter(since="1900").keys
    assert "d" not in sample.filter(until="9999").keys
    assert sample.filter(since="2023").keys == []


@pytest.mark.parametrize("bad", ["2019-13", "yesterday", "2019-02-30"])
def test_filter_bad_date_is_a_clear_error(sample, bad):
    with pytest.raises(BlogbibError, match=re.escape("since: ")):
        sample.filter(since=bad)


def test_filter_text_title_or_excerpt(sample):
    assert sample.filter(text="IMPLICIT REGULARIZATION").keys == ["a"]
    assert sample.filter(text="cafe").keys == ["b"]          # accent-insensitive, in title
    assert sample.filter(text="espresso").keys == ["b"]      # in the excerpt
    assert sample.filter(text="gradient descent").keys == ["a"]
    assert sample.filter(text="no such words").keys == []


def test_filter_blog_type_keyword_predicate(sample):
    assert sample.filter(blog="off the convex").keys == ["a", "d", "g"]
    assert sample.filter(blog="nothing").keys == []
    assert sample.filter(type="webpage").keys == ["c"]
    assert sample.filter(type=["webpage", "post-weblog"]).keys == sample.keys
    assert sample.filter(keyword="python").keys == ["f"]
    assert sample.filter(keyword=["THEORY", "history"]).keys == ["a", "f"]
    assert sample.filter(predicate=lambda r: len(r.author) > 1).keys == ["a", "g"]


def test_filter_criteria_combine(sample):
    assert sample.filter(author="Arora", since="2020").keys == ["h"]
    assert sample.filter(author="Arora", blog="convex", text="predicting").keys == ["g"]
    assert sample.filter().keys == sample.keys


def test_filter_returns_new_list_and_empty(sample):
    empty = sample.filter(author="Nobody")
    assert isinstance(empty, ReadingList) and len(empty) == 0 and list(empty) == []
    assert empty.sort("date") == empty and empty.group_by("year") == []
    assert len(sample) == 8


# ----------------------------------------------------------------------------- sort


def test_sort_by_date_missing_last_ties_stable(sample):
    # a and g share 2019-07-10: list order (a before g) is kept, with and without reverse.
    # f is "2019" (sorts as the start of the year); d has no date and stays last.
    assert sample.sort("date").keys == ["f", "b", "a", "g", "e", "c", "h", "d"]
    assert sample.sort("date", reverse=True).keys == ["h", "c", "e", "a", "g", "b", "f", "d"]


def test_sort_ties_follow_input_order():
    refs = [ref(k, issued=Date(2020, 1, 1)) for k in "qwerty"]
    rl = ReadingList(refs)
    assert rl.sort("date").keys == list("qwerty")
    assert rl.sort("date", reverse=True).keys == list("qwerty")
    assert ReadingList(reversed(refs)).sort("date").keys == list("ytrewq")


def test_sort_by_author(sample):
    # Family names: Arora, Cohen, Google Research (literal), Müller, Rossum (particle ignored), Zhang;
    # e has no author: last.  a = (Cohen, Arora), g = (Arora, Zhang), h = (Arora).
    assert sample.sort("author").keys == ["h", "g", "a", "c", "b", "f", "d", "e"]
    assert sample.sort("author", reverse=True).keys == ["d", "f", "b", "c", "a", "g", "h", "e"]


def test_sort_by_title_and_blog(sample):
    # "an undated" < "announcing" < "anonymous" (a space sorts before letters)
    assert sample.sort("title").keys == ["d", "c", "e", "b", "a", "g", "f", "h"]
    by_blog = sample.sort("blog").keys
    assert by_blog == ["b", "c", "a", "d", "g", "e", "f", "h"]  # no blog: e, f, h last, in order
    assert sample.sort("blog", reverse=True).keys == ["a", "d", "g", "c", "b", "e", "f", "h"]


def test_sort_by_function_and_none_last(sample):
    by_len = sample.sort(lambda r: len(r.title or ""))
    assert [len(r.title) for r in by_len] == sorted(len(r.title) for r in sample)
    odd = sample.sort(lambda r: r.id if r.id in "ceg" else None, reverse=True)
    assert odd.keys == ["g", "e", "c", "a", "b", "d", "f", "h"]


def test_sort_unknown_field(sample):
    with pytest.raises(BlogbibError, match="cannot sort by 'colour'"):
        sample.sort("colour")


# ----------------------------------------------------------------------------- group_by


def labels(groups):
    return [(label, group.keys) for label, group in groups]


def test_group_by_year(sample):
    assert labels(sample.group_by("year")) == [
        (2022, ["h"]), (2021, ["c"]), (2020, ["e"]), (2019, ["a", "b", "f", "g"]), (NO_DATE, ["d"]),
    ]


def test_group_by_author(sample):
    groups = labels(sample.group_by("author"))
    assert groups == [
        ("Sanjeev Arora", ["a", "g", "h"]),
        ("Nadav Cohen", ["a"]),
        ("Google Research", ["c"]),
        ("Anna-Lena Müller", ["b"]),
        ("Guido van Rossum", ["f"]),
        ("Yi Zhang", ["d", "g"]),
        (NO_AUTHOR, ["e"]),
    ]


def test_group_by_blog_and_keyword(sample):
    assert labels(sample.group_by("blog")) == [
        ("Another Blog", ["b"]), ("Google AI Blog", ["c"]), ("Off the Convex Path", ["a", "d", "g"]),
        (NO_BLOG, ["e", "f", "h"]),
    ]
    assert labels(sample.group_by("keyword")) == [
        ("history", ["f"]), ("Python", ["f"]), ("theory", ["a"]),
        (NO_KEYWORD, ["b", "c", "d", "e", "g", "h"]),
    ]


def test_group_by_function(sample):
    groups = labels(sample.group_by(lambda r: r.type if r.type != "post-weblog" else None))
    assert groups == [("webpage", ["c"]), ("Other", ["a", "b", "d", "e", "f", "g", "h"])]
    multi = labels(sample[:3].group_by(lambda r: [w for w in (r.title or "").split() if len(w) > 8]))
    assert multi == [("regularization", ["a"]), ("Announcing", ["c"]), ("Other", ["b"])]


def test_group_by_keeps_each_group_sorted_as_the_list(sample):
    newest_first = sample.sort("date", reverse=True).group_by("year")
    assert dict(labels(newest_first))[2019] == ["a", "g", "b", "f"]


def test_group_by_every_entry_lands_somewhere(sample):
    for field in ("year", "blog"):  # single-valued: a partition
        groups = sample.group_by(field)
        assert sorted(k for _, g in groups for k in g.keys) == sorted(sample.keys)


def test_group_by_unknown(sample):
    with pytest.raises(BlogbibError, match="cannot group by"):
        sample.group_by("colour")


# ----------------------------------------------------------------------------- query / limit


def test_query_and_limit(sample):
    assert sample.query(author="Arora", sort="date", reverse=True, limit=2).keys == ["h", "a"]
    assert sample.query(limit=0).keys == []
    assert sample.query(limit=100).keys == sample.keys
    assert sample.query(reverse=True).keys == list("hgfedcba")
    with pytest.raises(BlogbibError):
        sample.limit(-1)


# ----------------------------------------------------------------------------- annotate


def test_annotate(sample):
    noted = sample.annotate("a", note="Start here.", tags=["to-read", "THEORY", " two  words "])
    a = noted.get("a")
    assert a.note == "Start here."
    assert a.keyword == ("theory", "to-read", "two words")
    assert sample.get("a").note is None and sample.get("a").keyword == ("theory",)  # original untouched
    assert [r for r in noted if r.id != "a"] == [r for r in sample if r.id != "a"]
    assert noted.keys == sample.keys


def test_annotate_replace_and_remove(sample):
    once = sample.annotate("f", note="x", tags=["new"], replace_tags=True)
    assert once.get("f").keyword == ("new",)
    assert once.annotate("f", tags=["more"]).get("f").note == "x"  # note=None keeps the note
    assert once.annotate("f", note="").get("f").note is None
    with pytest.raises(KeyError):
        sample.annotate("nope", note="x")


def test_annotations_round_trip_csl_json(sample):
    noted = sample.annotate("b", note="Why: the proofs, not the coffee.", tags=["to-read", "café"])
    items = json.loads(noted.to_csl_json())
    item = next(i for i in items if i["id"] == "b")
    assert item["note"] == "Why: the proofs, not the coffee."
    assert item["keyword"] == "to-read, café"
    back = blogbib.read(noted.to_csl_json(), format="csl-json")
    assert back.get("b").note == "Why: the proofs, not the coffee."
    assert back.get("b").keyword == ("to-read", "café")


def test_annotations_in_bibtex_and_ris(sample):
    noted = sample.annotate("a", note="Read with {care} & 100% attention", tags=["to-read"])
    bibtex = noted[:1].to_bibtex()
    assert re.search(r"keywords\s*=\s*\{theory, to-read\}", bibtex)
    assert re.search(r"annote\s*=\s*\{Read with \S*care\S* \\& 100\\% attention\}", bibtex)
    assert re.search(r"annotation\s*=\s*\{Read with", noted[:1].to_biblatex())
    ris = noted[:1].to_ris()
    assert "KW  - to-read" in ris and "N1  - Read with {care} & 100% attention" in ris
    back = blogbib.read(ris, format="ris")
    assert back[0].note == "Read with {care} & 100% attention" and back[0].keyword == ("theory", "to-read")


def test_annotations_round_trip_bibtex(sample):
    noted = sample.annotate("a", note="Read with {care} & 100% attention", tags=["to-read"])
    for text, fmt in ((noted[:1].to_bibtex(), "bibtex"), (noted[:1].to_biblatex(), "biblatex"),
                      (noted[:1].to_bibtex(ascii=True), "auto")):
        back = blogbib.read(text, format=fmt)
        assert back[0].note == "Read with {care} & 100% attention", fmt
        assert back[0].keyword == ("theory", "to-read"), fmt
        assert back[0].title == noted[0].title and back[0].author == noted[0].author


def test_save_bib_reads_back(sample, tmp_path):
    noted = sample.annotate("b", note="Über-note", tags=["café"])
    back = blogbib.read(noted.save(tmp_path / "x.bib"))
    assert back.keys == sample.keys
    assert back.get("b").note == "Über-note" and back.get("b").keyword == ("café",)


# ----------------------------------------------------------------------------- save


@pytest.mark.parametrize("name, check", [
    ("out.bib", lambda t: t.startswith("@misc{a,")),
    ("out.json", lambda t: json.loads(t)[0]["id"] == "a"),
    ("out.ris", lambda t: t.startswith("TY  - BLOG")),
])
def test_save_format_from_suffix(sample, tmp_path, name, check):
    path = sample.save(tmp_path / name)
    assert path == tmp_path / name
    assert check(path.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left behind


def test_save_reads_back(sample, tmp_path):
    for name in ("x.json", "x.ris"):
        back = blogbib.read(sample.save(tmp_path / name))
        assert back.keys == sample.keys
        assert [r.title for r in back] == [r.title for r in sample]


def test_save_biblatex_and_options(sample, tmp_path):
    text = sample.save(tmp_path / "x.bib", format="biblatex", ascii=True).read_text()
    assert text.startswith("@online{a,") and r"M{\"u}ller" in text


def test_save_replaces_existing_file_keeping_mode(sample, tmp_path):
    target = tmp_path / "x.ris"
    target.write_text("old")
    os.chmod(target, 0o640)
    sample.save(target)
    assert target.read_text().startswith("TY  -") and (target.stat().st_mode & 0o777) == 0o640


def test_save_errors(sample, tmp_path):
    with pytest.raises(BlogbibError, match="cannot tell the format"):
        sample.save(tmp_path / "x.docx")
    with pytest.raises(BlogbibError, match="cannot write"):
        sample.save(tmp_path / "no" / "such" / "dir.bib")
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------- the real listing


def test_real_listing_filter_matches_the_raw_text(offconvex, listing_path):
    """Count Nadav Cohen's posts straight from the listing's meta lines, independently of the reader."""
    text = listing_path.read_text(encoding="utf-8")
    bylines = re.findall(r"^\w{3} \d{1,2}, (\d{4}) \(([^)]*)\)", text, re.M)
    cohen = [year for year, byline in bylines if "Nadav Cohen" in byline]
    picked = offconvex.filter(author="Nadav Cohen")
    assert len(picked) == len(cohen) > 0
    assert sorted(str(r.issued.year) for r in picked) == sorted(cohen)
    since_2020 = [y for y in cohen if int(y) >= 2020]
    assert len(offconvex.filter(author="cohen", since="2020")) == len(since_2020)


def test_real_listing_groups_cover_every_year(offconvex, listing_path):
    text = listing_path.read_text(encoding="utf-8")
    years = [int(y) for y in re.findall(r"^\w{3} \d{1,2}, (\d{4})", text, re.M)]
    groups = offconvex.group_by("year")
    assert [label for label, _ in groups] == sorted(set(years), reverse=True)
    assert {label: len(g) for label, g in groups} == {y: years.count(y) for y in set(years)}


# ----------------------------------------------------------------------------- dedupe / merge


def test_dedupe_folds_the_same_post(offconvex):
    doubled = offconvex + offconvex[:5]
    assert len(doubled) == len(offconvex) + 5 and doubled.keys[-1].endswith("a")  # + keeps both copies
    once = doubled.dedupe()
    assert once.keys == offconvex.keys
    assert [r.title for r in once] == [r.title for r in offconvex]


def test_merge_unites_what_each_source_knows(offconvex):
    first = offconvex[0]
    other = ReadingList([
        Reference(title=first.title.upper(), issued=first.issued, url="https://www.offconvex.org/2022/07/15/x/",
                  keyword=("implicit regularization",)),
        ref("new2023post", title="A post only the other source has", issued=Date(2023, 1, 1)),
    ]).annotate("new2023post", tags=["other"])
    merged = offconvex.annotate(first.id, tags=["to-read"]).merge(other)
    assert len(merged) == len(offconvex) + 1
    top = merged.get(first.id)
    assert top.title == first.title  # this list's title wins the case difference
    assert top.url == "https://www.offconvex.org/2022/07/15/x/"  # filled in from the other source
    assert top.keyword == ("to-read", "implicit regularization")  # keywords united
    assert merged[-1].id == "new2023post" and merged[-1].keyword == ("other",)


def test_merge_keeps_a_losing_value(sample):
    other = [ref("x", title=sample.get("a").title, issued=sample.get("a").issued, container_title="Elsewhere")]
    merged = sample.merge(other)
    assert len(merged) == len(sample)
    a = merged.get("a")
    assert a.container_title == "Off the Convex Path"  # this list's value wins a disagreement
    assert "Elsewhere" in a.note and "container-title" in a.note
    [conflict] = merged.conflicts
    assert (conflict.field, conflict.kept, conflict.other) == ("container_title", "Off the Convex Path", "Elsewhere")
    assert merged.filter(author="nobody").conflicts == ()  # a list made otherwise has none
    # The other way round, the other list's value wins.
    flipped = ReadingList(other).merge(sample)
    assert flipped.get("x").container_title == "Elsewhere" and flipped.conflicts[0].other == "Off the Convex Path"


def test_merge_and_dedupe_of_empty_lists():
    assert ReadingList().dedupe() == ReadingList() and ReadingList().merge([]) == ReadingList()


# ----------------------------------------------------------------------------- the API as people use it


def test_an_entry_by_its_key(sample):
    assert sample["c"] is sample.get("c") and sample[0] is sample.references[0]
    assert sample[1:3].keys == sample.keys[1:3]
    with pytest.raises(KeyError, match="no entry with the key 'nope'"):
        sample["nope"]


def test_a_key_error_names_every_missing_key_and_only_those(sample):
    with pytest.raises(KeyError) as raised:
        sample.cite(["a", "zz", "b", "yy"], style="apa")
    assert str(raised.value) == "\"no entry with the keys 'zz', 'yy'\""
    assert sample.cite(["a", "b"], style="apa") == sample.cite("a", "b", style="apa")


def test_dates_as_ints_and_dates(sample):
    assert sample.filter(since=2020).keys == sample.filter(since="2020").keys
    assert sample.filter(until=2019).keys == sample.filter(until=dt.date(2019, 12, 31)).keys
    with pytest.raises(BlogbibError, match="since"):
        sample.filter(since="2019-13")


@pytest.mark.parametrize("suffix, starts", [(".bib", "@misc{"), (".json", "["), (".ris", "TY  - "),
                                            (".md", "# "), (".html", "<!DOCTYPE html>"), (".txt", "")])
def test_save_writes_the_format_its_suffix_names(sample, tmp_path, suffix, starts):
    path = sample.save(tmp_path / f"list{suffix}")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(starts) and len(text) > 100
    if suffix == ".txt":  # a text bibliography: one formatted entry per line
        assert len(text.splitlines()) == len(sample) and "@misc" not in text and "<" not in text


def test_save_refuses_a_write_protected_file_unless_forced(sample, tmp_path):
    path = tmp_path / "list.bib"
    path.write_text("kept\n", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(BlogbibError, match="write-protected"):
        sample.save(path)
    assert path.read_text(encoding="utf-8") == "kept\n"
    sample.save(path, force=True)
    assert path.read_text(encoding="utf-8").count("@misc{") == len(sample)


def test_str_of_a_reference_is_one_readable_line():
    post = Reference(id="razin2022implicit", title="Implicit Regularization",
                     author=[Name(family="Razin", given="Noam"), Name(family="Cohen", given="Nadav")],
                     issued=Date(2022, 7, 15), container_title="Off the Convex Path", url="http://offconvex.org/x/")
    assert str(post) == ("Noam Razin and Nadav Cohen (2022-07-15). Implicit Regularization. Off the Convex Path. "
                         "http://offconvex.org/x/ [razin2022implicit]")
    assert str(Reference(title="Why?")) == "(no date). Why?"


def test_repr_html_is_a_table_with_escaped_cells_and_safe_links():
    rl = ReadingList([Reference(id="a", title="<b>bold</b> & co", url="https://x.org/?a=1&b=2"),
                      Reference(id="b", title="js", url="javascript:alert(1)")])
    page = rl._repr_html_()
    assert page.startswith("<table>") and page.count("<tr>") == 3
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in page and "<b>" not in page
    assert '<a href="https://x.org/?a=1&amp;b=2">' in page and "javascript" not in page
