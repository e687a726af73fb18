"""Write every fixture site's source (configuration, posts with front matter, bodies) from content.py.

Run once when the posts or a site's settings change: ``python tests/sites/write_sources.py``.  The sources
it writes are committed under tests/data/sites/<site>/source/ and are what build.py builds.  Each site writes
its authors the way its generator and theme expect (a byline string, a list, a taxonomy, ids in a data
file), has a site-wide owner where the generator has one, a time zone, and ten posts per index page.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import content  # noqa: E402

SITES = content.ROOT / "tests" / "data" / "sites"
OWNER = "Moritz Hardt"  # the real blog's owner: the site-wide author of every fixture site
BLOG = "Off the Convex Path"
PER_PAGE = 10


def q(text: str) -> str:
    """A YAML (and TOML) double-quoted string."""
    return json.dumps(text, ensure_ascii=False)


def ylist(items: list[str]) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


def names(post: dict) -> list[str]:
    return [p["name"] for p in post["people"]]


def stamp(post: dict, sep: str = " ") -> str:
    return post["date"] + (sep + post["time"] if post["time"] else "")


def stamp_offset(post: dict, timezone: str) -> str:
    """The date, and a time with the zone's offset that day (Jekyll reads a time without one as UTC)."""
    if not post["time"]:
        return post["date"]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    local = datetime.fromisoformat(f"{post['date']}T{post['time']}").replace(tzinfo=ZoneInfo(timezone))
    return local.strftime("%Y-%m-%d %H:%M:%S %z")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def fresh(site: str) -> Path:
    src = SITES / site / "source"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    return src


# --- Jekyll -------------------------------------------------------------------------------------------

def jekyll(site: str, *, url: str, baseurl: str, timezone: str, author_list: bool, extra_config: str,
           owner: str, index: bool = True) -> None:
    src = fresh(site)
    if index:  # the theme's home layout (hyde's site template brings its own index.html)
        write(src / "index.html", "---\nlayout: home\n---\n")
    write(src / "_config.yml", f"""title: {q(BLOG)}
description: "Fixture blog for blogbib: real posts' titles, dates and authors; placeholder bodies."
url: {q(url)}
baseurl: {q(baseurl)}
timezone: {timezone}
permalink: /:year/:month/:day/:title/
markdown: kramdown
{owner}
{extra_config}""")
    for post in content.posts():
        author = ylist(names(post)) if author_list else q(post["byline"])
        write(src / "_posts" / f"{post['date']}-{post['slug']}.md", f"""---
layout: post
title: {q(post['title'])}
date: {stamp_offset(post, timezone)}
author: {author}
---
{content.body(post)}""")


# --- Hugo ---------------------------------------------------------------------------------------------

def hugo(site: str, *, url: str, timezone: str, config: str, author_key: str, author_list: bool) -> None:
    src = fresh(site)
    write(src / "config.toml", f"""baseURL = {q(url)}
languageCode = "en-us"
title = {q(BLOG)}
timeZone = {q(timezone)}
paginate = {PER_PAGE}
enableRobotsTXT = false

[permalinks]
  posts = "/:year/:month/:slug/"
{config}""")
    for post in content.posts():
        author = ylist(names(post)) if author_list else q(post["byline"])
        write(src / "content" / "posts" / f"{post['slug']}.md", f"""---
title: {q(post['title'])}
date: {stamp(post, 'T')}
slug: {q(post['slug'])}
{author_key}: {author}
---
{content.body(post)}""")


# --- Hexo ---------------------------------------------------------------------------------------------

