"""Keys as a blog grows: every earlier state of the shared listing, and the posts in any order.

The listing is newest first, so the state of the blog before a post was
published is the listing from the next post on.  Each state is exported and
every post's key must be the key it has in the export of the whole listing.
"""

from __future__ import annotations

import json
import random

import pytest

import blogbib

BLOG = "Off the Convex Path"


def _posts(listing_path):
    """The listing's text, cut into one block per post (newest first), and the posts read from it."""
    text = listing_path.read_text(encoding="utf-8")
    refs = blogbib.read(listing_path, blog_title=BLOG)
    lines = text.splitlines(keepends=True)
    starts = [ref.origin.line - 1 for ref in refs]
    blocks = ["".join(lines[a:b]) for a, b in zip(starts, starts[1:] + [len(lines)])]
    assert "".join(blocks) == "".join(lines[starts[0]:]) and len(blocks) == 51
    return [block.rstrip("\n") + "\n\n" for block in blocks]  # each post ends with a blank line, last too


def _keys(text: str) -> dict[tuple[str, str], str]:
    """(title, date) → key, from a CSL-JSON export of ``text``."""
    result = blogbib.export([text], "csl-json", blog_title=BLOG)
    assert not result.errors
    items = json.loads(result.text)
    return {(item["title"], str(item["issued"]["date-parts"][0])): item["id"] for item in items}


@pytest.fixture(scope="module")
def blocks(listing_path):
    return _posts(listing_path)


@pytest.fixture(scope="module")
def full(blocks):
    return _keys("".join(blocks))


def test_every_earlier_state_of_the_blog_gives_the_same_keys(blocks, full):
    assert len(full) == 51
    for cut in range(1, len(blocks)):
        earlier = _keys("".join(blocks[cut:]))  # the blog before the cut-th newest post was published
        assert len(earlier) == len(blocks) - cut
        moved = {post: (key, full[post]) for post, key in earlier.items() if full[post] != key}
        assert not moved, f"keys moved when {len(blocks) - cut} posts became {len(blocks)}: {moved}"


def test_the_two_clashes_of_the_listing_keep_the_older_post_bare(full):
    by_title = {title: key for (title, _), key in full.items()}
    part1 = next(t for t in by_title if t.startswith("Deep-learning-free") and t.endswith("Part 1"))
    part2 = next(t for t in by_title if t.startswith("Deep-learning-free") and t.endswith("Part 2"))
    assert (by_title[part1], by_title[part2]) == ("arora2018deep", "arora2018deepa")
    assert by_title["Generalization and Equilibrium in Generative Adversarial Networks (GANs)"] == \
        "arora2017generalization"


@pytest.mark.parametrize("order", ["reversed", "seed-1", "seed-2", "seed-3"])
def test_inputs_in_another_order_give_the_same_keys(blocks, full, order):
    shuffled = list(reversed(blocks)) if order == "reversed" else random.Random(order).sample(blocks, len(blocks))
    assert shuffled != blocks
    assert _keys("".join(shuffled)) == full


def test_several_inputs_in_either_order_give_the_same_keys(blocks, full):
    halves = ["".join(blocks[::2]), "".join(blocks[1::2])]
    for inputs in (halves, halves[::-1]):
        result = blogbib.export(inputs, "csl-json", blog_title=BLOG)
        items = json.loads(result.text)
        assert {(i["title"], str(i["issued"]["date-parts"][0])): i["id"] for i in items} == full
