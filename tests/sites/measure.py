"""Read the fixture sites (tests/data/sites) with blogbib and score every field against truth.json.

For each site and input kind (``index``: index pages 1 and 2; ``feed``: the feed the home page
advertises; ``posts``: every post page, read one by one; ``all``: every index page, feed and post page
read together; ``crawl``: the site's address fetched over a local HTTP server, with its feed and sitemap;
``crawl+posts``: the same with every post page found fetched too) this counts
the posts the input holds (a post is expected when the input links to it), the posts blogbib found, the
entries it made that are no post of the site (``extra``), and, of the posts found, those whose title,
date, authors (each split as the truth splits it) and URL are right.  Missing posts and wrong fields
are kept by post, so the test can tell a change in either direction.

Also a script: ``python -m tests.sites.measure [SITE ...]`` prints the table, and ``--wrong`` every
wrong field with what blogbib read.
"""

from __future__ import annotations

import html
import json
import mimetypes
import os
import re
import sys
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
SITES_DIR = ROOT / "tests" / "data" / "sites"
SCORES = Path(__file__).resolve().parent / "scores.json"
KINDS = ("index", "feed", "posts", "all", "crawl", "crawl+posts")
FIELDS = ("title", "date", "authors", "url")
CRAWL_PAGES = 20  # more than any fixture site's index pages
LAST: dict = {}  # the last measurement in this process, for the test run's terminal summary


def sites() -> list[str]:
    return sorted(p.parent.name for p in SITES_DIR.glob("*/truth.json"))


