"""The citation kit for blog owners: per post a .bib, .ris and CSL-JSON file, a "Cite this post" HTML
block, the page's head tags, and one ``citations.json`` for the site's templates.

The head tags are chosen for the tools that read post pages (../docs/blog-owners.md): Google Scholar's
inclusion rules (``citation_title``, one ``citation_author`` per author, ``citation_publication_date``)
and Zotero's browser connector, which saves the page as a Blog Post (``z:itemType``) with the blog's
name from ``og:site_name`` and the authors from ``citation_author`` (which wins over a site-wide
``<meta name="author">``).  Data formats come from the registry's writers, citations from the renderer.
"""

from __future__ import annotations

import json
import os
from html import escape
from typing import TYPE_CHECKING, Any

from . import formats
from .errors import BlogbibError
from .model import Name, Reference
from .options import WriteOptions

if TYPE_CHECKING:
    from typing import Sequence

__all__ = ["write_kit", "head_tags", "head_html", "json_ld", "cite_block", "DEFAULT_STYLES"]

DEFAULT_STYLES = ("apa",)

# The files written for each post: suffix → registry format.
FILES = {"bib": "bibtex", "ris": "ris", "json": "csl-json"}


# ----------------------------------------------------------------------------- head tags


def _author_text(name: Name) -> str:
    """``Family, Given`` (split at the comma by Zotero and Scholar); a literal name as it is."""
    if name.literal is not None or name.family is None:
        return name.display()  # an institution, or a given name alone (Plato)
    family = " ".join(p for p in (name.dropping_particle, name.non_dropping_particle, name.family) if p)
    given = ", ".join(p for p in (name.given, name.suffix) if p)
    return f"{family}, {given}" if given else family


def _iso(ref: Reference) -> str | None:
    return ref.issued.iso() if ref.issued and ref.issued.year is not None else None  # meta tags want a date


def _moment(ref: Reference) -> str | None:
    """The date, with its time of day and offset when the source gave them (OpenGraph's and schema.org's form)."""
    if ref.issued and ref.issued.time and len(ref.issued.time) > 8:
        return f"{ref.issued.iso()}T{ref.issued.time}"
    return _iso(ref)


def head_tags(ref: Reference) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of each ``<meta>`` tag for the post's page, in order."""
    tags: list[tuple[str, str, str]] = []

    def add(attribute: str, name: str, value: str | None) -> None:
        if value:
            tags.append((attribute, name, value))

    date = ref.issued
    scholar_date = "/".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(date.parts())) if date else None
    # Highwire Press (Google Scholar; Zotero's Embedded Metadata translator reads these first)
    add("name", "citation_title", ref.title)
    for name in ref.author:
        add("name", "citation_author", _author_text(name))
    add("name", "citation_publication_date", scholar_date)
    add("name", "citation_public_url", ref.url)
    for keyword in ref.keyword:
        add("name", "citation_keywords", keyword)
    add("name", "citation_language", ref.language)
    # Zotero: a blog post, not the journal article it guesses from citation_title alone
    add("name", "z:itemType", "blogPost")
    # Dublin Core
    add("name", "DC.title", ref.title)
    for name in ref.author:
        add("name", "DC.creator", _author_text(name))
    add("name", "DC.date", _iso(ref))
    add("name", "DC.identifier", ref.url)
    add("name", "DC.source", ref.container_title)
    add("name", "DC.description", ref.abstract)
    add("name", "DC.language", ref.language)
    # OpenGraph
    add("property", "og:type", "article")
    add("property", "og:title", ref.title)
    add("property", "og:url", ref.url)
    add("property", "og:site_name", ref.container_title)
    add("property", "og:description", ref.abstract)
    add("property", "article:published_time", _moment(ref))
    for name in ref.author:
        add("property", "article:author", name.display())
    for keyword in ref.keyword:
        add("property", "article:tag", keyword)
    return tags


def json_ld(ref: Reference) -> dict[str, Any]:
    """A schema.org ``BlogPosting``: every person a ``Person`` (an organisation's byline an ``Organization``)."""
    from .names import is_institutional

    def agent(name: Name) -> dict[str, Any]:
        if name.literal is not None:
            kind = "Organization" if is_institutional(name.literal) and " " in name.literal else "Person"
            return {"@type": kind, "name": name.literal}
        person = {"@type": "Person", "name": name.display()}
        if name.family is not None:
            person["familyName"] = name.family_full
        if name.given:
            person["givenName"] = name.given
        return person

    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": ref.title,
                            "name": ref.title, "author": [agent(n) for n in ref.author]}
    if _iso(ref):
        data["datePublished"] = _moment(ref)
    if ref.url:
        data["url"] = ref.url
        data["mainEntityOfPage"] = ref.url
    if ref.container_title:
        data["isPartOf"] = {"@type": "Blog", "name": ref.container_title}
    if ref.abstract:
        data["description"] = ref.abstract
    if ref.keyword:
        data["keywords"] = list(ref.keyword)
    if ref.language:
        data["inLanguage"] = ref.language
    return data


