"""A blog's source folder as input (formats/source.py): the fixture sites' sources against their truth and
against fresh builds by the real generators; drafts, future posts, data-file authors, permalinks; errors."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import blogbib
from blogbib.cli import main
from blogbib.errors import Diagnostics, InputError
from blogbib.formats import source
from blogbib.names import parse_name
from blogbib.options import ReadOptions
from tests.sites import measure

SOURCE_SITES = ["jekyll-minima2", "jekyll-minima3", "jekyll-hyde", "hugo-papermod", "hugo-ananke", "hugo-coder",
                "hexo-landscape", "pelican-notmyidea", "mkdocs-material"]
# Names whose split by blogbib.names differs from the truth's (the same in every reader): a two-word family name,
# which nothing in a source's front matter tells from a middle name ("Ian Lance Taylor").
NAMES_SPLIT_OTHERWISE = {"Pablo Galindo Salgado"}


def read_folder(path, **options) -> tuple[list[blogbib.Reference], Diagnostics]:
    return blogbib.read_all([str(path)], ReadOptions(**options))


def by_url(refs):
    return {measure.norm_url(r.url): r for r in refs}


@pytest.mark.parametrize("site", SOURCE_SITES)
def test_fixture_source_equals_truth(site):
    """Every post: title, date and URL equal; authors are the written names, split as names.py splits them."""
    truth = measure.truth(site)
    refs, diag = read_folder(measure.SITES_DIR / site / "source")
    assert not diag.problems
    assert len(refs) == len(truth["posts"])
    found = by_url(refs)
    for post in truth["posts"]:
        ref = found[measure.norm_url(post["url"])]
        problems = measure.check(ref, post)
        assert problems["title"] is None and problems["date"] is None and problems["url"] is None, problems
        written = [p["name"] for p in post["authors"]]
        assert list(ref.author) == [parse_name(n) for n in written]
        if problems["authors"]:
            assert {p["name"] for p in post["authors"]
                    if not measure.name_ok(parse_name(p["name"]), p)} <= NAMES_SPLIT_OTHERWISE, problems
        assert ref.container_title == "Off the Convex Path"
        assert ref.origin.source.endswith(post["source"])


def test_export_a_source_folder_on_the_command_line():
    folder = measure.SITES_DIR / "hugo-papermod" / "source"
    result = CliRunner().invoke(main, ["export", str(folder), "-f", "csl-json", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output.count('"type": "post-weblog"') == 61
    assert "http://papermod.example.org/2022/12/rlhf/" in result.output


# ----------------------------------------------------------------------------- real generators, fresh builds


def built_post(page: str) -> dict:
    """What a built post page shows: its heading, its datetime, the authors it prints."""
    title = re.search(r'<h1 class="(?:post-title|t)[^"]*"[^>]*>(.*?)</h1>', page, re.S)[1]
    when = re.search(r'<time[^>]*datetime="([^"]+)"', page)[1]
    authors = [html.unescape(a) for a in re.findall(r'<span class="(?:p-author h-card|author)"[^>]*>(.*?)</span>', page)]
    return {"title": html.unescape(title.strip()), "date": when[:10], "authors": authors}


HUGO_SINGLE = """<!DOCTYPE html>
<html><head><title>{{ .Title }}</title></head><body><article>
<h1 class="t">{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}"></time>
{{ $a := .Params.author | default .Params.authors }}{{ if reflect.IsSlice $a }}{{ range $a }}<span class="author">{{ . }}</span>{{ end }}{{ else }}<span class="author">{{ $a }}</span>{{ end }}
</article></body></html>
"""


def build(generator: str, src: Path, out: Path) -> Path:
    if generator == "jekyll":
        subprocess.run(["jekyll", "build", "-q", "-s", str(src), "-d", str(out)], check=True, capture_output=True,
                       env={"JEKYLL_ENV": "production", "PATH": "/usr/bin:/bin", "HOME": str(src), "LANG": "C.UTF-8"})
    else:
        subprocess.run(["hugo", "-s", str(src), "-d", str(out), "--quiet"], check=True, capture_output=True)
    return out


@pytest.mark.parametrize("site,generator", [("jekyll-minima2", "jekyll"), ("hugo-ananke", "hugo"),
                                            ("hugo-coder", "hugo")])
def test_source_equals_the_pages_the_real_generator_builds(tmp_path, site, generator):
    """Jekyll (Debian's, with its minima theme) and Hugo (Debian's, with a bare layout written here) build the
    fixture source; every post blogbib reads from the source is a built page showing the same title, date
    and authors, and every built post is one blogbib read."""
    src = tmp_path / "src"
    shutil.copytree(measure.SITES_DIR / site / "source", src)
    if generator == "hugo":
        (src / "layouts" / "_default").mkdir(parents=True)
        (src / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE)
        (src / "layouts" / "_default" / "list.html").write_text("<html><body></body></html>")
    out = build(generator, src, tmp_path / "out")
    refs, diag = read_folder(src)
    assert not diag.problems and len(refs) == 61
    base = measure.truth(site)["base_url"]
    built = {p.parent for p in out.rglob("index.html")
             if re.search(r"/\d{4}/\d{2}/", "/" + str(p.relative_to(out)))}
    assert len(built) == 61
    for ref in refs:
        page = out / ref.url[len(base):] / "index.html"
        assert page.is_file(), ref.url
        shown = built_post(page.read_text(encoding="utf-8"))
        assert measure.norm_title(shown["title"]) == measure.norm_title(ref.title)
        assert shown["date"] == ref.issued.iso()
        names = [n for a in shown["authors"] for n in blogbib.names.parse_byline(a)[0]]
        assert names == list(ref.author), (ref.url, shown["authors"])
        built.discard(page.parent)
    assert not built


# ----------------------------------------------------------------------------- generators' rules


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


JEKYLL = {
    "_config.yml": """
        title: A Blog
        url: https://blog.example.org
        baseurl: /b
        timezone: UTC
        author: Site Owner
        permalink: /:categories/:year/:title:output_ext
    """,
    "_data/authors.yml": """
        ada:
          name: Ada Lovelace
        cb:
          name: Charles Babbage
    """,
    "_posts/2021-03-04-first-post.md": """
        ---
        title: First
        authors: [ada, cb]
        categories: Notes
        tags: [maths, engines]
        description: An excerpt.
        ---
        Body.
    """,
    "_posts/2021-05-06-second.md": """
        ---
        title: Second
        ---
    """,
    "_posts/2021-05-07-hidden.md": """
        ---
        title: Not published
        published: false
        ---
    """,
    "_posts/2999-01-01-future.md": """
        ---
        title: From the future
        ---
    """,
    "_drafts/a-draft.md": """
        ---
        title: A draft
        date: 2021-06-01
        ---
    """,
}


def test_jekyll_data_file_authors_categories_default_author_and_what_is_left_out(tmp_path):
    refs, diag = read_folder(write(tmp_path, JEKYLL))
    assert not diag.problems
    assert [r.title for r in refs] == ["First", "Second"]
    first, second = refs
    assert [n.display() for n in first.author] == ["Ada Lovelace", "Charles Babbage"]
    assert first.url == "https://blog.example.org/b/notes/2021/first-post.html"
    assert first.keyword == ("maths", "engines") and first.abstract == "An excerpt."
    assert [n.display() for n in second.author] == ["Site Owner"]  # the site's default author
    assert str(first.issued.iso()) == "2021-03-04"
    everything, _ = read_folder(tmp_path, drafts=True)
    assert sorted(r.title for r in everything) == ["A draft", "First", "From the future", "Not published", "Second"]


def test_hugo_slug_url_and_drafts(tmp_path):
    write(tmp_path, {
        "hugo.toml": 'baseURL = "https://h.example.org/"\ntitle = "H"\n[permalinks]\n  posts = "/:year/:slug/"\n',
        "content/posts/one.md": '+++\ntitle = "One Title"\ndate = 2020-01-02T10:00:00+01:00\nslug = "uno"\n'
                                'author = "Jane Roe"\n+++\n',
        "content/posts/two/index.md": "---\ntitle: Two Words\ndate: 2020-02-03\n---\n",
        "content/posts/three.md": "---\ntitle: Three\ndate: 2020-02-03\nurl: /special/place/\n---\n",
        "content/posts/draft.md": "---\ntitle: D\ndate: 2020-02-03\ndraft: true\n---\n",
        "content/about.md": "---\ntitle: About\n---\n",
        "content/posts/_index.md": "---\ntitle: Posts\n---\n",
    })
    refs, diag = read_folder(tmp_path)
    assert not diag.problems
    urls = {r.title: r.url for r in refs}
    assert urls == {"One Title": "https://h.example.org/2020/uno/", "Two Words": "https://h.example.org/2020/two-words/",
                    "Three": "https://h.example.org/special/place/"}
    assert refs[0].issued.iso() == "2020-01-02" and refs[0].issued.time == "10:00:00+01:00"


def test_pelican_settings_are_read_never_run(tmp_path):
    marker = tmp_path / "ran"
    write(tmp_path, {
        "pelicanconf.py": f"""
            import os
            open({str(marker)!r}, "w").write("executed")
            SITENAME = "P"
            SITEURL = "https://p.example.org"
            PATH = "content"
            ARTICLE_URL = "posts/{{date:%Y}}/{{slug}}.html"
        """,
        "content/a.md": "Title: Ärger im Büro\nDate: 2019-09-09 10:20\nAuthor: Jane Roe\nTags: a, b\n\nText.\n",
        "content/b.md": "Title: Hidden\nDate: 2019-09-09\nStatus: draft\n\nText.\n",
    })
    refs, diag = read_folder(tmp_path)
    assert not marker.exists()
    assert not diag.problems
    assert [(r.title, r.url, r.keyword) for r in refs] == [
        ("Ärger im Büro", "https://p.example.org/posts/2019/arger-im-buro.html", ("a", "b"))]


def test_mkdocs_title_from_heading_and_authors_file(tmp_path):
    write(tmp_path, {
        "mkdocs.yml": """
            site_name: M
            site_url: https://m.example.org/docs/
            markdown_extensions:
              - pymdownx.emoji:
                  emoji_index: !!python/name:material.extensions.emoji.twemoji
            plugins:
              - material/blog:
                  post_url_format: "{categories}/{slug}"
        """,
        "docs/blog/.authors.yml": "authors:\n  jr:\n    name: Jane Roe\n",
        "docs/blog/posts/p.md": "---\ndate:\n  created: 2024-01-31\ncategories: [Release Notes]\nauthors: [jr]\n---\n\n# Hello, World\n",
    })
    refs, diag = read_folder(tmp_path)
    assert not diag.problems
    assert [(r.title, r.url, r.author[0].family) for r in refs] == [
        ("Hello, World", "https://m.example.org/docs/blog/release-notes/hello-world/", "Roe")]


def test_hexo_permalink_and_front_matter_permalink(tmp_path):
    write(tmp_path, {
        "_config.yml": "title: X\nurl: http://x.example.org/sub\npermalink: :year/:i_month/:name.html\n",
        "source/_posts/hello-there.md": "---\ntitle: Hello\ndate: 2020-03-04 05:06:07\n---\n",
        "source/_posts/fixed.md": "---\ntitle: Fixed\ndate: 2020-03-04\npermalink: fixed/here/\n---\n",
    })
    refs, diag = read_folder(tmp_path)
    assert not diag.problems
    assert sorted(r.url for r in refs) == ["http://x.example.org/sub/2020/3/hello-there.html",
                                           "http://x.example.org/sub/fixed/here/"]


# ----------------------------------------------------------------------------- problems


def test_a_field_that_cannot_be_read_names_file_and_line_and_the_rest_is_read(tmp_path):
    write(tmp_path, {
        "_config.yml": "title: T\n",
        "_posts/2020-01-01-good.md": "---\ntitle: Good\n---\n",
        "_posts/2020-01-02-bad-yaml.md": "---\ntitle: Bad\nauthor: [unclosed\n---\n",
        "_posts/2020-01-03-bad-date.md": "---\ntitle: Bad date\ndate: 2020-02-30\n---\n",
        "_posts/no-date.md": "---\ntitle: No date\n---\n",
        "_posts/2020-01-04-no-title.md": "---\nauthor: X\n---\n",
    })
    refs, diag = read_folder(tmp_path)
    assert [r.title for r in refs] == ["Good"]
    messages = sorted(str(p).replace(str(tmp_path) + "/", "") for p in diag.problems)
    assert messages[0].startswith("_posts/2020-01-02-bad-yaml.md:3: cannot read the YAML")
    assert messages[1] == "_posts/2020-01-03-bad-date.md:3: date: February 2020 has no day 30"
    assert messages[2] == "_posts/2020-01-04-no-title.md:2: the post has no title; blogbib does not guess one"
    assert messages[3] == "_posts/no-date.md:2: the post has no date; blogbib does not guess one"
    assert diag.stats.read == 5 and diag.stats.skipped == 4
    with pytest.raises(InputError):
        read_folder(tmp_path, strict=True)


def test_not_a_source_folder(tmp_path):
    _, diag = read_folder(tmp_path)
    assert "not a blog source folder" in str(diag.problems[0])
    result = CliRunner().invoke(main, ["export", str(tmp_path)])
    assert result.exit_code == 1 and "not a blog source folder" in result.output and "Traceback" not in result.output


def test_bad_configuration_is_reported_with_its_line(tmp_path):
    write(tmp_path, {"hugo.toml": 'title = "x"\nbaseURL = \n', "content/posts/a.md": "---\ntitle: A\n---\n"})
    _, diag = read_folder(tmp_path)
    assert str(diag.problems[0]).startswith(f"{tmp_path}/hugo.toml:2: cannot read the TOML")


def test_detect():
    assert source.detect(str(measure.SITES_DIR / "hexo-landscape" / "source"))[0] == "hexo"
    assert source.detect(str(measure.SITES_DIR / "jekyll-hyde" / "source"))[0] == "jekyll"
    assert source.detect(str(measure.SITES_DIR / "mkdocs-material" / "source"))[0] == "mkdocs"
