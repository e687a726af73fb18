"""A blog's source folder: Jekyll, Hugo, Hexo, Pelican and MkDocs Material (blog plugin).

The site's configuration gives the blog's name, base URL, permalink pattern, time zone and default
author; each post's front matter (YAML, TOML or JSON; Pelican's ``Key: value`` header) gives the
fields below.  Drafts and posts dated in the future are left out unless ``ReadOptions.drafts``; a
post's URL is computed as its generator computes it.  Pelican's ``pelicanconf.py`` is read as
literals, never executed.  A field that cannot be read is an error naming the file and line; a post
without a title or a date is reported and skipped, never guessed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import Diagnostics, InputError
from ..model import Date, Draft, Name, Origin
from ..options import ReadOptions

if TYPE_CHECKING:
    from typing import Callable, Iterator

__all__ = ["read", "detect", "GENERATORS", "is_source_folder"]

# Front-matter keys (lower-cased) → Reference fields, tried in order.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "issued": ("date",),
    "author": ("authors", "author"),
    "abstract": ("description", "summary", "excerpt"),
    "keyword": ("tags", "keywords"),
}

# Configuration keys, per generator: what each setting is called in its configuration file.
CONFIG: dict[str, dict[str, tuple[str, ...]]] = {
    "jekyll": {"title": ("title",), "url": ("url",), "base": ("baseurl",), "timezone": ("timezone",),
               "author": ("author",), "permalink": ("permalink",)},
    "hugo": {"title": ("title",), "url": ("baseurl",), "timezone": ("timezone",),
             "author": ("params.author", "author.name", "author", "params.authors"), "permalink": ("permalinks",)},
    "hexo": {"title": ("title",), "url": ("url",), "timezone": ("timezone",), "author": ("author",),
             "permalink": ("permalink",)},
    "pelican": {"title": ("sitename",), "url": ("siteurl",), "timezone": ("timezone",), "author": ("author",),
                "permalink": ("article_url",)},
    "mkdocs": {"title": ("site_name",), "url": ("site_url",), "author": ("site_author",)},
}

# Generator → the files (relative to the folder) that mark its source; the first found wins.
GENERATORS: dict[str, tuple[str, ...]] = {
    "mkdocs": ("mkdocs.yml", "mkdocs.yaml"),
    "pelican": ("pelicanconf.py",),
    "hugo": ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config/_default/hugo.toml",
             "config/_default/config.toml", "config.toml", "config.yaml", "config.yml", "config.json"),
    "hexo": ("_config.yml", "_config.yaml"),  # with source/_posts or a package.json naming hexo
    "jekyll": ("_config.yml", "_config.yaml", "_config.toml", "_posts"),
}

MARKUP = (".md", ".markdown", ".mkd", ".mkdn", ".html", ".htm", ".rst", ".textile", ".org", ".adoc", ".pdc")

# Jekyll's permalink styles (its documented names for whole patterns).
JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}


class SourceError(ValueError):
    """A front matter or configuration value that cannot be read: its file, line and reason."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path, self.line = path, line


# ----------------------------------------------------------------------------- what is read


@dataclass
class Site:
    generator: str
    root: str
    config_path: str
    config: dict[str, Any]
    title: str | None = None
    base: str = ""  # scheme://host/base/ (ends in /), or "" when the configuration has no URL
    timezone: str | None = None
    author: Any = None  # the default author, as the configuration writes it
    people: dict[str, Any] = field(default_factory=dict)  # author id → entry (data files)


@dataclass
class Post:
    path: str  # the file
    rel: str  # its path inside the source folder
    meta: dict[str, Any]
    header: str  # the front matter's text, to find a key's line
    first_line: int  # the front matter's first line in the file
    body: str = ""
    error: Exception | None = None  # the file could not be read (SourceError, InputError): reported, skipped

    def line(self, key: str) -> int:
        """The line of ``key`` in the front matter (its first line if not found)."""
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[:=]", re.I | re.M)
        m = pattern.search(self.header)
        return self.first_line + (self.header.count("\n", 0, m.start()) if m else 0)

    def get(self, key: str) -> Any:
        return self.meta.get(key)


# ----------------------------------------------------------------------------- parsing text