def _script_json(data: Any) -> str:
    """JSON safe inside ``<script>``: no ``</script>`` or ``<!--`` can end it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def head_html(ref: Reference) -> str:
    lines = [f'<meta {attribute}="{escape(name)}" content="{escape(content)}">'
             for attribute, name, content in head_tags(ref)]
    lines.append(f'<script type="application/ld+json">\n{_script_json(json_ld(ref))}\n</script>')
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- the block


def cite_block(key: str, citation_html: str, bibtex: str, link_base: str) -> str:
    """The "Cite this post" fragment: the citation, the BibTeX entry with a copy button (plain DOM, no
    framework; without JavaScript the text is still there to select), links to the .bib and .ris files."""
    ident = "blogbib-bibtex-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in key)
    base = escape(link_base, quote=True)
    file = escape(key, quote=True)
    return f"""<section class="blogbib-cite" aria-labelledby="{ident}-h">
<h2 id="{ident}-h">Cite this post</h2>
<div class="blogbib-citation">{citation_html}</div>
<pre class="blogbib-bibtex"><code id="{ident}">{escape(bibtex, quote=False)}</code></pre>
<p class="blogbib-links"><button type="button" class="blogbib-copy" onclick="var b=this,t=document.getElementById('{ident}').textContent;navigator.clipboard.writeText(t).then(function(){{b.textContent='Copied'}})">Copy BibTeX</button>
<a href="{base}{file}.bib" download>BibTeX (.bib)</a> <a href="{base}{file}.ris" download>RIS (.ris)</a> <a href="{base}{file}.json" download>CSL-JSON</a></p>
</section>
"""


# ----------------------------------------------------------------------------- the kit


def _strip_bib_body(html: str) -> str:
    """One rendered entry: the ``csl-entry`` div without the bibliography wrapper."""
    html = html.strip()
    start, end = '<div class="csl-bib-body">', "</div>"
    if html.startswith(start) and html.endswith(end):
        html = html[len(start):-len(end)].strip()
    return html


def _source_path(inputs: Sequence[Any], ref: Reference) -> str | None:
    """The post's file relative to the source folder it was read from (None for other inputs)."""
    if ref.origin is None:
        return None
    path = os.path.abspath(ref.origin.source)
    for spec in inputs:
        folder = os.path.abspath(os.fspath(spec))
        if os.path.isdir(folder) and path.startswith(folder + os.sep):
            return os.path.relpath(path, folder).replace(os.sep, "/")
    return None


def write_kit(refs: Sequence[Reference], out: str | os.PathLike[str], *, styles: Sequence[str] = DEFAULT_STYLES,
              locale: str | None = None, link_base: str = "/citations/", write: WriteOptions | None = None,
              sources: Sequence[Any] = ()) -> tuple[str, ...]:
    """Write the citation kit for ``refs`` (keys assigned) into ``out``; the names of the files written.

    Per post ``<key>.bib``, ``<key>.ris``, ``<key>.json`` (CSL-JSON), ``<key>.html`` (the "Cite this
    post" block) and ``<key>.head.html`` (the head tags); and ``citations.json``: ``posts`` by key
    (key, url, title, ``citation`` per style as text and HTML, ``bibtex``, ``ris``, ``files``, ``head``
    tags, ``json_ld``, ``head_html``, ``block``), ``by_url`` (the URL's path → key) and ``by_source``
    (the post's file in its source folder, one of ``sources`` → key).  ``link_base`` is where the site
    serves the files.  No file in ``sources`` is overwritten.
    """
    from urllib.parse import urlsplit

    from .output import write_atomic
    from .render import bibliography_entries, resolve_style_early

    styles = tuple(styles) or DEFAULT_STYLES
    for style in styles:
        resolve_style_early(style, locale)
    write = write or WriteOptions()
    refs = list(refs)
    out = os.fspath(out)
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as exc:
        raise BlogbibError(f"{out}: cannot make the folder: {exc.strerror or exc}") from None
    rendered = {style: {fmt: dict(bibliography_entries(refs, style, fmt, locale)) for fmt in ("text", "html")}
                for style in styles} if refs else {}
    posts: dict[str, Any] = {}
    by_url: dict[str, str] = {}
    by_source: dict[str, str] = {}
    files: list[str] = []
    file_inputs = [s for s in sources if not os.path.isdir(os.fspath(s))]

    def save(name: str, text: str) -> None:
        write_atomic(os.path.join(out, name), text, inputs=file_inputs)
        files.append(name)

    for ref in refs:
        texts = {suffix: formats.get(fmt).write([ref], write) for suffix, fmt in FILES.items()}
        citation = {style: {"text": rendered[style]["text"].get(ref.id, "").strip(),
                            "html": _strip_bib_body(rendered[style]["html"].get(ref.id, ""))} for style in styles}
        block = cite_block(ref.id, citation[styles[0]]["html"], texts["bib"], link_base)
        head = head_html(ref)
        for suffix, text in texts.items():
            save(f"{ref.id}.{suffix}", text)
        save(f"{ref.id}.html", block)
        save(f"{ref.id}.head.html", head)
        posts[ref.id] = {
            "key": ref.id, "url": ref.url, "title": ref.title, "citation": citation, "bibtex": texts["bib"],
            "ris": texts["ris"], "files": {suffix: f"{link_base}{ref.id}.{suffix}" for suffix in FILES},
            "head": [{attribute: name, "content": content} for attribute, name, content in head_tags(ref)],
            "json_ld": json_ld(ref), "head_html": head, "block": block,
        }
        if ref.url:
            by_url[urlsplit(ref.url).path or "/"] = ref.id
        source = _source_path(sources, ref)
        if source:
            by_source[source] = ref.id
    data = {"generator": "blogbib kit", "styles": list(styles), "posts": posts, "by_url": by_url,
            "by_source": by_source}
    save("citations.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return tuple(files)
