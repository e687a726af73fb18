import pytest

from blogbib.keys import MAX_KEY, assign_keys, make_key, validate_pattern
from blogbib.model import Date, Name, Reference


def ref(title, family=None, year=None, literal=None, **kw):
    author = (Name(family=family, given="X"),) if family else ((Name(literal=literal),) if literal else ())
    return Reference(title=title, author=author, issued=Date(year) if year else None, **kw)


def test_keys_match_the_oracle_items_with_suffixes_in_date_order(offconvex, oracle_items):
    # The oracle's ids were made independently (citeproc-js fixtures) with the same scheme, but suffixes in
    # input order (newest first); ours go oldest first.  Same keys; where two posts share a base, the older
    # holds it bare.
    keys = [r.id for r in offconvex]
    assert sorted(keys) == sorted(item["id"] for item in oracle_items)
    by_key = {r.id: r for r in offconvex}
    pairs = [(key, key + "a") for key in keys if key + "a" in by_key]
    assert {key for key, _ in pairs} == {"arora2018deep", "arora2017generalization"}
    for bare, suffixed in pairs:
        assert by_key[bare].issued.sort_key() < by_key[suffixed].issued.sort_key()
    assert by_key["arora2018deep"].title.endswith("Part 1")


def test_keys_are_unique_and_stable(offconvex, listing_path):
    import blogbib

    again = blogbib.read(listing_path, blog_title="Off the Convex Path")
    keys = [r.id for r in offconvex]
    assert len(set(keys)) == len(keys) == 51
    assert keys == [r.id for r in again]


@pytest.mark.parametrize("title, key", [
    ("How to Escape Saddle Points Efficiently", "jin2017escape"),
    ("Ultra-Wide Deep Nets", "jin2017ultra"),
    ("Is Optimization a Sufficient Language?", "jin2017optimization"),
    ("The search for biologically plausible computation", "jin2017search"),
    ("Żółć and Łódź", "jin2017zolc"),
])
def test_first_significant_title_word(title, key):
    assert make_key(ref(title, "Jin", 2017)) == key


def test_ascii_transliteration_of_family():
    assert make_key(ref("Post", "Kierkegård", 2020)) == "kierkegard2020post"


def test_literal_author_uses_its_first_significant_word():
    assert make_key(ref("Reading", literal="The Editors", year=2023)) == "editors2023reading"


def test_no_author_takes_title_words_not_the_blog_name():
    post = Reference(title="How to Escape Saddle Points", container_title="Off the Convex Path", issued=Date(2017))
    assert make_key(post) == "escape2017saddle"  # {title} takes the word after the one {auth} took
    assert make_key(post, "{auth}") == "escape"
    assert make_key(post, "{title}{year}") == "escape2017"  # no {auth}: {title} is the first word
    assert make_key(post, "{auth|anon}{year}{title}") == "anon2017escape"  # an explicit fallback
    assert make_key(Reference(issued=Date(2017))) == "anon2017"  # nothing to take a word from


def test_no_date_gives_no_nd_unless_the_pattern_asks():
    post = ref("A note on priors", "Doe")
    assert make_key(post) == "doenote"
    assert make_key(post, "{auth}{year|nd}{title}") == "doendnote"
    assert make_key(post, "{auth}_{shortyear|XX}") == "doe_XX"
    assert make_key(ref("A note", "Doe", 2020), "{auth}{year|nd}") == "doe2020"


@pytest.mark.parametrize("title, key", [
    ("May 2020 Update", "lee2020may"),  # a month before a year counts, though "may" is a stop word
    ("2020 in Review", "lee2020review"),  # a leading year is skipped
    ("1984 Revisited", "lee2020revisited"),
    ("NIPS 2015 workshop", "lee2020nips"),
    ("May the best model win", "lee2020best"),  # "may" without a year is a stop word
    ("GPT-4 and 2020", "lee2020gpt"),
])
def test_years_and_months_in_titles(title, key):
    assert make_key(ref(title, "Lee", 2020)) == key


def test_shorttitle_keeps_a_year_after_the_first_word():
    assert make_key(ref("May 2020 Update", "Lee", 2020), "{shorttitle}") == "may2020update"


@pytest.mark.parametrize("title, key", [
    ("深度学习的理论与实践：从优化到泛化的统一视角", "wang2021shenduxuexi"),
    ("機械学習の基礎", "wang2021jixiexuexi"),
    ("딥러닝 입문", "wang2021dibleoning"),
])
def test_cjk_titles_give_a_few_syllables(title, key):
    assert make_key(ref(title, "Wang", 2021)) == key


def test_every_generated_key_is_at_most_40_characters():
    long = ref("Pneumonoultramicroscopicsilicovolcanoconiosis explained", "Wolfeschlegelsteinhausenbergerdorff", 2020)
    key = make_key(long)
    assert len(key) == MAX_KEY == 40 and key.startswith("wolfeschlegelsteinhausenbergerdorff2020")
    keys = [r.id for r in assign_keys([long, long])]
    assert keys == [key, key + "a"]
    assert len(make_key(ref("x", "Ab", 2020), "{shorttitle}" * 30)) <= 40


def test_suffixes_follow_date_order_oldest_first():
    refs = [day(2017, 12, 8, "Generalization one"), day(2017, 3, 30, "Generalization two"),
            day(2017, 6, 1, "Generalization three")]
    assert [r.id for r in assign_keys(refs)] == ["arora2017generalizationb", "arora2017generalization",
                                                 "arora2017generalizationa"]