def _yaml_loader() -> Any:
    """A safe YAML loader that keeps timestamps as written (a post's date is read by us, with its zone)
    and reads unknown tags (``!!python/name:…``, ``!ENV``) as plain values."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def unknown(loader: Any, suffix: str, node: Any) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return loader.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node)
        return loader.construct_mapping(node)

    Loader.add_multi_constructor("!", unknown)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", unknown)
    return Loader


_LOADER: Any = None


def parse_yaml(text: str, path: str, first_line: int = 1) -> Any:
    global _LOADER
    import yaml

    if _LOADER is None:
        _LOADER = _yaml_loader()
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        # Where the broken construct opened (an unclosed bracket), else where reading stopped.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourceError(path, line, f"cannot read the YAML: {reason}") from None


def parse_toml(text: str, path: str, first_line: int = 1) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+)", str(exc))
        line = first_line + int(m[1]) - 1 if m else first_line
        raise SourceError(path, line, f"cannot read the TOML: {str(exc).split(' (at')[0]}") from None


def parse_json(text: str, path: str, first_line: int = 1) -> Any:
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(path, first_line + exc.lineno - 1, f"cannot read the JSON: {exc.msg}") from None


def read_text(path: str) -> str:
    from ..inputs import load

    return load(path).text


def parse_config(path: str) -> dict[str, Any]:
    text = read_text(path)
    parse = parse_toml if path.endswith(".toml") else parse_json if path.endswith(".json") else parse_yaml
    data = parse(text, path) or {}
    if not isinstance(data, dict):
        raise SourceError(path, 1, "the configuration is not a mapping of settings")
    return data


_FENCES = {"---": ("yaml", re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)), "+++": ("toml", re.compile(r"^\+\+\+[ \t]*$", re.M)),
           ";;;": ("json", re.compile(r"^;;;[ \t]*$", re.M))}


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any] | None, str, int, str]:
    """(front matter, its text, its first line, the body); None when the file has none."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0].strip()
    if first in _FENCES:
        kind, end = _FENCES[first]
        start = len(text.split("\n", 1)[0]) + 1
        m = end.search(text, start)
        if m is None:
            raise SourceError(path, 1, f"the front matter opened by {first} is never closed")
        header = text[start:m.start()]
        body = text[m.end():].lstrip("\n")
        parse = {"yaml": parse_yaml, "toml": parse_toml, "json": lambda t, p, l: parse_json("{" + t + "}", p, l)}[kind]
        meta = parse(header, path, 2)
    elif first.startswith("{"):  # Hugo's JSON front matter: an object, then the body
        import json

        try:
            meta, end = json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError as exc:
            raise SourceError(path, exc.lineno, f"cannot read the JSON front matter: {exc.msg}") from None
        header, body = text[:end], text[end:]
        return (meta if isinstance(meta, dict) else None), header, 1, body
    else:
        return None, "", 1, text
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(path, 2, "the front matter is not a mapping of fields")
    return meta, header, 2, body


