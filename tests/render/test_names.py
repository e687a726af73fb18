"""cs:names and cs:name (CSL 1.0.2 "Names"), with citeproc-js as the reference."""

from __future__ import annotations

from blogbib.render.csl import Processor

from .test_processor import style

ITEM = {"id": "a", "type": "book", "title": "T",
        "author": [{"family": "Arora", "given": "Sanjeev"}, {"family": "Ma", "given": "Tengyu"},
                   {"family": "Ge", "given": "Rong"}]}


def test_small_caps_on_a_name_dress_each_name_not_the_and_or_et_al():
    p = Processor(style(bibliography='<names variable="author"><name font-variant="small-caps" and="text" '
                                     'prefix="[" suffix="]"/></names>'))
    sc = '<span style="font-variant:small-caps;">{}</span>'
    assert p.bibliography([ITEM], "html") == [
        ("a", '  <div class="csl-entry">[' + sc.format("Sanjeev Arora") + ", " + sc.format("Tengyu Ma") + ", and "
         + sc.format("Rong Ge") + "]</div>")]
    et_al = Processor(style(bibliography='<names variable="author"><name font-weight="bold" et-al-min="3" '
                                         'et-al-use-first="1"/></names>'))
    assert et_al.bibliography([ITEM], "html") == [("a", '  <div class="csl-entry"><b>Sanjeev Arora</b> et al.</div>')]


def test_initials_of_a_hyphenated_given_name_drop_a_lower_case_part():
    p = Processor(style(bibliography='<names variable="author"><name initialize-with=". "/></names>'))
    items = [{"id": k, "type": "book", "author": [{"family": "Park", "given": given}]}
             for k, given in (("a", "Ji-won"), ("b", "Jean-Paul"))]
    assert p.bibliography(items) == [("a", "J. Park"), ("b", "J.-P. Park")]


def test_cjk_and_and_et_al_terms_take_no_spaces():
    short = '<names variable="author"><name form="short" and="text" et-al-min="4" et-al-use-first="1"/></names>'
    p = Processor(style(bibliography=short), "zh-CN")
    items = [{"id": "two", "type": "book", "author": [{"family": "A"}, {"family": "B"}]},
             {"id": "many", "type": "book", "author": [{"family": f} for f in ("Bai", "C", "D", "E")]}]
    assert p.bibliography(items) == [("two", "A和B"), ("many", "Bai等")]
    english = Processor(style(bibliography=short), "en-US")
    assert english.bibliography(items) == [("two", "A and B"), ("many", "Bai et al.")]


def test_family_name_part_formats_an_institutional_name_too():
    p = Processor(style(bibliography='<names variable="author"><name><name-part name="family" '
                                     'text-case="uppercase"/></name></names>'))
    items = [{"id": "a", "type": "report", "author": [{"literal": "blogmasters"}, {"family": "Ma", "given": "T"}]}]
    assert p.bibliography(items) == [("a", "BLOGMASTERS, T MA")]


def test_text_case_on_a_macro_that_holds_names():
    p = Processor(style(bibliography='<text macro="author" text-case="uppercase"/>'))
    items = [{"id": "a", "type": "book", "author": [{"family": "van Gogh", "given": "V"}, {"literal": "Acme Inc."}]}]
    assert p.bibliography(items) == [("a", "VAN GOGH & ACME INC.")]


def test_initials_written_with_periods_are_kept_and_initialize_false_only_normalizes_them():
    items = [{"id": k, "type": "book", "author": [{"family": "X", "given": given}]}
             for k, given in (("a", "John M.E."), ("b", "ME"), ("c", "Ph. M.E."))]

    def names(attrs: str) -> list[str]:
        p = Processor(style(bibliography=f'<names variable="author"><name {attrs}/></names>'))
        return [entry for _, entry in p.bibliography(items)]

    assert names('initialize-with=". "') == ["J. M. E. X", "M. X", "Ph. M. E. X"]
    assert names('initialize-with=". " initialize="false"') == ["John M. E. X", "ME X", "Ph. M. E. X"]
    assert names('initialize-with=""') == ["JME X", "M X", "PhME X"]


