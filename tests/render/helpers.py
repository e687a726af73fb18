"""Small CSL styles written for one feature each, and items that are not in tests/data."""

from __future__ import annotations

from pathlib import Path

from blogbib.model import Date, Name, Reference

CSL_HEAD = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" {style_attrs}>
  <info><title>test</title><id>https://example.org/test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  {locale}
  {macros}
  <citation {citation_attrs}>
    {citation_sort}
    <layout {citation_layout_attrs}>{citation}</layout>
  </citation>
  <bibliography {bibliography_attrs}>
    {sort}
    <layout {layout_attrs}>{bibliography}</layout>
  </bibliography>
</style>
"""


def make_style(tmp_path: Path, name: str = "test", *, citation: str = '<text variable="title"/>',
               bibliography: str = '<text variable="title"/>', sort: str = "", citation_sort: str = "",
               style_attrs: str = "", citation_attrs: str = "", bibliography_attrs: str = "",
               layout_attrs: str = "", citation_layout_attrs: str = "", macros: str = "", locale: str = "") -> str:
    path = tmp_path / f"{name}.csl"
    path.write_text(CSL_HEAD.format(**locals_without(locals())), encoding="utf-8")
    return str(path)


def locals_without(values: dict) -> dict:
    return {k: v for k, v in values.items() if k not in ("tmp_path", "name", "path")}


def post(key: str, title: str, *authors: tuple[str, str], year: int = 2020, month: int | None = 3,
         day: int | None = 1, blog: str = "Some Blog", url: str | None = None, **kw) -> Reference:
    names = tuple(Name(family=f, given=g) for f, g in authors)
    return Reference(id=key, title=title, author=names, issued=Date(year, month, day) if year else None,
                     container_title=blog, url=url or f"https://example.org/{key}", **kw)