def _lower(meta: dict[str, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in meta.items()}


def dotted(config: dict[str, Any], key: str) -> Any:
    """``params.author`` in a nested mapping, keys compared without case."""
    value: Any = config
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = _lower(value).get(part)
    return value


def setting(site_config: dict[str, Any], generator: str, name: str) -> Any:
    for key in CONFIG[generator].get(name, ()):
        value = dotted(site_config, key)
        if value not in (None, ""):
            return value
    return None


# ----------------------------------------------------------------------------- dates


_STAMP = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
                    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?")


def _zone(name: str) -> Any:
    """An IANA zone or UTC (an unknown name is a DateError naming it)."""
    import datetime as _dt

    from ..dates import check_timezone

    if check_timezone(name).upper() in ("UTC", "Z", "GMT"):
        return _dt.timezone.utc
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def parse_stamp(value: Any, timezone: str | None) -> Date:
    """A front-matter date (text, or a date TOML already read) as the day the blog shows, in its time zone.

    A time without an offset is the blog's local time; one with an offset is moved into the blog's
    zone, as Jekyll, Hugo and Hexo do for permalinks.
    """
    import datetime as _dt

    from ..dates import DateError, from_datetime

    if isinstance(value, _dt.datetime):
        moment = value
    elif isinstance(value, _dt.date):
        return Date(value.year, value.month, value.day)
    else:
        text = str(value).strip()
        m = _STAMP.fullmatch(text)
        if not m:
            raise DateError(f"not a date: {text!r}")
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        if m[4] is None:
            if m[7] is not None:
                raise DateError(f"not a date: {text!r}")
            try:
                return Date(year, month, day)
            except ValueError as exc:
                raise DateError(str(exc)) from None
        offset = m[7]
        tz = None
        if offset:
            if offset == "Z":
                tz = _dt.timezone.utc
            else:
                digits = offset[1:].replace(":", "")
                minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
                tz = _dt.timezone(_dt.timedelta(minutes=minutes if offset[0] == "+" else -minutes))
        try:
            moment = _dt.datetime(year, month, day, int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=tz)
        except ValueError as exc:
            raise DateError(str(exc)) from None
    if moment.tzinfo is None and timezone:
        moment = moment.replace(tzinfo=_zone(timezone))
    if moment.tzinfo is not None and timezone:
        return from_datetime(moment, timezone)
    if moment.tzinfo is not None:
        return from_datetime(moment)
    return Date(moment.year, moment.month, moment.day, moment.strftime("%H:%M:%S"))


def _now(timezone: str | None) -> tuple[int, int, int, str]:
    import datetime as _dt

    now = _dt.datetime.now(_zone(timezone) if timezone else _dt.timezone.utc)
    return (now.year, now.month, now.day, now.strftime("%H:%M:%S"))


def _in_future(date: Date, timezone: str | None) -> bool:
    now = _now(timezone)
    day = (date.year, date.month or 1, date.day or 1)
    if day != now[:3]:
        return day > now[:3]
    return bool(date.time) and date.time[:8] > now[3]


# ----------------------------------------------------------------------------- slugs and URLs


def slugify(text: str, *, lower: bool = True, keep: str = "") -> str:
    """Words of ``text`` joined by hyphens: what the generators make of a title (accents folded)."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(rf"[^\w\s{re.escape(keep)}-]", "", text).strip()
    text = re.sub(r"[-\s]+", "-", text)
    return text.lower() if lower else text


def jekyll_slug(text: str) -> str:
    """Jekyll's ``pretty`` slug mode, case kept: runs of other characters become one hyphen."""
    return re.sub(r"[^\w._~!$&'()+,;=@]+", "-", text).strip("-")


def join_url(base: str, path: str) -> str:
    """``base`` (ending in /) and a site path; without a base, the path alone."""
    path = re.sub(r"/{2,}", "/", "/" + path.lstrip("/"))
    return base.rstrip("/") + path if base else path


def site_base(url: Any, path: Any = "") -> str:
    url = str(url or "").strip()
    if not url:
        return ""
    base = url.rstrip("/") + "/" + str(path or "").strip("/")
    return base.rstrip("/") + "/"


def fill(pattern: str, values: dict[str, str]) -> str:
    """Replace ``:name`` placeholders, longest names first (``:year`` before ``:y``)."""
    names = sorted(values, key=len, reverse=True)
    regex = re.compile(":(" + "|".join(map(re.escape, names)) + r")(?![a-z_])") if names else None
    return regex.sub(lambda m: values[m[1]], pattern) if regex else pattern


def _date_values(date: Date) -> dict[str, str]:
    import datetime as _dt

    d = _dt.date(date.year, date.month or 1, date.day or 1)
    hour, minute, second = (date.time or "00:00:00")[:8].split(":")
    return {"year": f"{d.year:04d}", "month": f"{d.month:02d}", "day": f"{d.day:02d}",
            "i_month": str(d.month), "i_day": str(d.day), "short_year": f"{d.year % 100:02d}",
            "y_day": f"{d.timetuple().tm_yday:03d}", "hour": hour, "minute": minute, "second": second,
            "short_month": d.strftime("%b"), "long_month": d.strftime("%B"), "monthname": d.strftime("%B").lower(),
            "week": f"{d.isocalendar()[1]:02d}", "short_day": d.strftime("%a"), "long_day": d.strftime("%A"),
            "weekday": str(d.isoweekday() % 7), "yearday": str(d.timetuple().tm_yday)}


# ----------------------------------------------------------------------------- finding the generator


def _exists(root: str, rel: str) -> bool:
    return os.path.exists(os.path.join(root, rel))


def detect(root: str) -> tuple[str, str] | None:
    """(generator, its configuration file) for a source folder, or None."""
    for name in ("mkdocs", "pelican", "hugo"):
        for rel in GENERATORS[name]:
            if os.path.isfile(os.path.join(root, rel)) and (name != "hugo" or os.path.isdir(os.path.join(root, "content"))):
                return name, os.path.join(root, rel)
    config = next((os.path.join(root, r) for r in GENERATORS["hexo"] if os.path.isfile(os.path.join(root, r))), None)
    if config and (os.path.isdir(os.path.join(root, "source", "_posts")) or _hexo_package(root)):
        return "hexo", config
    for rel in GENERATORS["jekyll"]:
        if _exists(root, rel):
            return "jekyll", os.path.join(root, rel)
    return None


def _hexo_package(root: str) -> bool:
    try:
        with open(os.path.join(root, "package.json"), encoding="utf-8") as handle:
            return '"hexo"' in handle.read()
    except OSError:
        return False


def is_source_folder(path: str) -> bool:
    return os.path.isdir(path) and detect(path) is not None


# ----------------------------------------------------------------------------- walking the posts


def _files(folder: str, skip_dirs: Callable[[str], bool] = lambda name: False) -> Iterator[str]:
    for here, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not skip_dirs(d))
        for name in sorted(names):
            if name.lower().endswith(MARKUP) and not name.startswith("."):
                yield os.path.join(here, name)


