import pytest

from blogbib.keys import assign_keys, make_key, validate_pattern
from blogbib.model import Date, Name, Reference


def ref(title, family=None, year=None, literal=None, **kw):
    author = (Name(family=family, given="X"),) if family else ((Name(literal=literal),) if literal else ())
    return Reference(title=title, author=author, issued=Date(year) if year else None, **kw)


def test_keys_match_the_oracle_items(offconvex, oracle_items):
    # The oracle's ids were made independently (citeproc-js fixtures): same scheme, same suffixes.
    assert [r.id for r in offconvex] == [item["id"] for item in oracle_items]


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


def test_no_author_no_date():
    assert make_key(Reference(title="A note", container_title="Gradient Notes")) == "gradientndnote"


def test_suffixes_are_deterministic_and_first_keeps_bare_key():
    refs = [ref("Generalization one", "Arora", 2017), ref("Generalization two", "Arora", 2017),
            ref("Generalization three", "Arora", 2017)]
    assert [r.id for r in assign_keys(refs)] == ["arora2017generalization", "arora2017generalizationa",
                                                 "arora2017generalizationb"]


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
