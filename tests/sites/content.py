"""The posts of the fixture blogs: facts about real posts (title, date, byline as written, how each name splits).

The core is the 51 posts of *Off the Convex Path* (tests/data/fixtures/offconvex-listing.txt for the title,
date and byline; the name splits and URL slugs from tests/data/oracle/items/offconvex.json).  ``EXTRA`` adds
posts from other technical blogs whose bylines are hard: organisations, a single lower-case name, a CJK name,
particles, a two-word family name, four authors.  Bodies are not taken from anywhere: ``body()`` writes one.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LISTING = ROOT / "tests" / "data" / "fixtures" / "offconvex-listing.txt"
ITEMS = ROOT / "tests" / "data" / "oracle" / "items" / "offconvex.json"

# Posts from other blogs, as their pages give them.  A person is (given, particle, family); an
# organisation is a string.  ``blog`` is where the post appeared (the fixture sites all carry the posts
# under their own blog title).
EXTRA = [
    dict(title="An Introduction To Generics", date="2022-03-22", blog="The Go Blog", slug="intro-generics",
         people=[("Robert", None, "Griesemer"), ("Ian Lance", None, "Taylor")]),
    dict(title="Go 1.18 is released!", date="2022-03-15", blog="The Go Blog", slug="go1-18",
         people=["The Go Team"]),
    dict(title="Announcing Rust 1.70.0", date="2023-06-01", blog="Rust Blog", slug="rust-1-70-0",
         people=["The Rust Release Team"]),
    dict(title="Transformer升级之路：2、博采众长的旋转式位置编码", date="2021-03-23", blog="科学空间",
         slug="transformer-upgrade-2-rope", people=[(None, None, "苏剑林")]),
    dict(title="Write code that is easy to delete, not easy to extend.", date="2016-02-13",
         blog="programming is terrible", slug="easy-to-delete", people=[(None, None, "tef")]),
    dict(title="Pathways Language Model (PaLM): Scaling to 540 Billion Parameters for Breakthrough Performance",
         date="2022-04-04", blog="Google AI Blog", slug="palm-scaling-to-540b",
         people=[("Sharan", None, "Narang"), ("Aakanksha", None, "Chowdhery")]),
    dict(title="Python 3.11.0 is now available", date="2022-10-24", blog="Python Insider", slug="python-3-11-0",
         people=[("Pablo", None, "Galindo Salgado")]),
    dict(title="Tail Recursion Elimination", date="2009-04-22", blog="Neopythonic",
         slug="tail-recursion-elimination", people=[("Guido", "van", "Rossum")]),
    dict(title="Illustrating Reinforcement Learning from Human Feedback (RLHF)", date="2022-12-09",
         blog="Hugging Face Blog", slug="rlhf",
         people=[("Nathan", None, "Lambert"), ("Louis", None, "Castricato"), ("Leandro", "von", "Werra"),
                 ("Alex", None, "Havrilla")]),
    dict(title="PyTorch 2.0: Our next generation release that is faster, more Pythonic and Dynamic as ever",
         date="2022-12-02", blog="PyTorch Blog", slug="pytorch-2-0-release", people=["Team PyTorch"]),
]

# Every fifth post carries a time of day late in the evening, so that a reader that moves a date into UTC
# shifts it to the next day on sites west of Greenwich (and date-only posts shift back east of it).
LATE = "23:30:00"


def person(entry) -> dict:
    """One author of the truth: as written, and its expected split (or literal)."""
    if isinstance(entry, str):
        return {"name": entry, "literal": entry}
    given, particle, family = entry
    name = " ".join(p for p in (given, particle, family) if p)
    out = {"name": name, "family": family}
    if given:
        out["given"] = given
    if particle:
        out["particle"] = particle
    return out


def _offconvex() -> list[dict]:
    lines = [l for l in LISTING.read_text(encoding="utf-8").splitlines() if l.strip()]
    items = json.loads(ITEMS.read_text(encoding="utf-8"))
    posts = []
    for (title, meta), item in zip(zip(lines[0::2], lines[1::2]), items):
        m = re.match(r"([A-Z][a-z]{2} \d{1,2}, \d{4}) \(([^)]*)\)", meta)
        assert m and item["title"] == title, (title, item["title"])
        date = datetime.strptime(m.group(1), "%b %d, %Y").date().isoformat()
        byline = m.group(2)
        written = [w for w in re.split(r",\s*|\s+and\s+", byline) if w]
        assert len(written) == len(item["author"]), (byline, item["author"])
        people = []
        for w, a in zip(written, item["author"]):
            people.append({"name": w, "literal": w} if "literal" in a else
                          {"name": w, "given": a["given"], "family": a["family"]})
        slug = item["URL"].rstrip("/").rsplit("/", 1)[1]
        posts.append(dict(title=title, date=date, byline=byline, people=people, slug=slug,
                          blog="Off the Convex Path"))
    return posts


def _byline(people: list[dict]) -> str:
    names = [p["name"] for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def posts() -> list[dict]:
    """Every post, newest first: title, date (ISO), time (or None), byline, people, slug, blog."""
    out = _offconvex()
    for e in EXTRA:
        people = [person(p) for p in e["people"]]
        out.append(dict(title=e["title"], date=e["date"], byline=_byline(people), people=people, slug=e["slug"],
                        blog=e["blog"]))
    out.sort(key=lambda p: p["date"], reverse=True)
    seen: set[str] = set()
    for p in reversed(out):  # two posts of the blog share a slug (they differ in their date path)
        while p["slug"] in seen:
            p["slug"] += "-2"
        seen.add(p["slug"])
    for i, p in enumerate(out):
        p["time"] = LATE if i % 5 == 2 else None
    return out


def body(post: dict) -> str:
    """A short body written for the fixtures (no post text is copied)."""
    return (f"This fixture post stands in for “{post['title']}”, first published on {post['blog']}. "
            f"Its text is a placeholder written for blogbib's tests; only the title, date and authors are "
            f"the real post's.\n")