def _unreadable(path: str, root: str, exc: Exception) -> Post:
    return Post(path, os.path.relpath(path, root).replace(os.sep, "/"), {}, "", 1, error=exc)


def _post(path: str, root: str, required: bool = True) -> Post | None:
    try:
        meta, header, first, body = split_front_matter(read_text(path), path)
    except (SourceError, InputError) as exc:
        return _unreadable(path, root, exc)
    if meta is None:
        if required:
            return None
        meta = {}
    return Post(path, os.path.relpath(path, root).replace(os.sep, "/"), _lower(meta), header, first, body)


# ----------------------------------------------------------------------------- generators


class _Generator:
    """What every generator shares: site settings from its configuration; posts, drafts and URLs are its own."""

    name = ""

    def __init__(self, root: str, config_path: str) -> None:
        config = self.load_config(config_path)
        self.site = Site(self.name, root, config_path, config, title=_str(setting(config, self.name, "title")),
                         timezone=_str(setting(config, self.name, "timezone")),
                         author=setting(config, self.name, "author"))
        self.site.base = site_base(setting(config, self.name, "url"), setting(config, self.name, "base"))

    def load_config(self, path: str) -> dict[str, Any]:
        return parse_config(path)

    def posts(self, drafts: bool) -> Iterator[Post]:
        raise NotImplementedError

    def is_draft(self, post: Post) -> bool:
        return post.get("draft") is True or post.get("published") is False

    def future_published(self) -> bool:
        """Whether the generator publishes posts dated in the future (by default, or as configured)."""
        return False

    def date(self, post: Post) -> Any:
        return post.get("date")

    def title(self, post: Post) -> Any:
        return post.get("title")

    def url(self, post: Post, date: Date, title: str) -> str:
        raise NotImplementedError

    def author_value(self, post: Post) -> Any:
        for key in FIELDS["author"]:
            if post.get(key) not in (None, "", []):
                return post.get(key)
        return None


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


class Jekyll(_Generator):
    name = "jekyll"

    def __init__(self, root: str, config_path: str) -> None:
        if os.path.isdir(config_path):  # a _posts folder without a configuration
            config_path = os.path.join(root, "_config.yml")
        super().__init__(root, config_path)
        self.site.people = _data_people(os.path.join(root, _str(self.site.config.get("data_dir")) or "_data"), "authors")

    def load_config(self, path: str) -> dict[str, Any]:
        return parse_config(path) if os.path.isfile(path) else {}

    def future_published(self) -> bool:
        return self.site.config.get("future") is True

    def posts(self, drafts: bool) -> Iterator[Post]:
        root = self.site.root
        source = os.path.normpath(os.path.join(root, _str(self.site.config.get("source")) or "."))
        exclude = set(self.site.config.get("exclude") or ()) | {"_site", "node_modules", "vendor", ".git"}
        for here, dirs, _ in os.walk(source):
            dirs[:] = sorted(d for d in dirs if d not in exclude and (not d.startswith((".",)) or d == "_posts"))
            kinds = ["_posts"] + (["_drafts"] if drafts else [])
            for kind in kinds:
                if kind in dirs:
                    for path in _files(os.path.join(here, kind)):
                        post = _post(path, root)
                        if post is not None:
                            post.meta.setdefault("_draft_folder", kind == "_drafts")
                            post.meta.setdefault("_categories_path", os.path.relpath(here, source))
                            yield post
            dirs[:] = [d for d in dirs if d not in ("_posts", "_drafts") and not d.startswith("_")]

    def _filename(self, post: Post) -> tuple[str | None, str]:
        """(date in the file name, the slug after it)."""
        base = os.path.splitext(os.path.basename(post.path))[0]
        m = re.match(r"(\d{4}-\d{2}-\d{2})-(.*)", base)
        return (m[1], m[2]) if m else (None, base)

    def date(self, post: Post) -> Any:
        return post.get("date") or self._filename(post)[0]

    def url(self, post: Post, date: Date, title: str) -> str:
        pattern = _str(post.get("permalink"))
        if pattern and ":" not in pattern:
            return join_url(self.site.base, pattern)
        pattern = pattern or _str(self.site.config.get("permalink")) or "date"
        pattern = JEKYLL_STYLES.get(pattern, pattern)
        slug = _str(post.get("slug")) or self._filename(post)[1]
        categories = []
        folder = post.get("_categories_path") or "."
        if folder != ".":
            categories += [c for c in folder.replace(os.sep, "/").split("/") if c]
        for key in ("categories", "category"):
            value = post.get(key)
            if isinstance(value, str):
                categories += value.split() if key == "categories" else [value]
            elif isinstance(value, list):
                categories += [str(v) for v in value]
        values = {**_date_values(date), "title": jekyll_slug(slug), "slug": slugify(slug),
                  "categories": "/".join(jekyll_slug(c).lower() for c in dict.fromkeys(categories)),
                  "output_ext": ".html", "path": os.path.splitext(post.rel)[0], "name": slugify(slug)}
        path = fill(pattern, values)
        return join_url(self.site.base, path)