def truth(site: str) -> dict:
    return json.loads((SITES_DIR / site / "truth.json").read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- comparing


def norm_text(text: str | None) -> str:
    text = unicodedata.normalize("NFC", html.unescape(text or ""))
    return " ".join(text.split())


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def norm_title(text: str | None) -> str:
    """Typographic quotes are the generator's rendering (kramdown, smartypants), not the title's."""
    return norm_text(text).translate(QUOTES)


def norm_url(url: str | None) -> str:
    """Scheme and host case, ``index.html`` and a missing trailing slash do not matter."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    path = re.sub(r"(^|/)index\.html?$", r"\1", parts.path)
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def name_ok(got, want: dict) -> bool:
    """One author: a literal for an organisation; else given name and family name (with particles)."""
    if "literal" in want:
        return norm_text(got.literal) == norm_text(want["literal"]) and not got.family
    if got.literal:
        return False
    family = " ".join(p for p in (got.dropping_particle, got.non_dropping_particle, got.family) if p)
    want_family = " ".join(p for p in (want.get("particle"), want["family"]) if p)
    return norm_text(family) == norm_text(want_family) and norm_text(got.given) == norm_text(want.get("given"))


def show_names(names) -> str:
    out = []
    for n in names:
        if n.literal:
            out.append(f"{{{n.literal}}}")
        else:
            family = " ".join(p for p in (n.dropping_particle, n.non_dropping_particle, n.family) if p)
            out.append(f"{family}, {n.given}" if n.given else family)
    return "; ".join(out)


def show_truth_names(people: list[dict]) -> str:
    out = []
    for p in people:
        if "literal" in p:
            out.append(f"{{{p['literal']}}}")
        else:
            family = " ".join(x for x in (p.get("particle"), p["family"]) if x)
            out.append(f"{family}, {p['given']}" if p.get("given") else family)
    return "; ".join(out)


def check(ref, post: dict) -> dict[str, tuple[str, str] | None]:
    """Each field: None when right, else (what blogbib read, what the truth says)."""
    issued = ref.issued
    got_date = (f"{issued.year:04d}-{issued.month or 0:02d}-{issued.day or 0:02d}" if issued else "")
    authors_ok = len(ref.author) == len(post["authors"]) and all(
        name_ok(g, w) for g, w in zip(ref.author, post["authors"]))
    result = {
        "title": None if norm_title(ref.title) == norm_title(post["title"]) else (ref.title or "", post["title"]),
        "date": None if got_date == post["date"] else (got_date, post["date"]),
        "authors": None if authors_ok else (show_names(ref.author), show_truth_names(post["authors"])),
        "url": None if norm_url(ref.url) == norm_url(post["url"]) else (ref.url or "", post["url"]),
    }
    return result


@dataclass
class Score:
    expected: int = 0
    missing: list[str] = field(default_factory=list)  # posts (by short key) expected and not found
    extra: list[str] = field(default_factory=list)    # entries that are no post of the site
    wrong: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # field → post → (got, want)
    error: str | None = None

    @property
    def found(self) -> int:
        return self.expected - len(self.missing)

    def right(self, name: str) -> int:
        return self.found - len(self.wrong.get(name, {}))

    def record(self) -> dict:
        """What the ratchet file keeps."""
        return {"expected": self.expected, "found": self.found, "missing": sorted(self.missing),
                "extra": len(self.extra),
                **{f: sorted(self.wrong.get(f, {})) for f in FIELDS}}


def key_of(post: dict, base: str) -> str:
    """A post's short name: its URL path below the site's base."""
    return urlsplit(post["url"]).path[len(urlsplit(base).path):].strip("/")


def score(refs, posts: list[dict], expected: list[dict], base: str) -> Score:
    by_url = {norm_url(p["url"]): p for p in posts}
    by_title: dict[str, list[dict]] = {}
    for p in posts:
        by_title.setdefault(norm_title(p["title"]).casefold(), []).append(p)
    s = Score(expected=len(expected))
    matched: dict[str, object] = {}
    for ref in refs:
        post = by_url.get(norm_url(ref.url))
        if post is None:  # a wrong URL: the post may still be known by its title
            candidates = [p for p in by_title.get(norm_title(ref.title).casefold(), [])
                          if key_of(p, base) not in matched]
            post = candidates[0] if candidates else None
        if post is None or key_of(post, base) in matched:
            s.extra.append(f"{ref.title!r} <{ref.url}>")
            continue
        matched[key_of(post, base)] = ref
    expected_keys = {key_of(p, base) for p in expected}
    for p in posts:
        k = key_of(p, base)
        if k not in matched:
            if k in expected_keys:
                s.missing.append(k)
            continue
        if k not in expected_keys:  # found where the input does not link it (e.g. the site's own
            continue                # address read from a page): neither counted nor held against it
        for name, problem in check(matched[k], p).items():
            if problem:
                s.wrong.setdefault(name, {})[k] = problem
    return s


# ----------------------------------------------------------------------------- reading


LINK = re.compile(r"""(?:\bhref\s*=\s*["']?|<link>\s*|<loc>\s*|"url"\s*:\s*")([^"'<>\s]+)""")


def expected_in(docs: dict[str, str], posts: list[dict]) -> list[dict]:
    """The posts that the documents (URL → text) link to, relative links resolved against the document."""
    from urllib.parse import urljoin

    linked = set()
    for url, text in docs.items():
        for m in LINK.finditer(text):
            linked.add(norm_url(urljoin(url, html.unescape(m[1]))))
    return [p for p in posts if norm_url(p["url"]) in linked]


def read_files(paths: list[Path], base: str):
    import blogbib
    from blogbib.errors import BlogbibError, Diagnostics

    try:
        refs, diag = blogbib.read_all([str(p) for p in paths], base_url=base, diag=Diagnostics(strict=False))
    except BlogbibError as exc:
        return [], str(exc).splitlines()[0]
    errors = [p for p in diag.problems if p.severity == "error"] if hasattr(diag, "problems") else []
    return refs, (errors[0].message if errors else None)


class _Proxy(BaseHTTPRequestHandler):
    """Answers proxy requests for the fixture site's host from its committed folder; anything else is 404."""

    site_dir: Path
    base: str

    def do_GET(self):  # noqa: N802 (http.server's name)
        target = urlsplit(self.path)
        base = urlsplit(self.base)
        path = unquote(target.path)
        file = None
        if target.netloc.lower() == base.netloc.lower() and path.startswith(base.path):
            rel = path[len(base.path):]
            candidate = (self.site_dir / rel).resolve()
            if candidate.is_dir() or rel.endswith("/") or rel == "":  # a folder's page, or its feed
                candidate = next((c for c in (candidate / "index.html", candidate / "index.xml") if c.is_file()),
                                 candidate / "index.html")
            if candidate.is_file() and self.site_dir.resolve() in candidate.parents:
                file = candidate
        if file is None:
            self.send_error(404)
            return
        data = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("xml"):
            kind += "; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # quiet
        pass


@contextmanager
def serving(site_dir: Path, base: str):
    """An HTTP proxy on 127.0.0.1 that serves the site under its own address (the pages link to it)."""
    handler = type("Handler", (_Proxy,), {"site_dir": site_dir, "base": base})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    saved = {k: os.environ.get(k) for k in ("HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY",
                                            "all_proxy")}
    try:
        for k in saved:
            os.environ.pop(k, None)
        os.environ["HTTP_PROXY"] = f"http://127.0.0.1:{server.server_address[1]}"
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        server.shutdown()
        server.server_close()
        thread.join()


def measure_site(site: str) -> dict[str, Score]:
    t = truth(site)
    base, posts, inputs = t["base_url"], t["posts"], t["inputs"]
    folder = SITES_DIR / site / "site"
    text = lambda rel: (folder / rel).read_text(encoding="utf-8")  # noqa: E731
    kinds = {
        "index": inputs["index_pages"][:2],
        "feed": [inputs["feed"]] if inputs["feed"] else [],
        "posts": inputs["post_pages"],
        "all": inputs["index_pages"] + ([inputs["feed"]] if inputs["feed"] else []) + inputs["post_pages"],
    }
    scores = {}
    for kind, rels in kinds.items():
        if kind == "posts":  # one page at a time, as a user saving a post would read it
            refs, error = [], None
            for rel in rels:
                got, err = read_files([folder / rel], base)
                refs += got
                error = error or err
        else:
            refs, error = read_files([folder / r for r in rels], base)
        if kind == "posts":  # each page is one post (its own URL may appear nowhere on it)
            wanted = [p for p in posts if key_of(p, base) + "/index.html" in rels]
        else:
            wanted = expected_in({base + r: text(r) for r in rels}, posts)
        s = score(refs, posts, wanted, base)
        s.error = error
        scores[kind] = s
    scores["crawl"] = crawl(site, folder, base, posts)
    scores["crawl+posts"] = crawl(site, folder, base, posts, read_posts=True)
    return scores


def crawl(site: str, folder: Path, base: str, posts: list[dict], read_posts: bool = False) -> Score:
    import blogbib
    from blogbib.errors import BlogbibError, Diagnostics

    with serving(folder, base):
        try:
            refs, diag = blogbib.read_all([base], feed=True, max_pages=CRAWL_PAGES, posts=read_posts,
                                          diag=Diagnostics(strict=False))
            error = None
        except BlogbibError as exc:
            refs, error = [], str(exc).splitlines()[0]
    s = score(refs, posts, posts, base)
    s.error = error
    return s


def measure(names: list[str] | None = None) -> dict[str, dict[str, Score]]:
    return {site: measure_site(site) for site in (names or sites())}


# ----------------------------------------------------------------------------- the table


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}" if d else "    -"


def table(measured: dict[str, dict[str, Score]], markdown: bool = False) -> str:
    head = ["site", "input", "posts found", "extra", "title %", "date %", "authors %", "URL %", "fields %"]
    rows = []
    for site, kinds in measured.items():
        for kind in KINDS:
            s = kinds[kind]
            fields_right = sum(s.right(f) for f in FIELDS)
            rows.append([site, kind, f"{s.found}/{s.expected}", str(len(s.extra)),
                         *(pct(s.right(f), s.found).strip() for f in FIELDS),
                         pct(fields_right, 4 * s.expected).strip()])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    fmt = lambda r: "  ".join(x.ljust(w) if i < 2 else x.rjust(w) for i, (x, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([fmt(head)] + [fmt(r) for r in rows])


def totals(measured: dict[str, dict[str, Score]]) -> str:
    exp = sum(s.expected for k in measured.values() for s in k.values())
    found = sum(s.found for k in measured.values() for s in k.values())
    right = sum(s.right(f) for k in measured.values() for s in k.values() for f in FIELDS)
    return (f"all sites and inputs: {found}/{exp} posts found ({pct(found, exp).strip()}%), "
            f"{right}/{4 * exp} fields right ({pct(right, 4 * exp).strip()}% of the expected posts' fields)")


def wrong_report(measured: dict[str, dict[str, Score]]) -> str:
    lines = []
    for site, kinds in measured.items():
        for kind in KINDS:
            s = kinds[kind]
            if s.error:
                lines.append(f"{site} {kind}: error: {s.error}")
            for k in s.missing:
                lines.append(f"{site} {kind} {k}: not found")
            for x in s.extra:
                lines.append(f"{site} {kind}: extra {x}")
            for f in FIELDS:
                for k, (got, want) in sorted(s.wrong.get(f, {}).items()):
                    lines.append(f"{site} {kind} {k} {f}: got {got!r}, want {want!r}")
    return "\n".join(lines)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    result = measure(args or None)
    if "--wrong" in sys.argv:
        print(wrong_report(result))
    print(table(result, markdown="--markdown" in sys.argv))
    print(totals(result))
