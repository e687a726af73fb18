"""Reading-list documents: Markdown and a standalone HTML page, and the terminal table.

A document is a heading per group (see :func:`blogbib.selection.group`) and,
in each group, one entry per reference in the given order.  An entry is the
reference formatted by a CSL style (:func:`blogbib.render.bibliography_entries`),
a link to the post when the style did not print one, its tags, its note and,
if asked, its excerpt.  The options are those of
:class:`blogbib.options.RenderOptions`.

Safety: every piece of item text is escaped for the target format, and only
``http``/``https`` URLs become links (a ``javascript:`` URL is shown as text).
Markup-like text inside an item, even CSL's rich-text tags (``<i>…</i>``),
is shown as written, never interpreted: a document built from blog pages
must not let a post's title style, or script, the page.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from typing import TYPE_CHECKING

from ..model import Reference
from ..text import ascii_fold, markdown_escape, squeeze
from ..urls import markdown_autolink, safe_url

if TYPE_CHECKING:
    from typing import Sequence

    from ..options import RenderOptions

__all__ = ["markdown", "html", "table"]


# Item text is shielded before the style engine sees it: each character that is
# markup in the target format becomes a private-use character, and after
# formatting each one turns into its escaped form.  The style's own markup
# (``<i>``, ``*``) is untouched, and nothing from an item can become markup,
# whether or not the formatter escapes text itself.
_SPECIAL = {"html": "&<>", "markdown": "\\`*_[]<>#|~&!"}
_FIRST_MARK = 0xF0000  # plane 15 private use: the style layer uses U+E000… for its own marks


def _marks(format: str) -> dict[str, str]:
    return {ch: chr(_FIRST_MARK + i) for i, ch in enumerate(_SPECIAL[format])}


def _unmarks(format: str) -> dict[str, str]:
    if format == "html":
        escaped = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
        return {mark: escaped[ch] for ch, mark in _marks(format).items()}
    return {mark: "\\" + ch for ch, mark in _marks(format).items()}


def _shield(ref: Reference, marks: dict[str, str]) -> Reference:
    from dataclasses import fields, replace

    table = str.maketrans({**{m: "\ufffd" for m in marks.values()}, **marks})

    def text(value: object) -> object:
        return value.translate(table) if isinstance(value, str) else value

    names = tuple(replace(n, **{f.name: text(getattr(n, f.name)) for f in fields(n)}) for n in ref.author)
    changed = {a: text(getattr(ref, a)) for a in ("title", "container_title", "url", "abstract", "note")}
    return replace(ref, author=names, keyword=tuple(text(k) for k in ref.keyword),  # type: ignore[misc]
                   extra=tuple((k, text(v)) for k, v in ref.extra), **changed)


def _entries(refs: Sequence[Reference], options: RenderOptions, format: str) -> dict[str, str]:
    """Key → the entry formatted by the style, item text escaped for ``format``.

    One call for all entries, so author-date styles can disambiguate
    (``2020a``, ``2020b``) across the whole document.
    """
    if not refs:
        return {}
    from . import bibliography_entries

    marks = _marks(format)
    back = str.maketrans(_unmarks(format))
    shielded = [_shield(ref, marks) for ref in refs]
    entries = bibliography_entries(shielded, style=options.style, format=format, locale=options.locale)
    return {key: entry.translate(back).strip() for key, entry in entries}


def _groups(refs: Sequence[Reference], options: RenderOptions) -> list[tuple[str | None, Sequence[Reference]]]:
    if options.group_by is None:
        return [(None, refs)] if refs else []
    from ..selection import group

    return list(group(refs, options.group_by))


# ----------------------------------------------------------------------------- Markdown

def md_escape(text: str) -> str:
    r"""Item text made literal in Markdown (CommonMark and pandoc).

    >>> md_escape("*not* <b>bold</b> #1")
    '\\*not\\* \\<b\\>bold\\</b\\> \\#1'
    """
    text = markdown_escape(squeeze(text))
    # A line start that would open a list or heading item.
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([-+=])", r"\\\1", text))


def markdown(refs: Sequence[Reference], options: RenderOptions) -> str:
    """The reading-list document in Markdown; see :meth:`blogbib.ReadingList.to_markdown`."""
    entries = _entries(refs, options, "markdown")
    out: list[str] = []
    level = "##"
    if options.title:
        out += [f"# {md_escape(options.title)}", ""]
    else:
        level = "#"
    if not refs:
        out += ["*No entries.*", ""]
    for label, group in _groups(refs, options):
        if label is not None:
            out += [f"{level} {md_escape(label)}", ""]
        for ref in group:
            out += _md_entry(ref, entries.get(ref.id, ""), options.excerpts, options.notes)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_entry(ref: Reference, entry: str, excerpts: bool, notes: bool) -> list[str]:
    text = squeeze(entry) or md_escape(ref.title or ref.id)
    link = markdown_autolink(ref.url)
    if link and link not in text:  # the style printed no link to the post (the renderer makes URLs autolinks)
        text += f" [Link]({link})"
    lines = [f"- {text}"]
    extra: list[str] = []
    if ref.keyword:
        extra.append("Tags: " + ", ".join(f"`{squeeze(k).replace('`', '')}`" for k in ref.keyword))
    if notes and ref.note:
        extra.append(f"**Note:** {md_escape(ref.note)}")
    if excerpts and ref.abstract:
        extra.append(f"> {md_escape(ref.abstract)}")
    for paragraph in extra:
        lines += ["", f"  {paragraph}"]
    return lines + [""]


# ----------------------------------------------------------------------------- HTML

_CSS = """
:root { color-scheme: light dark; --ink: #1d2433; --muted: #5b6475; --line: #e3e6ec;
  --accent: #2f5fd0; --chip: #eef2fb; --card: #ffffff; --page: #f6f7f9; --note: #fff8e6; --note-line: #e0b341; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e9ef; --muted: #a3abba; --line: #2c3340; --accent: #8fb0ff; --chip: #1f2a40;
    --card: #171b23; --page: #0f1217; --note: #2a2415; --note-line: #b8902b; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 48rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
header h1 { font-size: 2.1rem; line-height: 1.2; margin: 0 0 .35rem; letter-spacing: -.01em; }
header p { margin: 0; color: var(--muted); }
nav { margin: 1.25rem 0 .5rem; display: flex; flex-wrap: wrap; gap: .4rem; }
nav a { text-decoration: none; color: var(--accent); background: var(--chip); border-radius: 999px;
  padding: .15rem .7rem; font-size: .9rem; }
nav a:hover { text-decoration: underline; }
section { margin-top: 2.25rem; }
h2 { font-size: 1.35rem; margin: 0 0 .75rem; padding-bottom: .35rem; border-bottom: 2px solid var(--line);
  display: flex; align-items: baseline; gap: .6rem; }
h2 .count { font-size: .85rem; font-weight: 500; color: var(--muted); }
ol.entries { list-style: none; margin: 0; padding: 0; display: grid; gap: .8rem; }
ol.entries > li { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: .9rem 1.1rem; overflow-wrap: anywhere; }
.entry a, .meta a { color: var(--accent); }
.meta { margin: .45rem 0 0; display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; font-size: .9rem; }
.meta .read { font-weight: 600; text-decoration: none; margin-right: .35rem; }
.meta .read:hover { text-decoration: underline; }
.tag { background: var(--chip); color: var(--ink); border-radius: 999px; padding: .05rem .6rem; font-size: .8rem; }
.note { margin: .6rem 0 0; padding: .45rem .75rem; background: var(--note); border-left: 3px solid var(--note-line);
  border-radius: 4px; font-size: .95rem; }
.note strong { font-weight: 600; }
blockquote.excerpt { margin: .6rem 0 0; padding: 0 0 0 .85rem; border-left: 3px solid var(--line);
  color: var(--muted); font-size: .95rem; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
.csl-left-margin { margin-right: .4em; }
@media (max-width: 560px) {
  body { font-size: 16px; }
  main { padding: 1.5rem .85rem 3rem; }
  header h1 { font-size: 1.65rem; }
  ol.entries > li { padding: .75rem .85rem; }
}
@media print {
  body { background: none; }
  ol.entries > li { border: 0; padding: 0; }
  nav { display: none; }
}
"""


def _slug(label: str, used: set[str]) -> str:
    base = ascii_fold(label)
    base = "group-" + (re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or "x")
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def _html_entry(ref: Reference, entry: str, excerpts: bool, notes: bool) -> str:
    e = _html.escape
    body = entry.strip() or f"<i>{e(ref.title or ref.id)}</i>"
    url = safe_url(ref.url)
    if url and e(url, quote=False) in body:  # the style printed the URL: make it a link
        body = body.replace(e(url, quote=False), f'<a href="{e(url)}">{e(url, quote=False)}</a>', 1)
    parts = [f'<li id="{e(ref.id)}">', f'<div class="entry">{body}</div>']
    meta = []
    if url:
        meta.append(f'<a class="read" href="{e(url)}">Read the post&nbsp;&rarr;</a>')
    meta += [f'<span class="tag">{e(squeeze(k))}</span>' for k in ref.keyword]
    if meta:
        parts.append(f'<p class="meta">{" ".join(meta)}</p>')
    if notes and ref.note:
        parts.append(f'<p class="note"><strong>Note:</strong> {e(ref.note)}</p>')
    if excerpts and ref.abstract:
        parts.append(f'<blockquote class="excerpt">{e(ref.abstract)}</blockquote>')
    parts.append("</li>")
    return "\n".join(parts)


def html(refs: Sequence[Reference], options: RenderOptions) -> str:
    """The reading-list document as a standalone HTML page; see :meth:`blogbib.ReadingList.to_html`."""
    e = _html.escape
    entries = _entries(refs, options, "html")
    groups = _groups(refs, options)
    heading = options.title or "Reading list"
    locale = options.locale
    blogs = sorted({r.container_title for r in refs if r.container_title})
    count = f"{len(refs)} post{'s' if len(refs) != 1 else ''}"
    subtitle = count + (f" from {', '.join(e(b) for b in blogs)}" if blogs and len(blogs) <= 3 else "")
    lang = e(locale) if locale and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", locale) else "en"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="blogbib">',
        f"<title>{e(heading)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<header><h1>{e(heading)}</h1><p>{subtitle}</p></header>",
    ]
    used: set[str] = set()
    slugs = [(_slug(label, used) if label is not None else None) for label, _ in groups]
    labelled = [(label, slug, group) for (label, group), slug in zip(groups, slugs)]
    if len(groups) > 1:
        links = [f'<a href="#{slug}">{e(label)}</a>' for label, slug, _ in labelled if label is not None]
        out.append(f'<nav aria-label="Groups">{"".join(links)}</nav>')
    if not refs:
        out.append('<p class="empty">No entries.</p>')
    for label, slug, group in labelled:
        out.append(f'<section id="{slug}">' if slug else "<section>")
        if label is not None:
            noun = "post" if len(group) == 1 else "posts"
            out.append(f'<h2>{e(label)} <span class="count">{len(group)} {noun}</span></h2>')
        out.append('<ol class="entries">')
        out += [_html_entry(ref, entries.get(ref.id, ""), options.excerpts, options.notes) for ref in group]
        out += ["</ol>", "</section>"]
    out += ['<footer>Made with blogbib.</footer>', "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- table


def _cell_width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _fit(text: str, width: int) -> str:
    """Cut to ``width`` terminal columns (with ``…``), then pad to it."""
    if _cell_width(text) > width:
        out, used = "", 0
        for ch in text:
            w = 0 if unicodedata.combining(ch) else _cell_width(ch)
            if used + w > width - 1:
                break
            out, used = out + ch, used + w
        text = out + "…"
    return text + " " * (width - _cell_width(text))


def _authors_short(ref: Reference) -> str:
    names = [n.family_full for n in ref.author]
    if not names:
        return "-"
    if len(names) > 2 or ref.more_authors:
        return f"{names[0]} et al."
    return " & ".join(names)


COLUMNS = ("KEY", "DATE", "AUTHORS", "TITLE", "BLOG")
_GAP = 2
_TITLE_MIN = 16  # below this, drop side columns
_TITLE_WANTED = 30  # below this, shrink side columns
# Widest a column may stay while the title is squeezed, and the narrowest it shrinks to.
_CAPS = {"KEY": (28, 28), "AUTHORS": (24, 12), "BLOG": (22, 10)}


def table(refs: Sequence[Reference], width: int = 100) -> str:
    """The references as a plain-text table; see :meth:`blogbib.ReadingList.to_table`."""
    rows = [
        {
            "KEY": ref.id,
            "DATE": ref.issued.iso() if ref.issued else "-",
            "AUTHORS": _authors_short(ref),
            "TITLE": squeeze(ref.title or "-"),
            "BLOG": squeeze(ref.container_title or "-"),
        }
        for ref in refs
    ]
    natural = {c: max([_cell_width(c)] + [_cell_width(r[c]) for r in rows]) for c in COLUMNS}
    columns = list(COLUMNS)
    widths = dict(natural)

    def spare() -> int:
        return width - sum(widths[c] for c in columns if c != "TITLE") - _GAP * (len(columns) - 1)

    if spare() < natural["TITLE"]:
        for c in _CAPS:  # the title matters most: cap the side columns
            widths[c] = min(widths[c], _CAPS[c][0])
        for c in ("BLOG", "AUTHORS"):  # then shrink them to their minimum, one at a time
            if spare() < min(_TITLE_WANTED, natural["TITLE"]):
                widths[c] = min(widths[c], _CAPS[c][1])
        for c in ("BLOG", "AUTHORS"):  # still no room: drop columns
            if spare() < _TITLE_MIN:
                columns.remove(c)
        widths["TITLE"] = max(min(natural["TITLE"], spare()), min(6, natural["TITLE"]))
        overflow = -spare() + widths["TITLE"]
        if overflow > 0:  # a very narrow terminal: cut the keys too, rather than wrap every line
            widths["KEY"] = max(4, widths["KEY"] - overflow)
    lines = []
    for row in [dict(zip(COLUMNS, COLUMNS))] + rows:
        cells = [_fit(row[c], widths[c]) for c in columns]
        lines.append((" " * _GAP).join(cells).rstrip())
    return "\n".join(lines)