class Hugo(_Generator):
    name = "hugo"

    def __init__(self, root: str, config_path: str) -> None:
        super().__init__(root, config_path)
        self.site.people = _data_people(os.path.join(root, "data"), "authors")

    def future_published(self) -> bool:
        return self.site.config.get("buildFuture") is True or self.site.config.get("buildfuture") is True

    def is_draft(self, post: Post) -> bool:
        if post.get("draft") is True:
            return True
        expiry = post.get("expirydate")
        if expiry:
            try:
                return not _in_future(parse_stamp(expiry, self.site.timezone), self.site.timezone)
            except ValueError:
                return False
        return False

    def date(self, post: Post) -> Any:
        return post.get("date") or post.get("publishdate") or post.get("pubdate") or post.get("published")

    def posts(self, drafts: bool) -> Iterator[Post]:
        content = os.path.join(self.site.root, _str(self.site.config.get("contentDir")) or "content")
        for path in _files(content):
            name = os.path.basename(path)
            if name.startswith("_index."):  # a section's own page, not a post
                continue
            post = _post(path, self.site.root)
            if post is None:
                continue
            rel = os.path.relpath(path, content).replace(os.sep, "/")
            section = rel.split("/")[0] if "/" in rel else ""
            if not section or post.get("type") == "page":
                continue
            post.meta["_section"] = section
            post.meta["_content_rel"] = rel
            yield post

    def url(self, post: Post, date: Date, title: str) -> str:
        explicit = _str(post.get("url"))
        if explicit:
            return join_url(self.site.base, explicit)
        rel = post.meta["_content_rel"]
        bundle = os.path.splitext(os.path.basename(rel))[0] == "index"
        filename = rel.split("/")[-2] if bundle else os.path.splitext(rel.split("/")[-1])[0]
        section = post.meta["_section"]
        permalinks = self.site.config.get("permalinks") or {}
        if isinstance(permalinks, dict) and isinstance(permalinks.get("page"), dict):
            permalinks = permalinks["page"]
        pattern = _str(permalinks.get(section)) if isinstance(permalinks, dict) else None
        slug = _str(post.get("slug"))
        if pattern is None:
            folder = "/".join(rel.split("/")[:-2 if bundle else -1])
            path = f"/{folder}/{_hugo_urlize(slug) if slug else filename}/"
        else:
            values = {**_date_values(date), "section": section, "sections": "/".join(rel.split("/")[:-1]),
                      "title": _hugo_urlize(title), "slug": _hugo_urlize(slug or title),
                      "filename": filename, "slugorfilename": _hugo_urlize(slug) if slug else filename,
                      "contentbasename": filename}
            path = fill(pattern, values)
        if not self.site.config.get("disablePathToLower") and not self.site.config.get("disablepathtolower"):
            path = path.lower()
        return join_url(self.site.base, path)


def _hugo_urlize(text: str) -> str:
    """Hugo's urlize: spaces become hyphens, other characters stay (percent-encoded when linked)."""
    return re.sub(r"\s+", "-", text.strip())


class Hexo(_Generator):
    name = "hexo"

    def future_published(self) -> bool:
        return self.site.config.get("future", True) is not False  # Hexo publishes them unless told not to

    def posts(self, drafts: bool) -> Iterator[Post]:
        source = os.path.join(self.site.root, _str(self.site.config.get("source_dir")) or "source")
        for kind in ("_posts", "_drafts") if drafts else ("_posts",):
            for path in _files(os.path.join(source, kind)):
                post = _post(path, self.site.root, required=False)
                if post is not None:
                    post.meta["_slug_path"] = os.path.splitext(os.path.relpath(path, os.path.join(source, kind)))[0]
                    yield post

    def url(self, post: Post, date: Date, title: str) -> str:
        base = site_base(self.site.config.get("url"))
        explicit = _str(post.get("permalink"))
        if explicit:
            return join_url(base, explicit)
        pattern = _str(self.site.config.get("permalink")) or ":year/:month/:day/:title/"
        slug = _str(post.get("slug")) or post.meta["_slug_path"].replace(os.sep, "/")
        name = slug.rsplit("/", 1)[-1]
        categories = post.get("categories") or post.get("category") or []
        first = categories[0] if isinstance(categories, list) and categories else categories
        if isinstance(first, list):
            first = "/".join(map(str, first))
        values = {**_date_values(date), "title": slug, "name": name, "post_title": slugify(title),
                  "id": str(post.get("id") or ""), "category": slugify(str(first)) if first else
                  str(self.site.config.get("default_category") or "uncategorized"),
                  "hash": ""}
        return join_url(base, fill(pattern, values))