def hexo(site: str, *, url: str, timezone: str) -> None:
    src = fresh(site)
    write(src / "_config.yml", f"""title: {q(BLOG)}
description: "Fixture blog for blogbib"
author: {q(OWNER)}
language: en
timezone: {timezone}
url: {url}
root: /
permalink: :year/:month/:day/:title/
source_dir: source
public_dir: public
new_post_name: :title.md
index_generator:
  path: ''
  per_page: {PER_PAGE}
  order_by: -date
per_page: {PER_PAGE}
pagination_dir: page
theme: landscape
feed:
  type: atom
  path: atom.xml
  limit: 20
sitemap:
  path: sitemap.xml
""")
    for post in content.posts():
        write(src / "source" / "_posts" / f"{post['slug']}.md", f"""---
title: {q(post['title'])}
date: {stamp(post)}
author: {q(post['byline'])}
---
{content.body(post)}""")


# --- Pelican ------------------------------------------------------------------------------------------

def pelican(site: str, *, url: str, timezone: str) -> None:
    src = fresh(site)
    write(src / "pelicanconf.py", f"""AUTHOR = {q(OWNER)}
SITENAME = {q(BLOG)}
SITEURL = {q(url.rstrip('/'))}
RELATIVE_URLS = False
PATH = "content"
TIMEZONE = {q(timezone)}
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = {PER_PAGE}
ARTICLE_URL = "{{date:%Y}}/{{date:%m}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{date:%Y}}/{{date:%m}}/{{slug}}/index.html"
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
""")
    for post in content.posts():
        # Pelican splits an Authors line at commas, so the byline's "and" becomes a comma.
        write(src / "content" / f"{post['slug']}.md", f"""Title: {post['title']}
Date: {stamp(post)[:16]}
Authors: {', '.join(names(post))}
Slug: {post['slug']}

{content.body(post)}""")


# --- MkDocs Material ----------------------------------------------------------------------------------

def author_id(name: str) -> str:
    slug = re.sub(r"[^\w]+", "-", name.lower()).strip("-")
    return slug


def mkdocs(site: str, *, url: str) -> None:
    src = fresh(site)
    write(src / "mkdocs.yml", f"""site_name: {q(BLOG)}
site_url: {q(url)}
site_author: {q(OWNER)}
theme:
  name: material
plugins:
  - blog:
      blog_dir: blog
      post_url_format: "{{date}}/{{slug}}"
      pagination_per_page: {PER_PAGE}
      post_excerpt: optional
  - rss:
      match_path: "blog/posts/.*"
      date_from_meta:
        as_creation: date
      length: 20
""")
    write(src / "docs" / "index.md", f"# {BLOG}\n\nA fixture blog for blogbib's tests. The posts are in the [blog](blog/index.md).\n")
    write(src / "docs" / "blog" / "index.md", "# Blog\n")
    people: dict[str, str] = {}
    for post in content.posts():
        ids = []
        for name in names(post):
            people[author_id(name)] = name
            ids.append(author_id(name))
        write(src / "docs" / "blog" / "posts" / f"{post['slug']}.md", f"""---
date: {stamp(post)}
slug: {q(post['slug'])}
authors: {ylist(ids)}
---

# {post['title']}

{content.body(post)}""")
    lines = ["authors:"]
    for key, name in sorted(people.items()):
        lines += [f"  {q(key)}:", f"    name: {q(name)}", '    description: "Author"',
                  '    avatar: "https://www.example.org/avatar.png"']
    write(src / "docs" / "blog" / ".authors.yml", "\n".join(lines) + "\n")


# --- WordPress ----------------------------------------------------------------------------------------

def wordpress(site: str, *, url: str, timezone: str) -> None:
    """WordPress keeps its posts in a database: the source is the settings and the posts build.py
    loads into it.  A post has one author account; a byline of several people is that account's
    display name, as on a blog where the authors share an account per post."""
    src = fresh(site)
    settings = {"blogname": BLOG, "blogdescription": "Fixture blog for blogbib", "home": url,
                "timezone_string": timezone, "permalink_structure": "/%year%/%monthnum%/%day%/%postname%/",
                "posts_per_page": PER_PAGE, "posts_per_rss": 10, "owner": OWNER,
                "theme": "twentytwentythree"}
    write(src / "settings.json", json.dumps(settings, ensure_ascii=False, indent=1) + "\n")
    posts = [{"title": p["title"], "date": stamp(p) + ("" if p["time"] else " 00:00:00"), "slug": p["slug"],
              "author": p["byline"], "content": content.body(p)} for p in content.posts()]
    write(src / "posts.json", json.dumps(posts, ensure_ascii=False, indent=1) + "\n")


