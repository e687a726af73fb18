"""`blogbib update` and `--keys-from`: a hand-edited bibliography keeps its text and its keys.

The bibliography of the blog as it once was (the older posts of the shared
listing or index page) is edited by hand, then brought up to date from the
whole blog: every byte already there stays, the new posts are added, and what
changed upstream is reported (and rewritten only with --refresh).
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

import blogbib
from blogbib.cli import main

from ..conftest import FIXTURES

BLOG = "Off the Convex Path"
SITE = "http://www.offconvex.org/"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _bib_keys(text: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,\s{}]+),", text, re.M)


@pytest.fixture()
def listing(listing_path, tmp_path):
    """The whole listing, with a co-author added upstream to "Saddles Again"; and its older half."""
    text = listing_path.read_text(encoding="utf-8")
    upstream = text.replace("Mar 24, 2016 (Benjamin Recht).", "Mar 24, 2016 (Benjamin Recht and Jane Doe).")
    assert upstream != text
    full = tmp_path / "full.txt"
    full.write_text(upstream, encoding="utf-8")
    lines = text.splitlines(keepends=True)
    old = tmp_path / "old.txt"
    old.write_text("".join(lines[60:]), encoding="utf-8")  # the posts before mid-2017
    return full, old


HAND_WRITTEN = """@misc{recht2016saddles,
    title = {Saddles Again},    author = {Recht, Benjamin},
    year = 2016, month = mar,
    howpublished = oc,
    note = {My own note: read together with Ge's post.},
}"""


def _hand_edited_bib(old, tmp_path):
    """The older posts' .bib, edited as a person would: comments, a @string, an article, a renamed key."""
    bib = tmp_path / "refs.bib"
    result = run("export", old, "--blog-title", BLOG, "-q", "-o", bib)
    assert result.exit_code == 0, result.output
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{recht2016saddles,")
    end = text.index("\n}\n", start) + 2
    text = text[:start] + HAND_WRITTEN + text[end:]
    text = text.replace("@misc{arora2016word,", "@misc{Arora:WordEmbeddings,")
    text = ("% My reading list -- edited by hand\n@string{oc = {Off the Convex Path}}\n\n" + text
            + "\n@comment{jabref-meta: databaseType:bibtex;}\n\n@article{knuth1984literate,\n"
              "  author = {Knuth, Donald E.}, title = {Literate Programming},\n"
              "  journal = {The Computer Journal}, year = {1984}, volume = {27}, number = {2}, pages = {97--111}\n}")
    bib.write_text(text, encoding="utf-8")
    return bib, text


def test_update_a_hand_edited_bib(listing, tmp_path):
    full, old = listing
    bib, before = _hand_edited_bib(old, tmp_path)
    old_keys = _bib_keys(before)

    result = run("update", bib, full, "--blog-title", BLOG)
    assert result.exit_code == 0, result.output
    after = bib.read_text(encoding="utf-8")
    assert after.startswith(before)  # every existing byte, in place: comments, @string, edits, the article
    keys = _bib_keys(after)
    assert keys[:len(old_keys)] == old_keys and len(keys) == len(set(keys)) == 51 + 1
    assert "arora2016word" not in keys  # the renamed entry is the same post: found, not added again
    added = keys[len(old_keys):]
    assert len(added) == 51 - (len(old_keys) - 1)
    # The new posts' keys are those a full export gives (the old posts' keys did not move).
    exported = set(_bib_keys(blogbib.export([str(full)], "bibtex", blog_title=BLOG).text))
    assert set(added) <= exported and set(old_keys) - {"Arora:WordEmbeddings", "knuth1984literate"} <= exported
    # The new co-author is reported with the entry's line, not written.
    line = before[:before.index("@misc{recht2016saddles,")].count("\n") + 1
    assert f"refs.bib:{line}: recht2016saddles: author changed upstream: 'Benjamin Recht' → " \
           f"'Benjamin Recht; Jane Doe' (kept)" in result.stderr
    assert f"{len(added)} added, {len(old_keys) - 1} already there, 1 changed upstream" in result.stderr
    assert "Doe, Jane" not in after

    # Again: nothing to add, the file is left as it is.
    again = run("update", bib, full, "--blog-title", BLOG, "-q")
    assert again.exit_code == 0 and "0 added" in again.stderr and bib.read_text(encoding="utf-8") == after

    # --refresh rewrites that entry only.
    refreshed = run("update", bib, full, "--blog-title", BLOG, "--refresh", "-q")
    assert refreshed.exit_code == 0, refreshed.output
    final = bib.read_text(encoding="utf-8")
    start = final.index("@misc{recht2016saddles,")
    entry = final[start:final.index("\n}", start) + 2]
    assert "author       = {Recht, Benjamin and Doe, Jane}" in entry
    assert final == after.replace(HAND_WRITTEN, entry)
    assert "(refreshed)" in refreshed.stderr


def test_keys_from_a_hand_edited_bib(listing, tmp_path):
    full, old = listing
    bib, _ = _hand_edited_bib(old, tmp_path)
    result = run("export", full, "--blog-title", BLOG, "--keys-from", bib, "-f", "csl-json")
    assert result.exit_code == 0, result.output
    keys = {item["title"]: item["id"] for item in json.loads(result.stdout)}
    assert keys["Word Embeddings: Explaining their properties"] == "Arora:WordEmbeddings"
    assert keys["Saddles Again"] == "recht2016saddles"
    assert len(set(keys.values())) == 51 and "knuth1984literate" not in keys.values()
    # A pattern does not move a pinned key; new posts avoid every pinned key.
    result = run("export", full, "--blog-title", BLOG, "--keys-from", bib, "--key-format", "{auth}{year}",
                 "-f", "csl-json")
    keys = {item["title"]: item["id"] for item in json.loads(result.stdout)}
    assert keys["Word Embeddings: Explaining their properties"] == "Arora:WordEmbeddings"
    assert keys["Saddles Again"] == "recht2016saddles" and keys["Escaping from Saddle Points"] == "ge2016escaping"
    assert keys["Predicting Generalization using GANs"] == "arora2022"
    listed = run("list", full, "--blog-title", BLOG, "--keys-from", bib, "-q", "-w", "200")
    assert listed.exit_code == 0 and "Arora:WordEmbeddings" in listed.stdout
    cited = run("cite", full, "--blog-title", BLOG, "--keys-from", bib, "-q")
    assert cited.exit_code == 0 and len(cited.stdout.splitlines()) == 51
    # The API: a path, or several, in ReadOptions.keys_from (or the export keyword).
    api = blogbib.export([str(full)], "bibtex", blog_title=BLOG, keys_from=bib)
    assert "@misc{Arora:WordEmbeddings," in api.text
    assert blogbib.select([str(full)], blogbib.ReadOptions(blog_title=BLOG, keys_from=[bib, bib])).references.keys \
        == _bib_keys(api.text)


def _index(tmp_path, title_change=False):
    html = (FIXTURES / "offconvex-index.html").read_text(encoding="utf-8")
    if title_change:
        html = html.replace("Tensor Methods in Machine Learning", "Tensor Methods in Machine Learning, Revisited")
    path = tmp_path / ("upstream.html" if title_change else "index.html")
    path.write_text(html, encoding="utf-8")
    return path


def _json_objects(text):
    decoder, spans, i = json.JSONDecoder(), [], text.index("[") + 1
    while True:
        while text[i] in " \t\r\n,":
            i += 1
        if text[i] == "]":
            return spans
        _, end = decoder.raw_decode(text, i)
        spans.append(text[i:end])
        i = end


@pytest.mark.parametrize("fmt, suffix", [("csl-json", ".json"), ("ris", ".ris")])
def test_update_csl_json_and_ris(tmp_path, fmt, suffix):
    target = tmp_path / ("refs" + suffix)
    result = run("export", _index(tmp_path), "--base-url", SITE, "--until", "2016", "-f", fmt, "-q", "-o", target)
    assert result.exit_code == 0, result.output
    before = target.read_text(encoding="utf-8")
    if fmt == "csl-json":  # a hand edit: a note added, one object written on one line
        items = json.loads(before)
        compact = json.dumps({**items[0], "note": "mine"}, ensure_ascii=False)
        before = before.replace(_json_objects(before)[0], compact)
    else:
        before = before.replace("ER  - \n", "N1  - mine\nER  - \n", 1)
    target.write_text(before, encoding="utf-8")
    upstream = _index(tmp_path, title_change=True)

    result = run("update", target, upstream, "--base-url", SITE)
    assert result.exit_code == 0, result.output
    after = target.read_text(encoding="utf-8")
    if fmt == "csl-json":
        old, new = _json_objects(before), _json_objects(after)
        assert new[:len(old)] == old  # each existing object's text, byte for byte
        assert len(json.loads(after)) == 51
    else:
        assert after.startswith(before) and after.count("TY  - ") == 51
    assert "ge2015tensor: title changed upstream: 'Tensor Methods in Machine Learning' → " \
           "'Tensor Methods in Machine Learning, Revisited' (kept)" in result.stderr

    refreshed = run("update", target, upstream, "--base-url", SITE, "--refresh", "-q")
    assert refreshed.exit_code == 0, refreshed.output
    final = target.read_text(encoding="utf-8")
    assert "Machine Learning, Revisited" in final and "mine" in final
    changed = [(a, b) for a, b in zip(after.splitlines(), final.splitlines()) if a != b]
    assert len(after.splitlines()) == len(final.splitlines())
    assert [b for _, b in changed] == [b for _, b in changed if "Revisited" in b] and len(changed) == 1


def test_update_creates_a_missing_file_and_the_api_reports(listing, tmp_path):
    full, _ = listing
    target = tmp_path / "new.bib"
    done = blogbib.update(target, [full], blog_title=BLOG)
    assert len(done.added) == 51 and done.format == "bibtex" and not done.changed
    assert target.read_text(encoding="utf-8") == done.text == blogbib.export([str(full)], "bibtex",
                                                                                blog_title=BLOG).text
    assert _bib_keys(done.text) == [r.id for r in done.added]


@pytest.mark.parametrize("content, message", [
    ("@misc{a,\n  title = {A},\n  year = {2020},\n}\n\n@misc{b,\n  title = {B\n  year = 2020,\n",
     "refs.bib:6: broken entry"),
])
def test_a_broken_target_is_reported_and_left_alone(listing, tmp_path, content, message):
    full, _ = listing
    target = tmp_path / "refs.bib"
    target.write_text(content, encoding="utf-8")
    result = run("update", target, full, "--blog-title", BLOG)
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == content
    result = run("export", full, "--keys-from", target)
    assert result.exit_code == 1 and message in result.stderr and result.stdout == ""


def test_update_refuses_what_is_not_a_bibliography(listing, tmp_path):
    full, old = listing
    result = run("update", old, full)
    assert result.exit_code == 1 and "updates a bibliography" in result.stderr
    result = run("export", full, "--keys-from", old)
    assert result.exit_code == 1 and "keys are taken from a bibliography" in result.stderr


def test_update_an_ris_file_without_ids(listing, tmp_path):
    # Zotero and EndNote often write RIS without ID lines: the posts in it are still found by title and date.
    full, old = listing
    target = tmp_path / "refs.ris"
    exported = run("export", old, "--blog-title", BLOG, "-f", "ris", "-q")
    before = "".join(line for line in exported.stdout.splitlines(keepends=True) if not line.startswith("ID  -"))
    target.write_text(before, encoding="utf-8")
    first = run("update", target, full, "--blog-title", BLOG, "-q")
    assert first.exit_code == 0, first.output
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("TY  - ") == 51
    second = run("update", target, full, "--blog-title", BLOG, "-q")
    assert "0 added, 51 already there" in second.stderr and target.read_text(encoding="utf-8") == after


def test_update_keeps_a_byte_order_mark_and_crlf_line_ends(listing, tmp_path):
    full, old = listing
    target = tmp_path / "refs.bib"
    exported = run("export", old, "--blog-title", BLOG, "-q").stdout
    before = b"\xef\xbb\xbf" + exported.replace("\n", "\r\n").encode("utf-8")
    target.write_bytes(before)
    result = run("update", target, full, "--blog-title", BLOG, "-q")
    assert result.exit_code == 0, result.output
    after = target.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert b"\n" not in after.replace(b"\r\n", b"")  # the new entries end their lines as the file does
    assert after.count(b"@misc{") == 51


def test_a_bad_post_in_a_source_is_reported_and_the_rest_added(listing, tmp_path):
    full, old = listing
    bib, before = _hand_edited_bib(old, tmp_path)
    text = full.read_text(encoding="utf-8").replace("Jul 15, 2022 (Noam Razin)", "Jul 45, 2022 (Noam Razin)")
    source = tmp_path / "broken.txt"
    source.write_text(text, encoding="utf-8")
    result = run("update", bib, source, "--blog-title", BLOG, "-q")
    assert result.exit_code == 1 and "broken.txt:2:" in result.stderr and "Traceback" not in result.output
    after = bib.read_text(encoding="utf-8")
    assert after.startswith(before) and "razin2022implicit" not in after
    assert len(_bib_keys(after)) == 51  # 50 posts (one reported) and the article
    assert "51 read, 1 skipped" in result.stderr