class Pelican(_Generator):
    name = "pelican"

    def load_config(self, path: str) -> dict[str, Any]:
        return _python_settings(path)

    def future_published(self) -> bool:
        return self.site.config.get("WITH_FUTURE_DATES", True) is not False

    def is_draft(self, post: Post) -> bool:
        return str(post.get("status") or "").lower() in ("draft", "hidden", "skip")

    def posts(self, drafts: bool) -> Iterator[Post]:
        config = self.site.config
        root = self.site.root
        content = os.path.join(root, _str(config.get("PATH")) or ".")
        pages = [os.path.normpath(os.path.join(content, p)) for p in config.get("PAGE_PATHS", ["pages"])]
        articles = config.get("ARTICLE_PATHS") or [""]
        excluded = set(config.get("ARTICLE_EXCLUDES", [])) | {"pages"}
        seen = set()
        for folder in articles:
            base = os.path.normpath(os.path.join(content, folder))
            for path in _files(base, lambda name: name in excluded):
                if path in seen or any(path.startswith(p + os.sep) for p in pages):
                    continue
                seen.add(path)
                post = _pelican_post(path, root)
                if post is not None:
                    folder_name = os.path.basename(os.path.dirname(path))
                    post.meta["_category"] = (folder_name if os.path.dirname(path) != base and
                                              config.get("USE_FOLDER_AS_CATEGORY", True) else None)
                    yield post

    def author_value(self, post: Post) -> Any:
        if post.get("authors"):
            value = post.get("authors")
            return [a.strip() for a in value.split(",") if a.strip()] if isinstance(value, str) else value
        return post.get("author")

    def url(self, post: Post, date: Date, title: str) -> str:
        import datetime as _dt

        config = self.site.config
        pattern = _str(post.get("url")) or _str(config.get("ARTICLE_URL")) or "{slug}.html"
        slug = _str(post.get("slug")) or slugify(title)
        moment = _dt.datetime(date.year, date.month or 1, date.day or 1,
                              *(int(x) for x in (date.time or "00:00:00")[:8].split(":")))
        category = _str(post.get("category")) or post.meta.get("_category") or config.get("DEFAULT_CATEGORY", "misc")
        values = {"slug": slug, "date": moment, "category": slugify(str(category)),
                  "lang": _str(post.get("lang")) or config.get("DEFAULT_LANG", "en"),
                  "author": slugify(str(self.author_value(post) or "")), "title": title}
        try:
            path = pattern.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            raise SourceError(self.site.config_path, None, f"ARTICLE_URL {pattern!r} cannot be filled: {exc}") from None
        return join_url(self.site.base, path)


def _python_settings(path: str) -> dict[str, Any]:
    """A Pelican settings file's assignments of literals (and of names assigned before), never executed."""
    import ast

    text = read_text(path)
    try:
        tree = ast.parse(text, path)
    except SyntaxError as exc:
        raise SourceError(path, exc.lineno, f"cannot read the settings: {exc.msg}") from None
    settings: dict[str, Any] = {}
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        try:
            value = ast.literal_eval(node.value)
        except ValueError:
            if isinstance(node.value, ast.Name) and node.value.id in settings:
                value = settings[node.value.id]
            else:
                continue  # an expression only running the file could evaluate
        for target in node.targets:
            if isinstance(target, ast.Name):
                settings[target.id] = value
    return settings


