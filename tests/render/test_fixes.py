"""Each fix in the CSL engine (blogbib.render.csl), tested on its own CSL feature.

The styles here are written for the test (one feature each) or are official
styles that tests/data/oracle does not cover; the items are made up.  The
expected strings follow the CSL 1.0.2 specification.
"""

from __future__ import annotations

import pytest

from blogbib.model import Date, Name, Reference
from blogbib.render import bibliography_entries, cite, render

from .helpers import make_style, post


def html_free(text: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", text)

TITLE_AND_BLOG = '<group delimiter=", "><text variable="title" quotes="true"/><text variable="container-title"/></group>'


# ----------------------------------------------------------------------------- punctuation


def test_punctuation_in_quote_follows_the_locale(tmp_path):
    style = make_style(tmp_path, bibliography=TITLE_AND_BLOG)
    refs = [post("a", "Plain title", ("Doe", "Jane"))]
    assert render(refs, style, locale="en-US") == "“Plain title,” Some Blog\n"  # en-US: punctuation-in-quote="true"
    assert render(refs, style, locale="en-GB") == "‘Plain title’, Some Blog\n"  # en-GB: "false"
    assert render(refs, style, locale="de-DE") == "„Plain title“, Some Blog\n"


def test_no_period_after_a_question_mark(tmp_path):
    style = make_style(tmp_path, bibliography='<group delimiter=". "><text variable="title"/>'
                                              '<text variable="container-title"/></group>', layout_attrs='suffix="."')
    refs = [post("a", "Why go off the path?", ("Doe", "Jane"), blog="Off the Path?")]
    assert render(refs, style) == "Why go off the path? Off the Path?\n"


def test_inner_quotes_flip_inside_quotes(tmp_path):
    style = make_style(tmp_path, bibliography='<text variable="title" quotes="true"/>')
    refs = [post("a", 'On "deep" learning', ("Doe", "Jane"))]
    assert render(refs, style) == "“On ‘deep’ learning”\n"


# ----------------------------------------------------------------------------- second-field-align


def test_second_field_align_splits_the_number_from_the_entry(tmp_path):
    style = make_style(tmp_path, bibliography_attrs='second-field-align="flush"',
                       bibliography='<text variable="citation-number" prefix="[" suffix="]"/>'
                                    '<text variable="title"/>')
    refs = [post("a", "First", ("Doe", "Jane")), post("b", "Second", ("Roe", "Rick"))]
    assert render(refs, style) == "[1] First\n[2] Second\n"
    html = render(refs, style, format="html")
    assert ('<div class="csl-left-margin">[2]</div><div class="csl-right-inline">Second</div>') in html
    assert html.startswith('<div class="csl-bib-body">\n  <div class="csl-entry">\n')


def test_second_field_align_html_right_part_ends_without_space(tmp_path):
    # citeproc-js trims the right-inline part, not the margin ("1. ")
    style = make_style(tmp_path, bibliography_attrs='second-field-align="flush"',
                       bibliography='<text variable="citation-number" suffix=". "/>'
                                    '<text variable="title" suffix=". "/>')
    refs = [post("a", "First", ("Doe", "Jane"))]
    assert ('<div class="csl-left-margin">1. </div><div class="csl-right-inline">First.</div>'
            in render(refs, style, format="html"))


# ----------------------------------------------------------------------------- names


NAMES = '<names variable="author"><name {attrs}/></names>'


def test_initialize_false_keeps_given_names(tmp_path):
    attrs = 'name-as-sort-order="first" and="text"'
    full = make_style(tmp_path, "full", style_attrs='initialize-with=". "',
                      bibliography=NAMES.format(attrs=attrs + ' initialize="false"'))
    initials = make_style(tmp_path, "initials", style_attrs='initialize-with=". "',
                          bibliography=NAMES.format(attrs=attrs))
    refs = [post("a", "T", ("Arora", "Sanjeev"), ("Lee", "Jason D."))]
    assert render(refs, full) == "Arora, Sanjeev and Jason D. Lee\n"
    assert render(refs, initials) == "Arora, S. and J. D. Lee\n"


def test_particles_suffixes_and_non_ascii_names_in_chicago_notes():
    refs = [
        Reference(id="k", title="dreams of a fair web", container_title="Civil Blog", url="https://example.org/b",
                  issued=Date(2020, 3, 2),
                  author=(Name(family="King", given="Martin Luther", suffix="Jr."),
                          Name(family="Fontaine", given="Jean", dropping_particle="de la"))),
        Reference(id="b", title="notes on the late quartets", container_title="Music Blog",
                  url="https://example.org/a", issued=Date(2020, 3, 1),
                  author=(Name(family="Beethoven", given="Ludwig", non_dropping_particle="van"),)),
        Reference(id="m", title="Über die Straßen von Zürich", container_title="Ørsted Notes",
                  url="https://example.org/c", issued=Date(2021, 1, 5),
                  author=(Name(family="Müller-Lüdenscheidt", given="José"), Name(family="Çelik", given="Zoë"))),
    ]
    entries = bibliography_entries(refs, "chicago-notes-bibliography")
    assert entries == [
        ("b", "Beethoven, Ludwig van. “Notes on the Late Quartets.” Music Blog, March 1, 2020. https://example.org/a."),
        ("k", "King, Martin Luther, Jr., and Jean de la Fontaine. “Dreams of a Fair Web.” Civil Blog, March 2, 2020. "
              "https://example.org/b."),
        ("m", "Müller-Lüdenscheidt, José, and Zoë Çelik. “Über Die Straßen von Zürich.” Ørsted Notes, January 5, 2021."
              " https://example.org/c."),
    ]
    assert cite(refs, "ieee") == ["[1]", "[2]", "[3]"]
    assert render(refs[:1], "ieee") == ("[1] M. L. King Jr. and J. de la Fontaine, “dreams of a fair web,” Civil Blog. "
                                        "[Online]. Available: https://example.org/b\n")


# ----------------------------------------------------------------------------- disambiguation


YEAR = '<date variable="issued"><date-part name="year"/></date>'
AUTHOR_YEAR = ('<group delimiter=" "><names variable="author"><name form="short" and="text"/></names>'
               + YEAR + '</group>')


def test_year_suffix_is_implicit_after_the_year_and_follows_bibliography_order(tmp_path):
    style = make_style(tmp_path, citation_attrs='disambiguate-add-year-suffix="true"',
                       citation=AUTHOR_YEAR, citation_layout_attrs='prefix="(" suffix=")"',
                       bibliography='<group delimiter=". ">' + AUTHOR_YEAR + '<text variable="title"/></group>',
                       sort='<sort><key variable="title"/></sort>')
    refs = [post("z", "Zebras", ("Arora", "Sanjeev"), year=2017),
            post("a", "Antelopes", ("Arora", "Sanjeev"), year=2017),
            post("o", "Other", ("Ma", "Tengyu"), year=2017)]
    assert cite(refs, style) == ["(Arora 2017b)", "(Arora 2017a)", "(Ma 2017)"]
    assert render(refs, style) == "Arora 2017a. Antelopes\nMa 2017. Other\nArora 2017b. Zebras\n"


def test_year_suffix_variable_when_the_style_renders_it(tmp_path):
    style = make_style(tmp_path, citation_attrs='disambiguate-add-year-suffix="true"',
                       citation=AUTHOR_YEAR + '<text variable="year-suffix" prefix="-"/>')
    refs = [post("a", "A", ("Arora", "Sanjeev"), year=2017), post("b", "B", ("Arora", "Sanjeev"), year=2017)]
    assert cite(refs, style) == ["Arora 2017-a", "Arora 2017-b"]


def test_disambiguate_true_condition_only_when_ambiguous(tmp_path):
    style = make_style(tmp_path, citation='<group delimiter=", "><names variable="author"><name form="short"/>'
                                          '</names><choose><if disambiguate="true"><text variable="title" '
                                          'quotes="true"/></if></choose></group>')
    refs = [post("a", "One", ("Arora", "Sanjeev")), post("b", "Two", ("Arora", "Sanjeev")),
            post("c", "Three", ("Ma", "Tengyu"))]
    assert cite(refs, style) == ["Arora, “One”", "Arora, “Two”", "Ma"]


def test_disambiguate_add_names_expands_et_al_only_as_far_as_it_helps(tmp_path):
    style = make_style(tmp_path, citation_attrs='et-al-min="3" et-al-use-first="1" disambiguate-add-names="true"',
                       citation='<names variable="author"><name form="short" and="text"/></names>')
    a = ("Arora", "S"), ("Khandeparkar", "H"), ("Saunshi", "N")
    b = ("Arora", "S"), ("Khodak", "M"), ("Saunshi", "N")
    refs = [post("x", "X", *a), post("y", "Y", *b), post("z", "Z", *b)]
    assert cite(refs, style) == ["Arora, Khandeparkar, et al.", "Arora, Khodak, et al.", "Arora, Khodak, et al."]


def test_disambiguate_add_givenname(tmp_path):
    style = make_style(tmp_path, citation_attrs='disambiguate-add-givenname="true"',
                       citation='<names variable="author"><name form="short" initialize-with=". "/></names>')
    refs = [post("x", "X", ("Smith", "John")), post("y", "Y", ("Smith", "Anna"))]
    assert cite(refs, style) == ["J. Smith", "A. Smith"]


# ----------------------------------------------------------------------------- text case


def test_title_case_stop_words_hyphens_and_colons(tmp_path):
    style = make_style(tmp_path, bibliography='<text variable="title" text-case="title"/>')
    refs = [post("a", "learning without forgetting: a view from off the non-convex path", ("Doe", "J")),
            post("b", "an n-gram model between GANs and iPhones", ("Doe", "J"))]
    assert render(refs, style).splitlines() == [
        "Learning without Forgetting: A View from off the Non-Convex Path",
        "An n-Gram Model between GANs and iPhones",
    ]


def test_title_case_leaves_a_word_that_starts_with_a_digit(tmp_path):
    style = make_style(tmp_path, bibliography='<text variable="title" text-case="title"/>')
    refs = [post("a", "proceedings of the 40th conference on citytraffic-10k", ("Doe", "J"))]
    assert render(refs, style) == "Proceedings of the 40th Conference on Citytraffic-10k\n"


def test_the_innermost_text_case_wins(tmp_path):
    # citeproc-js: title case on a macro call leaves the title its macro capitalized; names, which
    # have no text-case of their own, take the outer one
    style = make_style(tmp_path, macros='<macro name="title"><text variable="title" text-case="capitalize-first"/>'
                                        '</macro><macro name="both"><names variable="author"/><text macro="title" '
                                        'prefix=" "/></macro>',
                       bibliography='<text macro="both" text-case="title"/>')
    refs = [post("a", "sparse recovery guarantees", ("doe", "jane"))]
    assert render(refs, style) == "Jane Doe Sparse recovery guarantees\n"


def test_title_case_only_for_english(tmp_path):
    style = make_style(tmp_path, bibliography='<text variable="title" text-case="title"/>')
    refs = [post("a", "die Straßen von Zürich", ("Doe", "J"))]
    assert render(refs, style, locale="en-US") == "Die Straßen von Zürich\n"
    assert render(refs, style, locale="de-DE") == "die Straßen von Zürich\n"
    german = [post("b", "die Straßen von Zürich", ("Doe", "J"), language="de")]
    assert render(german, style, locale="en-US") == "die Straßen von Zürich\n"


# ----------------------------------------------------------------------------- dates


def test_localized_date_keeps_the_locale_delimiter(tmp_path):
    locale = ('<locale><date form="text" delimiter=" "><date-part name="year"/>'
              '<date-part name="month" form="short" strip-periods="true"/><date-part name="day"/></date></locale>')
    style = make_style(tmp_path, locale=locale, bibliography='<date variable="issued" form="text"/>')
    refs = [post("a", "T", ("Doe", "J"), year=2017, month=3, day=15)]
    assert render(refs, style) == "2017 Mar 15\n"


def test_day_ordinals_come_from_the_output_locale(tmp_path):
    style = make_style(tmp_path, bibliography='<date variable="issued"><date-part name="day" form="ordinal" '
                                              'suffix=" "/><date-part name="month" suffix=" "/>'
                                              '<date-part name="year"/></date>')
    refs = [post("a", "T", ("Doe", "J"), year=2021, month=3, day=1),
            post("b", "T", ("Doe", "J"), year=2021, month=3, day=22),
            post("c", "T", ("Doe", "J"), year=2021, month=3, day=12)]
    assert render(refs, style, locale="de-DE") == "1. März 2021\n22. März 2021\n12. März 2021\n"
    assert render(refs, style, locale="en-US") == "1st March 2021\n22nd March 2021\n12th March 2021\n"


# ----------------------------------------------------------------------------- rich text in item data


def test_rich_text_markup_in_titles(tmp_path):
    style = make_style(tmp_path, bibliography='<text variable="title" text-case="title"/>')
    refs = [post("a", 'the <i>homo sapiens</i> and the <span class="nocase">iPhone</span> on E = mc<sup>2</sup>',
                 ("Doe", "J"))]
    assert render(refs, style) == "The Homo Sapiens and the iPhone on E = Mc2\n"
    assert render(refs, style, format="html") == (
        '<div class="csl-bib-body">\n  <div class="csl-entry">The <i>Homo Sapiens</i> and the iPhone on E = '
        'Mc<sup>2</sup></div>\n</div>\n')
    assert render(refs, style, format="markdown") == "The *Homo Sapiens* and the iPhone on E = Mc<sup>2</sup>\n"


def test_nocase_protects_from_lowercase(tmp_path):
    style = make_style(tmp_path, bibliography='<text variable="title" text-case="lowercase"/>')
    refs = [post("a", 'Using <span class="nocase">NumPy</span> Today', ("Doe", "J"))]
    assert render(refs, style) == "using NumPy today\n"


# ----------------------------------------------------------------------------- sorting


def test_bibliography_sorts_by_names_not_by_rendered_strings(tmp_path):
    style = make_style(tmp_path, macros='<macro name="author"><names variable="author"><name and="symbol" '
                                        'name-as-sort-order="all"/></names></macro>',
                       bibliography='<text macro="author"/>', sort='<sort><key macro="author"/></sort>')
    refs = [post("ma", "T", ("Arora", "Sanjeev"), ("Ma", "Tengyu")),
            post("kh", "T", ("Arora", "Sanjeev"), ("Khandeparkar", "Hrishikesh"), ("Saunshi", "Nikunj")),
            post("solo", "T", ("Arora", "Sanjeev")),
            post("lower", "T", ("arora", "Zed"))]
    # "&" would sort "Arora, S. & Ma" before "Arora, S., Khandeparkar"; names compare one by one
    assert [k for k, _ in bibliography_entries(refs, style)] == ["solo", "kh", "ma", "lower"]


def test_chicago_author_date_sorts_one_post_on_two_blogs_by_the_blog():
    # Same author, year and title (a cross-post) reach chicago-author-date's
    # source key, whose macro prints the blog's name: that raised IndexError.
    refs = [post("b", "Cross-posted", ("Arora", "Sanjeev"), blog="Second Blog"),
            post("a", "Cross-posted", ("Arora", "Sanjeev"), blog="First Blog", month=None, day=None)]
    assert [k for k, _ in bibliography_entries(refs, "chicago-author-date")] == ["a", "b"]


# ----------------------------------------------------------------------------- substitution


def test_subsequent_author_substitute(tmp_path):
    style = make_style(tmp_path, bibliography_attrs='subsequent-author-substitute="———"',
                       bibliography='<group delimiter=". "><names variable="author"><name/></names>'
                                    '<text variable="title"/></group>', sort='<sort><key variable="title"/></sort>')
    refs = [post("a", "A", ("Arora", "Sanjeev")), post("b", "B", ("Arora", "Sanjeev")),
            post("c", "C", ("Arora", "Sanjeev"), ("Ma", "Tengyu")), post("d", "D", ("Arora", "Sanjeev"))]
    assert render(refs, style).splitlines() == [
        "Sanjeev Arora. A", "———. B", "Sanjeev Arora, Tengyu Ma. C", "Sanjeev Arora. D"]


def test_substituted_variable_is_not_printed_twice(tmp_path):
    style = make_style(tmp_path, macros='<macro name="title"><text variable="title" font-style="italic"/></macro>',
                       bibliography='<group delimiter=". "><names variable="author"><substitute>'
                                    '<text macro="title"/></substitute></names>'
                                    + YEAR + '<text macro="title"/><text variable="container-title"/></group>')
    refs = [Reference(id="n", title="No author here", issued=Date(2016), container_title="Blog")]
    assert render(refs, style) == "No author here. 2016. Blog\n"
    assert render(refs, style, format="html").count("No author here") == 1


# ----------------------------------------------------------------------------- styles


def test_dependent_style_renders_like_its_parent():
    from blogbib.render.styles import resolve_style

    source = resolve_style("ieee-access")
    assert source.parent == "ieee"
    refs = [post("a", "A post", ("Doe", "Jane"))]
    assert render(refs, "ieee-access") == render(refs, "ieee")


def test_generated_citation_label(tmp_path):
    style = make_style(tmp_path, citation='<text variable="citation-label"/>',
                       citation_attrs='disambiguate-add-year-suffix="true"')
    refs = [post("a", "A", ("Müller", "J"), ("Çelik", "Z"), year=2021), post("b", "B", ("Müller", "J"),
                                                                             ("Çelik", "Z"), year=2021),
            post("c", "C", ("Beethoven", "L"), year=2020)]
    assert cite(refs, style) == ["MüÇe21a", "MüÇe21b", "Beet20"]


# ----------------------------------------------------------------------------- cs:group suppression


def test_group_suppression_sees_variables_behind_macros_and_substitutes(tmp_path):
    macros = ('<macro name="who"><names variable="editor"><substitute><text variable="publisher"/></substitute>'
              '</names></macro>')
    style = make_style(tmp_path, macros=macros, bibliography_attrs='second-field-align="flush"',
                       bibliography='<text variable="citation-number" suffix="."/>'
                                    '<group delimiter=": "><text value="By"/><text macro="who"/></group>'
                                    '<group prefix=" (" suffix=")"><text value="no"/><text variable="volume"/>'
                                    '</group><group prefix=" #"><text variable="citation-number"/></group>')
    with_publisher = Reference(id="p", title="T", extra=(("publisher", "Acme & Co"),))
    plain = Reference(id="q", title="T")
    assert render([with_publisher, plain], style).splitlines() == ["1. By: Acme & Co #1", "2. #2"]


@pytest.mark.parametrize("demote, order", [("sort-only", ["vb", "c"]), ("display-and-sort", ["vb", "c"]),
                                           ("never", ["c", "vb"])])
def test_demote_non_dropping_particle_in_sorting(tmp_path, demote, order):
    for key in ('<key macro="author"/>', '<key variable="author"/>'):
        style = make_style(tmp_path, f"demote-{key[5:8]}", style_attrs=f'demote-non-dropping-particle="{demote}"',
                           macros='<macro name="author"><names variable="author"><name name-as-sort-order="all"/>'
                                  '</names></macro>',
                           bibliography='<text macro="author"/>', sort=f"<sort>{key}</sort>")
        refs = [Reference(id="vb", title="T", author=(Name(family="Beethoven", given="Ludwig",
                                                           non_dropping_particle="van"),)),
                Reference(id="c", title="T", author=(Name(family="Carter", given="Ann"),))]
        entries = bibliography_entries(refs, style)
        assert [k for k, _ in entries] == order, key
    shown = dict(entries)["vb"]
    assert shown == ("Beethoven, Ludwig van" if demote == "display-and-sort" else "van Beethoven, Ludwig")


def test_stray_punctuation_of_an_empty_field_goes(tmp_path):
    # elsevier-harvard: `<group prefix=". "><text macro="title"/><text macro="container"/>` where the
    # container has its own prefix ". " and the title was used as the author (so it is suppressed)
    refs = [Reference(id="a", title="Why go off the path?", container_title="Off the Path",
                      issued=Date(2019, 12, 11), url="https://example.org/e")]
    assert render(refs, "elsevier-harvard") == "Why go off the path?, 2019. Off the Path. URL https://example.org/e\n"
    assert html_free(render(refs, "elsevier-harvard", format="html")).count(". .") == 0


def test_italic_item_markup_inside_an_italic_field_prints_upright(tmp_path):
    style = make_style(tmp_path, bibliography='<text variable="title" font-style="italic"/>')
    refs = [post("a", "Notes on <i>Homo sapiens</i> today", ("Doe", "J"))]
    assert render(refs, style, format="html") == (
        '<div class="csl-bib-body">\n  <div class="csl-entry"><i>Notes on <span style="font-style:normal;">Homo '
        'sapiens</span> today</i></div>\n</div>\n')
    assert render(refs, style, format="markdown") == "*Notes on Homo sapiens today*\n"
    assert render(refs, style) == "Notes on Homo sapiens today\n"


def test_givenname_disambiguation_rule_primary_name_with_initials(tmp_path):
    style = make_style(tmp_path, citation_attrs='disambiguate-add-givenname="true" '
                                                'givenname-disambiguation-rule="primary-name-with-initials"',
                       citation='<names variable="author"><name form="short" and="text"/></names>')
    refs = [post("x", "X", ("Smith", "John"), ("Doe", "Ann")), post("y", "Y", ("Smith", "Anna"), ("Doe", "Ann")),
            post("z", "Z", ("Smith", "Jack"), ("Doe", "Ann"))]
    # initials only, first name only: J. Smith stays ambiguous (no full names under this rule)
    assert cite(refs, style) == ["J. Smith and Doe", "A. Smith and Doe", "J. Smith and Doe"]


# ----------------------------------------------------------------------------- data


def test_name_and_date_variables_kept_in_extra_reach_the_engine():
    from blogbib.formats.csl_json import from_csl

    ref = from_csl({"id": "t", "type": "chapter", "title": "Kernels", "container-title": "Handbook",
                    "author": [{"family": "Tanaka", "given": "Hiro"}], "issued": {"date-parts": [[2018]]},
                    "editor": [{"family": "Brennan", "given": "Siobhan"}, {"family": "Wolff", "given": "Dieter"}],
                    "original-date": {"date-parts": [[1999]]}, "publisher": "Springer"})
    assert render([ref], "chicago-author-date") == (
        "Tanaka, Hiro. (1999) 2018. “Kernels.” In Handbook, edited by Siobhan Brennan and Dieter Wolff. "
        "Springer.\n")