# --- Ghost --------------------------------------------------------------------------------------------

def ghost(site: str, *, url: str, timezone: str) -> None:
    """Ghost keeps its posts in a database: the source is the settings and the posts (with a list of
    authors, which Ghost supports natively) that build.py imports into it."""
    src = fresh(site)
    settings = {"title": BLOG, "description": "Fixture blog for blogbib", "url": url, "timezone": timezone,
                "owner": OWNER}
    write(src / "settings.json", json.dumps(settings, ensure_ascii=False, indent=1) + "\n")
    posts = [{"title": p["title"], "date": stamp(p) + ("" if p["time"] else " 00:00:00"), "slug": p["slug"],
              "authors": names(p), "content": content.body(p)} for p in content.posts()]
    write(src / "posts.json", json.dumps(posts, ensure_ascii=False, indent=1) + "\n")


def main() -> None:
    owner = f"author: {q(OWNER)}"
    plugins = "plugins:\n  - jekyll-feed\n  - jekyll-seo-tag\n  - jekyll-sitemap\n"
    jekyll("jekyll-minima2", url="http://minima2.example.org", baseurl="", timezone="America/Los_Angeles",
           author_list=False, owner=owner, extra_config="theme: minima\n" + plugins)
    jekyll("jekyll-minima3", url="http://minima3.example.org", baseurl="/blog", timezone="Europe/Berlin",
           author_list=True, owner=f"author:\n  name: {q(OWNER)}",
           extra_config=f"paginate: {PER_PAGE}\npaginate_path: \"/page:num/\"\n" + plugins + "  - jekyll-paginate\n")
    jekyll("jekyll-hyde", url="http://hyde.example.org", baseurl="/", timezone="Asia/Kolkata",
           author_list=False, index=False, owner=f"author:\n  name: {q(OWNER)}\n  url: \"http://hyde.example.org/about/\"",
           extra_config=f"tagline: \"Fixture blog\"\npaginate: {PER_PAGE}\n"
                        "plugins:\n  - jekyll-paginate\n  - jekyll-sitemap\n")
    hugo("hugo-papermod", url="http://papermod.example.org/", timezone="Asia/Tokyo", author_key="author",
         author_list=True, config=f"""
[params]
  author = {q(OWNER)}
  ShowReadingTime = false
  ShowPostNavLinks = true
""")
    hugo("hugo-ananke", url="http://ananke.example.org/", timezone="America/New_York", author_key="author",
         author_list=False, config=f"""
[params]
  author = {q(OWNER)}
  description = "Fixture blog for blogbib"
""")
    hugo("hugo-coder", url="http://coder.example.org/", timezone="Europe/London", author_key="authors",
         author_list=True, config=f"""
[taxonomies]
  author = "authors"
  tag = "tags"

[params]
  author = {q(OWNER)}
  info = "Fixture blog for blogbib"
  description = "Fixture blog for blogbib"
  keywords = "blog"
  colorScheme = "light"

[[menu.main]]
  name = "Blog"
  weight = 1
  url = "posts/"
""")
    hexo("hexo-landscape", url="http://landscape.example.org", timezone="Asia/Shanghai")
    pelican("pelican-notmyidea", url="http://pelican.example.org/", timezone="America/Chicago")
    mkdocs("mkdocs-material", url="http://material.example.org/")
    wordpress("wordpress-twentytwentythree", url="http://wordpress.example.org", timezone="America/Denver")
    ghost("ghost-source", url="http://ghost.example.org", timezone="Europe/Paris")


if __name__ == "__main__":
    main()