def _pelican_post(path: str, root: str) -> Post | None:
    """Pelican's metadata: ``Key: value`` lines at the top of a Markdown file, ``:key: value`` fields in
    reStructuredText (its title the first heading), or YAML front matter."""
    try:
        text = read_text(path).lstrip("\ufeff")
    except InputError as exc:
        return _unreadable(path, root, exc)
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    if text.startswith("---"):
        post = _post(path, root)
        return post
    meta: dict[str, Any] = {}
    lines = text.split("\n")
    if path.endswith(".rst"):
        for i, line in enumerate(lines):
            if re.fullmatch(r"([=\-~^\"'`#*+])\1{2,}\s*", line) and i and lines[i - 1].strip() and "title" not in meta:
                meta["title"] = lines[i - 1].strip()
            m = re.match(r":(\w[\w-]*):\s*(.*)", line)
            if m:
                meta[m[1].lower()] = m[2].strip()
        return Post(path, rel, meta, text, 1, text)
    end = 0
    key = None
    for i, line in enumerate(lines):
        m = re.match(r"([A-Za-z][\w-]*):\s*(.*)", line)
        if m:
            key = m[1].lower()
            meta[key] = m[2].strip()
        elif line.startswith((" ", "\t")) and key and line.strip():
            meta[key] += " " + line.strip()
        else:
            end = i
            break
    header = "\n".join(lines[:end])
    return Post(path, rel, meta, header, 1, "\n".join(lines[end:])) if meta else None


class MkDocs(_Generator):
    name = "mkdocs"

    def __init__(self, root: str, config_path: str) -> None:
        super().__init__(root, config_path)
        plugins = self.site.config.get("plugins") or []
        blog: dict[str, Any] | None = None
        for plugin in plugins if isinstance(plugins, list) else [{k: v} for k, v in plugins.items()]:
            name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
            if name in ("blog", "material/blog"):
                blog = options or {}
        if blog is None:
            raise SourceError(config_path, None, "an MkDocs site without the Material blog plugin has no posts")
        self.blog = blog
        self.docs = os.path.join(root, _str(self.site.config.get("docs_dir")) or "docs")
        self.blog_dir = str(blog.get("blog_dir", "blog")).strip("/")
        authors_file = str(blog.get("authors_file", "{blog}/.authors.yml")).replace("{blog}", self.blog_dir)
        authors_path = os.path.join(self.docs, authors_file)
        if os.path.isfile(authors_path):
            data = parse_yaml(read_text(authors_path), authors_path) or {}
            self.site.people = {str(k): v for k, v in (data.get("authors") or {}).items()} if isinstance(data, dict) else {}

    def future_published(self) -> bool:
        return not self.blog.get("draft_if_future_date", False)

    def posts(self, drafts: bool) -> Iterator[Post]:
        post_dir = str(self.blog.get("post_dir", "{blog}/posts")).replace("{blog}", self.blog_dir)
        for path in _files(os.path.join(self.docs, post_dir)):
            post = _post(path, self.site.root)
            if post is not None:
                post.meta["_file"] = os.path.splitext(os.path.basename(path))[0]
                yield post

    def date(self, post: Post) -> Any:
        value = post.get("date")
        return value.get("created") if isinstance(value, dict) else value

    def title(self, post: Post) -> Any:
        if post.get("title"):
            return post.get("title")
        m = re.search(r"^#\s+(.+?)\s*#*\s*$", post.body, re.M)
        return m[1] if m else None

    def url(self, post: Post, date: Date, title: str) -> str:
        import datetime as _dt

        fmt = str(self.blog.get("post_url_format", "{date}/{slug}"))
        date_format = str(self.blog.get("post_url_date_format", "yyyy/MM/dd"))
        day = _dt.date(date.year, date.month or 1, date.day or 1)
        date_text = _cldr(date_format, day)
        separator = str(self.blog.get("post_slugify_separator", "-"))
        slug = _str(post.get("slug")) or slugify(title).replace("-", separator)
        categories = post.get("categories") or []
        values = {"date": date_text, "slug": slug, "file": post.meta["_file"],
                  "categories": "/".join(slugify(str(c)) for c in categories) if isinstance(categories, list) else ""}
        path = re.sub(r"\{(\w+)\}", lambda m: values.get(m[1], m[0]), fmt)
        path = "/".join(p for p in f"{self.blog_dir}/{path}".split("/") if p and p != ".")
        directory = self.site.config.get("use_directory_urls", True) is not False
        return join_url(self.site.base, path + ("/" if directory else ".html"))


def _cldr(pattern: str, day: Any) -> str:
    """A date in a CLDR pattern (``yyyy/MM/dd``), the letters MkDocs Material's dates use."""
    table = {"yyyy": f"{day.year:04d}", "yy": f"{day.year % 100:02d}", "y": str(day.year), "MMMM": day.strftime("%B"),
             "MMM": day.strftime("%b"), "MM": f"{day.month:02d}", "M": str(day.month), "dd": f"{day.day:02d}",
             "d": str(day.day)}
    return re.sub(r"yyyy|yy|y|MMMM|MMM|MM|M|dd|d", lambda m: table[m[0]], pattern)