def test_et_al_use_first_zero_prints_no_names():
    p = Processor(style(bibliography='<names variable="author"><name et-al-min="2" et-al-use-first="0"/></names>'
                                     '<text variable="title"/>'))
    assert p.bibliography([ITEM]) == [("a", "T")]


def test_particles_written_into_family_and_given_names_are_parsed_as_citeproc_js_does():
    p = Processor(style(bibliography='<names variable="author"><name name-as-sort-order="all"/></names>'))
    items = [{"id": k, "type": "book", "author": [{"family": f, "given": g}]}
             for k, f, g in (("a", "van Gogh", "Vincent"), ("b", "Humboldt", "Alexander von"), ("c", "al-One", "Alan"),
                             ("d", '"van Happel"', "Eduard"), ("e", "d'Aubignac", "François"))]
    # demote-non-dropping-particle="display-and-sort" (the default) puts the particle after the given name
    assert [entry for _, entry in p.bibliography(items)] == [
        "Gogh, Vincent van", "Humboldt, Alexander von", "One, Alan al-", "van Happel, Eduard", "Aubignac, François d’"]


def test_a_suffix_after_a_comma_in_the_given_name_and_comma_suffix():
    p = Processor(style(bibliography='<names variable="author"><name/></names>'))
    items = [{"id": k, "type": "book", "author": [author]} for k, author in (
        ("a", {"family": "Doe", "given": "John, III"}), ("b", {"family": "Doe", "given": "John,! Jr."}),
        ("c", {"family": "Doe", "given": "Jeffrey", "suffix": "Jr.", "comma-suffix": True}))]
    assert [entry for _, entry in p.bibliography(items)] == ["John Doe III", "John Doe, Jr.", "Jeffrey Doe, Jr."]


def test_a_given_name_opening_with_two_capitals_keeps_both_in_its_initial():
    p = Processor(style(bibliography='<names variable="author"><name initialize-with="."/></names>'))
    items = [{"id": "a", "type": "book", "author": [{"family": "Tserendorj", "given": "TSerendorjiin"}]}]
    assert p.bibliography(items) == [("a", "Ts. Tserendorj")]


def test_a_label_in_names_without_a_name_element_follows_the_names():
    # cs:names holding only a cs:label (the NLM styles' editors): the implicit cs:name comes first;
    # a label written before an explicit cs:name goes before the names.
    item = {"id": "a", "type": "chapter", "editor": [{"family": "Brennan", "given": "S"}, {"family": "Wolff", "given": "D"}]}
    after = Processor(style(bibliography='<names variable="editor"><label prefix=", "/></names>'))
    before = Processor(style(bibliography='<names variable="editor"><label suffix=" "/><name/></names>'))
    assert after.bibliography([item]) == [("a", "S Brennan, D Wolff, editors")]
    assert before.bibliography([item]) == [("a", "editors S Brennan, D Wolff")]


def test_a_bare_names_in_a_choose_of_a_substitute_stands_in_with_the_parents_name_and_label():
    # Chicago's author macro: <substitute><choose>…<names variable="editor"/>…</choose></substitute>; the
    # editors then print as the authors would, with the role label, and nowhere else in the entry.
    macro = ('<macro name="author"><names variable="author"><name name-as-sort-order="first" and="text" '
             'delimiter-precedes-last="always"/><label form="short" prefix=", "/><substitute><choose><if type="book">'
             '<names variable="editor"/></if></choose></substitute></names></macro>')
    p = Processor(style(bibliography='<group delimiter=". "><text macro="author"/><text variable="title"/>'
                                     '<names variable="editor translator"><label form="verb" suffix=" "/><name/></names>'
                                     '</group>', macros=macro))
    item = {"id": "a", "type": "book", "title": "Handbook",
            "editor": [{"family": "Ito", "given": "Aya"}, {"family": "Berg", "given": "Pieter"}]}
    assert p.bibliography([item]) == [("a", "Ito, Aya, and Pieter Berg, eds. Handbook")]