def test_generated_key_never_steals_an_existing_one():
    existing = Reference(id="arora2017generalizationa", title="Other")
    refs = [ref("Generalization one", "Arora", 2017), ref("Generalization two", "Arora", 2017), existing]
    keys = [r.id for r in assign_keys(refs)]
    assert len(set(keys)) == 3 and keys[2] == "arora2017generalizationa"


def test_pattern():
    r = ref("Deep Nets Without Tears", "van Rossum", 2019)
    assert make_key(r, "{Auth}_{shortyear}") == "vanRossum_19"
    assert make_key(r, "{auth}:{shorttitle}") == "vanrossum:deepnetswithout"
    with pytest.raises(ValueError, match="unknown key field"):
        validate_pattern("{author}{year}")
    with pytest.raises(ValueError, match="no field"):
        validate_pattern("static")


def test_explicit_pattern_regenerates_existing_keys():
    r = Reference(id="custom", title="Saddles Again", author=(Name(family="Recht", given="Ben"),),
                  issued=Date(2016))
    assert assign_keys([r])[0].id == "custom"
    assert assign_keys([r], "{auth}{year}")[0].id == "recht2016"



@pytest.mark.parametrize("pattern", ["@", "{blog}"])
def test_a_pattern_giving_an_empty_key_gives_ref(pattern):
    # "@" cleans to no text and no field; "{blog}" of a post without a blog is empty.
    refs = [Reference(title="Post"), Reference(title="Post")]
    assert make_key(refs[0], pattern) == "ref"
    assert [r.id for r in assign_keys(refs, pattern)] == ["ref", "refa"]


def day(y, m, d, title, url=None, family="Arora"):
    return Reference(title=title, author=(Name(family=family, given="S"),), issued=Date(y, m, d), url=url)


def test_same_day_clashes_order_by_url_then_title():
    a = day(2018, 6, 17, "Deep one", url="http://www.example.org/b/")
    b = day(2018, 6, 17, "Deep two", url="https://example.org/a")  # normalised: example.org/a < example.org/b
    c = day(2018, 6, 17, "Deep three")  # no URL sorts first, then by title
    d = day(2018, 6, 17, "Deep four")
    for refs in ([a, b, c, d], [d, c, b, a], [b, d, a, c]):
        keys = {r.title: r.id for r in assign_keys(refs)}
        assert keys == {"Deep four": "arora2018deep", "Deep three": "arora2018deepa",
                        "Deep two": "arora2018deepb", "Deep one": "arora2018deepc"}


def test_undated_posts_come_after_dated_ones():
    refs = [Reference(title="Deep x", author=(Name(family="Arora", given="S"),)),
            Reference(title="Deep y", author=(Name(family="Arora", given="S"),), issued=Date(2018))]
    assert [r.id for r in assign_keys(refs, "{auth}{title}")] == ["aroradeepa", "aroradeep"]


def test_a_later_post_never_moves_an_earlier_key():
    # A new post whose own key is an older post's suffixed key takes a suffix itself.
    older = [day(2017, 1, 1, "Deep one"), day(2017, 2, 1, "Deep two")]
    newer = day(2018, 1, 1, "x", family="Arora")
    newer = Reference(title="Deepa", author=newer.author, issued=Date(2017, 3, 1))
    before = [r.id for r in assign_keys(older)]
    after = [r.id for r in assign_keys([newer, *older])]
    assert before == ["arora2017deep", "arora2017deepa"] and after[1:] == before
    assert after[0] == "arora2017deepaa"


def test_pinned_keys_are_kept_and_avoided():
    saddle = day(2017, 7, 19, "How to Escape Saddle Points Efficiently", url="http://www.offconvex.org/2017/07/19/s/")
    other = day(2017, 8, 1, "Escape velocity")
    pins = [Reference(id="myjin", title="Anything", url="https://offconvex.org/2017/07/19/s/index.html"),
            Reference(id="arora2017escape", title="Not here"),
            Reference(id="velo", title="ESCAPE   velocity!", issued=Date(2017, 8, 1))]
    got = assign_keys([saddle, other, day(2017, 9, 1, "Escape")], pinned=pins)
    assert [r.id for r in got] == ["myjin", "velo", "arora2017escapea"]
    # Whatever the pattern says, and over a key the source gives.
    given = Reference(id="arora2017escape", title="Escape", author=saddle.author, issued=Date(2017, 9, 1))
    assert [r.id for r in assign_keys([saddle, given], "{auth}{year}", pinned=pins)] == ["myjin", "arora2017"]
    assert [r.id for r in assign_keys([given], pinned=pins)] == ["arora2017escapea"]


def test_a_pinned_entry_is_taken_once_by_the_oldest_matching_post():
    a = day(2017, 7, 19, "Same", url="http://e.org/p")
    b = day(2017, 7, 19, "Same", url="http://e.org/p")
    pins = [Reference(id="pin", url="http://e.org/p/")]
    assert sorted(r.id for r in assign_keys([a, b], pinned=pins)) == ["arora2017same", "pin"]


def test_a_pinned_entry_with_no_date_pins_the_post_of_its_title_whatever_its_date():
    # An undated pinned entry has no date to disagree with, so the title alone finds the post;
    # an undated post likewise finds a dated pinned entry of its title.
    dated, undated = day(1999, 1, 1, "How"), Reference(title="Why", author=day(1999, 1, 1, "x").author)
    pins = [Reference(id="pinhow", title="How"), Reference(id="pinwhy", title="Why", issued=Date(2005))]
    assert [r.id for r in assign_keys([dated, undated], pinned=pins)] == ["pinhow", "pinwhy"]