def _data_people(folder: str, name: str) -> dict[str, Any]:
    """Authors kept in a data file (``_data/authors.yml``, ``data/authors.toml``): id → entry."""
    for suffix in (".yml", ".yaml", ".toml", ".json"):
        path = os.path.join(folder, name + suffix)
        if os.path.isfile(path):
            data = parse_config(path)
            return {str(k): v for k, v in data.items()}
    return {}


CLASSES: dict[str, type[_Generator]] = {"jekyll": Jekyll, "hugo": Hugo, "hexo": Hexo, "pelican": Pelican,
                                        "mkdocs": MkDocs}


# ----------------------------------------------------------------------------- posts into references


def _authors(value: Any, site: Site, post: Post) -> tuple[tuple[Name, ...], bool]:
    """Front-matter authors (a byline, a list of names or of data-file ids, mappings with a name)."""
    from ..names import parse_byline, parse_name

    def name_of(entry: Any) -> str | None:
        if isinstance(entry, dict):
            entry = _lower(entry)
            return _str(entry.get("name") or entry.get("display_name") or entry.get("title"))
        text = _str(entry)
        if text is not None and text in site.people:
            return name_of(site.people[text]) or text
        return text

    if isinstance(value, list):
        names = [n for n in map(name_of, value) if n]
        return tuple(parse_name(n) for n in names), False
    if isinstance(value, dict):
        text = name_of(value)
        return (parse_name(text),) if text else (), False
    text = _str(value)
    if text is None:
        return (), False
    if text in site.people:
        return (parse_name(name_of(text) or text),), False
    return parse_byline(text)


def _keywords(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(t.strip() for t in re.split(r"[,\n]", value) if t.strip())
    if isinstance(value, list):
        return tuple(str(t).strip() for t in value if str(t).strip())
    return ()


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Draft]:
    """Every published post of the blog whose source folder is ``source`` (``text`` is not used)."""
    from ..dates import DateError

    root = source
    found = detect(root)
    if found is None:
        diag.error(root, None, "not a blog source folder (no Jekyll, Hugo, Hexo, Pelican or MkDocs configuration)",
                   skipped=False)
        return []
    try:
        generator = CLASSES[found[0]](root, found[1])
    except SourceError as exc:
        diag.error(exc.path, exc.line, str(exc), skipped=False)
        return []
    site = generator.site
    if options.timezone:
        site.timezone = options.timezone
    drafts: list[Draft] = []
    for post in generator.posts(options.drafts):
        diag.stats.read += 1
        if isinstance(post.error, SourceError):
            diag.error(post.error.path, post.error.line, str(post.error))
            continue
        if isinstance(post.error, InputError):  # a file that is not text
            for problem in post.error.problems:
                diag.error(problem.source, problem.line, problem.message)
            continue
        try:
            draft = _reference(generator, post, options, diag)
        except SourceError as exc:
            diag.error(exc.path, exc.line, str(exc))
            continue
        except DateError as exc:
            diag.error(post.path, post.line("date"), f"date: {exc}")
            continue
        if draft is None:
            diag.stats.read -= 1  # left out on purpose (a draft, a future post): not an entry read
            continue
        drafts.append(draft)
    return drafts


def _reference(generator: _Generator, post: Post, options: ReadOptions, diag: Diagnostics) -> Draft | None:
    site = generator.site
    if not options.drafts and (generator.is_draft(post) or post.get("_draft_folder")):
        return None
    title = generator.title(post)
    if isinstance(title, (dict, list)):
        raise SourceError(post.path, post.line("title"), "title: not a text")
    title = _str(title)
    raw_date = generator.date(post)
    if title is None or raw_date in (None, ""):
        missing = " and ".join(w for w, v in (("title", title), ("date", raw_date)) if v in (None, ""))
        raise SourceError(post.path, post.first_line, f"the post has no {missing}; blogbib does not guess one")
    date = parse_stamp(raw_date, site.timezone)
    if not options.drafts and not generator.future_published() and _in_future(date, site.timezone):
        return None
    authors_value = generator.author_value(post)
    if authors_value is None:
        authors_value = site.author
    authors, more = _authors(authors_value, site, post)
    abstract = next((_str(post.get(k)) for k in FIELDS["abstract"] if _str(post.get(k))), None)
    keywords = next((_keywords(post.get(k)) for k in FIELDS["keyword"] if post.get(k)), ())
    url = generator.url(post, date, title)
    return Draft(title=" ".join(title.split()), author=authors, more_authors=more, issued=date,
                 container_title=site.title, url=url, abstract=abstract, keyword=keywords,
                 origin=Origin(post.path, post.first_line))
