"""Rebuild every fixture site from its committed source with the real generators, and write its truth.json.

    python tests/sites/build.py --themes DIR [--hexo-modules DIR] [--python-bin DIR] [--work DIR] [SITE ...]

DIR holds the themes checked out at the commits in THEMES (see tests/sites/README.md); nothing of a theme is
copied into the repository: the build runs in --work (a temporary folder), and only the built pages a reader
meets (index pages, feeds, sitemap, post pages: HTML and XML, unchanged) are copied into
tests/data/sites/<site>/site/.  truth.json is taken from the source's front matter, with each name's
expected split from content.py, and every URL in it is checked to exist in the built site.
Needs PyYAML (the MkDocs install has it).  The tests never run this: they read the committed pages.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import content  # noqa: E402

SITES = content.ROOT / "tests" / "data" / "sites"

# Theme folder name under --themes, and the commit it must be at.
THEMES = {
    "hugo-PaperMod": "25e5b4d2982aacfee9a1194d2738db284c2ac380",        # v7.0
    "gohugo-theme-ananke": "803a5f20450e2769fdbe37589efdb9c7de169780",  # v2.9.2
    "hugo-coder": "7551142f3a44c8036f64637f753f4fcde2c308af",
    "minima": "b3385fe64e9d79e75260668cad1852a3913b1829",               # 3.0.0.dev
    "hyde": "7c7f7550898e081264d255ef429a134fb00c72a8",                 # v2.1.0
}

# site: (generator, theme folder or None for a packaged theme, output folder in the build)
BUILDS = {
    "jekyll-minima2": ("jekyll", None, "_site"),
    "jekyll-minima3": ("jekyll", "minima", "_site"),
    "jekyll-hyde": ("jekyll", "hyde", "_site"),
    "hugo-papermod": ("hugo", "hugo-PaperMod", "public"),
    "hugo-ananke": ("hugo", "gohugo-theme-ananke", "public"),
    "hugo-coder": ("hugo", "hugo-coder", "public"),
    "hexo-landscape": ("hexo", None, "public"),
    "pelican-notmyidea": ("pelican", None, "output"),
    "mkdocs-material": ("mkdocs", None, "site"),
    "wordpress-twentytwentythree": ("wordpress", None, "_site"),
    "ghost-source": ("ghost", None, "_site"),
}

# The parts of a Jekyll site template that are its theme (copied into the build, never committed).
JEKYLL_THEME_PARTS = ("_layouts", "_includes", "_sass", "assets", "public", "index.html", "atom.xml", "404.html")


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc.stdout + proc.stderr


def version(cmd: list[str]) -> str:
    return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]


def theme_commit(themes: Path, name: str) -> str:
    head = subprocess.run(["git", "-C", str(themes / name), "rev-parse", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    if head != THEMES[name]:
        sys.exit(f"{themes / name} is at {head or 'no commit'}, expected {THEMES[name]} (see README)")
    return head


# --- building -----------------------------------------------------------------------------------------

def build(site: str, args, work: Path) -> tuple[Path, dict]:
    generator, theme, out = BUILDS[site]
    src = SITES / site / "source"
    tree = work / site
    if tree.exists():
        shutil.rmtree(tree)
    shutil.copytree(src, tree)
    info: dict = {"generator": generator}
    # The build runs in the blog's own time zone, as on its author's machine: Hexo writes permalinks
    # in the machine's zone, so a build elsewhere moves posts to another day.
    os.environ["TZ"] = site_base(site, config(site))[1]
    if generator == "jekyll":
        if theme:
            for part in JEKYLL_THEME_PARTS:
                p = args.themes / theme / part
                if p.is_dir():
                    shutil.copytree(p, tree / part, dirs_exist_ok=True)
                elif p.exists() and not (tree / part).exists():
                    shutil.copy2(p, tree / part)
            info["theme"] = {"name": theme, "commit": theme_commit(args.themes, theme)}
        else:
            info["theme"] = {"name": "minima", "version": version(["dpkg-query", "-W", "-f", "${Version}",
                                                                     "jekyll-theme-minima"]) or "?"}
        run(["jekyll", "build", "-s", str(tree), "-d", str(tree / out)], tree, {"JEKYLL_ENV": "production"})
        info["version"] = version(["jekyll", "--version"])
    elif generator == "hugo":
        info["theme"] = {"name": theme, "commit": theme_commit(args.themes, theme)}
        run(["hugo", "-s", str(tree), "--themesDir", str(args.themes), "-t", theme, "-d", str(tree / out)], tree)
        info["version"] = version(["hugo", "version"])
    elif generator == "hexo":
        (tree / "package.json").write_text(json.dumps({"name": site, "version": "0.0.0", "private": True,
                                                       "hexo": {"version": "0"},
                                                       "dependencies": json.loads(
                                                           (args.hexo_modules / "package.json").read_text()
                                                       )["dependencies"]}, indent=2))
        (tree / "node_modules").symlink_to(args.hexo_modules / "node_modules")
        hexo = str(args.hexo_modules / "node_modules" / ".bin" / "hexo")
        run([hexo, "generate"], tree)
        pkg = lambda n: json.loads((args.hexo_modules / "node_modules" / n / "package.json").read_text())["version"]
        info["version"] = f"hexo {pkg('hexo')}"
        info["theme"] = {"name": "landscape", "version": f"hexo-theme-landscape {pkg('hexo-theme-landscape')}"}
        info["plugins"] = {n: pkg(n) for n in ("hexo-generator-feed", "hexo-generator-sitemap")}
    elif generator == "pelican":
        run([str(args.python_bin / "pelican"), "content", "-s", "pelicanconf.py", "-o", out], tree)
        info["version"] = version([str(args.python_bin / "pelican"), "--version"])
        info["theme"] = {"name": "notmyidea (Pelican's default)"}
    elif generator == "mkdocs":
        run([str(args.python_bin / "mkdocs"), "build", "-q", "-d", out], tree)
        info["version"] = version([str(args.python_bin / "mkdocs"), "--version"]).split(" from ")[0]
        pip = subprocess.run([str(args.python_bin / "python"), "-m", "pip", "list", "--format=json"],
                             capture_output=True, text=True).stdout
        vers = {p["name"].lower(): p["version"] for p in json.loads(pip)}
        info["theme"] = {"name": "material (blog plugin)", "version": f"mkdocs-material {vers['mkdocs-material']}"}
        info["plugins"] = {"mkdocs-rss-plugin": vers.get("mkdocs-rss-plugin")}
    elif generator == "wordpress":
        info.update(wordpress(site, tree, tree / out))
    elif generator == "ghost":
        info.update(ghost(site, tree, tree / out, args.ghost.resolve()))
    return tree / out, info


# --- WordPress: Debian's package, a private MariaDB and PHP's own web server, all on this machine ------

WP_CONFIG = """<?php
define('DB_NAME', 'wp'); define('DB_USER', 'root'); define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:%(socket)s'); define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
$table_prefix = 'wp_';
define('WP_HOME', '%(home)s'); define('WP_SITEURL', '%(home)s');
define('WP_HTTP_BLOCK_EXTERNAL', true); define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true); define('WP_DEBUG', false);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""

# Installs WordPress and loads the source's settings and posts (run with PHP's command line).
WP_IMPORT = r"""<?php
$src = $argv[1];
$settings = json_decode(file_get_contents("$src/settings.json"), true);
$posts = json_decode(file_get_contents("$src/posts.json"), true);
$_SERVER['HTTP_HOST'] = parse_url($settings['home'], PHP_URL_HOST);
define('WP_INSTALLING', true);
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install($settings['blogname'], 'owner', 'owner@example.org', true, '', 'fixture-password');
$owner = get_user_by('login', 'owner');
wp_update_user(['ID' => $owner->ID, 'display_name' => $settings['owner'], 'nickname' => $settings['owner']]);
foreach (['blogdescription', 'timezone_string', 'posts_per_page', 'posts_per_rss'] as $k) update_option($k, $settings[$k]);
switch_theme($settings['theme']);
global $wp_rewrite;
$wp_rewrite->set_permalink_structure($settings['permalink_structure']);
wp_delete_post(1, true); wp_delete_post(2, true); wp_delete_post(3, true);  // the sample post and pages
$users = [];
foreach ($posts as $p) {
  if (!isset($users[$p['author']])) {
    $id = wp_insert_user(['user_login' => 'author' . (count($users) + 1), 'user_pass' => 'fixture-password',
                          'display_name' => $p['author'], 'nickname' => $p['author'], 'role' => 'author']);
    $users[$p['author']] = $id;
  }
  $id = wp_insert_post(['post_title' => wp_slash($p['title']), 'post_name' => $p['slug'], 'post_status' => 'publish',
                        'post_content' => wp_slash($p['content']), 'post_date' => $p['date'],
                        'post_date_gmt' => get_gmt_from_date($p['date']), 'post_author' => $users[$p['author']]], true);
  if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
}
flush_rewrite_rules();
echo "imported " . count($posts) . " posts\n";
"""

# PHP's web server: a file that exists is served, anything else goes to WordPress.
WP_ROUTER = """<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path !== '/' && file_exists(__DIR__ . $path) && !is_dir(__DIR__ . $path)) return false;
$_SERVER['SCRIPT_NAME'] = '/index.php';
require __DIR__ . '/index.php';
"""


def wordpress(site: str, tree: Path, out: Path) -> dict:
    import socket
    import time
    import urllib.error
    import urllib.request

    settings = json.loads((tree / "settings.json").read_text(encoding="utf-8"))
    home = settings["home"]
    root, db, sock = tree / "wp", tree / "db", tree / "mysql.sock"
    shutil.copytree("/usr/share/wordpress", root, symlinks=True)
    (root / "wp-config.php").write_text(WP_CONFIG % {"socket": sock, "home": home})
    (root / "import.php").write_text(WP_IMPORT)
    (root / "router.php").write_text(WP_ROUTER)
    run(["mariadb-install-db", "--no-defaults", f"--datadir={db}", "--user=root", "--skip-test-db",
         "--auth-root-authentication-method=normal"], tree)
    procs = []
    try:
        procs.append(subprocess.Popen(["mariadbd", "--no-defaults", f"--datadir={db}", f"--socket={sock}",
                                       "--skip-networking", "--user=root", f"--pid-file={tree / 'db.pid'}"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for _ in range(100):
            if sock.exists():
                break
            time.sleep(0.2)
        run(["mariadb", "--no-defaults", f"--socket={sock}", "-u", "root", "-e", "CREATE DATABASE wp"], tree)
        print(run(["php", "import.php", str(tree)], root).strip())
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        procs.append(subprocess.Popen(["php", "-S", f"127.0.0.1:{port}", "-t", str(root), str(root / "router.php")],
                                      cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(1.0)
        host = urlsplit(home).netloc

        def get(path: str) -> bytes | None:
            req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
            try:
                with urllib.request.urlopen(req, timeout=60) as r:
                    return r.read()
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    return None
                raise

        def save(path: str, name: str | None = None) -> bytes | None:
            data = get(path)
            if data is not None:
                dest = out / (name or (path.strip("/") + "/index.html").lstrip("/"))
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data)
            return data

        save("/")
        n = 2
        while save(f"/page/{n}/") is not None:
            n += 1
        save("/feed/", "feed/index.xml")
        index = save("/wp-sitemap.xml", "wp-sitemap.xml") or b""
        for loc in re.findall(rb"<loc>([^<]+)</loc>", index):
            path = urlsplit(loc.decode()).path
            save(path, path.lstrip("/"))
        for p in json.loads((tree / "posts.json").read_text(encoding="utf-8")):
            save(f"/{p['date'][:4]}/{p['date'][5:7]}/{p['date'][8:10]}/{p['slug'].lower()}/")
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=60)
    version = re.search(r"\$wp_version = '([^']+)'", (root / "wp-includes" / "version.php").read_text())[1]
    theme = re.search(r"Version: (\S+)", (root / "wp-content/themes/twentytwentythree/style.css").read_text())[1]
    return {"version": f"WordPress {version} (Debian package {version_of('wordpress')})",
            "theme": {"name": "twentytwentythree", "version": theme}}


# --- Ghost: its npm package (with its node_modules) run on 127.0.0.1 with SQLite in the build folder ------

def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ghost_import(settings: dict, posts: list[dict], version: str) -> dict:
    """The Ghost export format: users, posts, and which users wrote each post, in order."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    users: dict[str, str] = {}
    data = {"users": [], "posts": [], "posts_authors": []}
    for i, p in enumerate(posts):
        local = datetime.fromisoformat(p["date"].replace(" ", "T")).replace(tzinfo=ZoneInfo(settings["timezone"]))
        when = local.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        pid = f"{i + 1:024x}"
        data["posts"].append({"id": pid, "title": p["title"], "slug": p["slug"], "status": "published",
                              "type": "post", "html": "<p>" + html_escape(p["content"].strip()) + "</p>",
                              "published_at": when, "created_at": when, "updated_at": when})
        for order, name in enumerate(p["authors"]):
            if name not in users:
                users[name] = f"{len(users) + 1:024x}".replace("0", "a", 1)
                data["users"].append({"id": users[name], "name": name, "email": f"author{len(users)}@example.org",
                                      "slug": f"author-{len(users)}", "status": "active"})
            data["posts_authors"].append({"id": f"{len(data['posts_authors']) + 1:024x}".replace("0", "b", 1),
                                          "post_id": pid, "author_id": users[name], "sort_order": order})
    return {"db": [{"meta": {"exported_on": 0, "version": version}, "data": data}]}


def html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def ghost(site: str, tree: Path, out: Path, ghost_dir: Path) -> dict:
    import time
    import urllib.error
    import urllib.request

    settings = json.loads((tree / "settings.json").read_text(encoding="utf-8"))
    posts = json.loads((tree / "posts.json").read_text(encoding="utf-8"))
    url = settings["url"]
    host = urlsplit(url).netloc
    version = json.loads((ghost_dir / "package.json").read_text())["version"]
    content_dir = tree / "content"
    for part in ("data", "logs", "images", "settings", "public", "adapters", "files", "media"):
        (content_dir / part).mkdir(parents=True, exist_ok=True)
    shutil.copytree(ghost_dir / "content" / "themes" / "source", content_dir / "themes" / "source")  # the default
    port = free_port()
    env = {"NODE_ENV": "development", "url": url, "server__host": "127.0.0.1", "server__port": str(port),
           "database__client": "sqlite3", "database__connection__filename": str(content_dir / "data" / "ghost.db"),
           "paths__contentPath": str(content_dir), "privacy__useUpdateCheck": "false",
           "privacy__useGravatar": "false", "privacy__useRpcPing": "false", "logging__level": "warn",
           "logging__transports": '["stdout"]'}
    base = f"http://127.0.0.1:{port}"
    cookie = {}

    def call(method: str, path: str, body: bytes | None = None, kind: str = "application/json") -> bytes | None:
        headers = {"Host": host, "Origin": url, "Content-Type": kind, "Accept-Version": "v5.0"}
        if cookie:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookie.items())
        req = urllib.request.Request(base + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                for c in r.headers.get_all("Set-Cookie") or []:
                    k, _, v = c.split(";", 1)[0].partition("=")
                    cookie[k] = v
                return r.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and method == "GET":
                return None
            sys.exit(f"Ghost {method} {path}: HTTP {exc.code} {exc.read()[:500]!r}")

    log = open(tree / "ghost.log", "w")
    proc = subprocess.Popen(["node", "index.js"], cwd=ghost_dir, env={**os.environ, **env}, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(urllib.request.Request(base + "/ghost/api/admin/site/",
                                                                   headers={"Host": host}), timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if proc.poll() is not None:
                    sys.exit(f"Ghost stopped: see {tree / 'ghost.log'}")
                time.sleep(1)
        login = {"name": settings["owner"], "email": "owner@example.org", "password": "Kx7q-Lm2v-Bz9w-Tr4n"}
        call("POST", "/ghost/api/admin/authentication/setup/", json.dumps(
            {"setup": [{**login, "blogTitle": settings["title"]}]}).encode())
        call("POST", "/ghost/api/admin/session/", json.dumps(
            {"username": login["email"], "password": login["password"]}).encode())
        call("PUT", "/ghost/api/admin/settings/", json.dumps({"settings": [
            {"key": "timezone", "value": settings["timezone"]},
            {"key": "description", "value": settings["description"]}]}).encode())
        call("DELETE", "/ghost/api/admin/db/")  # the sample posts that setup makes
        boundary = "fixtureboundary7d3a"
        payload = json.dumps(ghost_import(settings, posts, version), ensure_ascii=False).encode()
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"importfile\"; filename=\"import.json\"\r\n"
                f"Content-Type: application/json\r\n\r\n").encode() + payload + f"\r\n--{boundary}--\r\n".encode()
        call("POST", "/ghost/api/admin/db/", body, f"multipart/form-data; boundary={boundary}")
        time.sleep(2)

        def save(path: str, name: str | None = None) -> bytes | None:
            data = call("GET", path)
            if data is not None:
                dest = out / (name or (path.strip("/") + "/index.html").lstrip("/"))
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data)
            return data

        save("/")
        n = 2
        while save(f"/page/{n}/") is not None:
            n += 1
        save("/rss/", "rss/index.xml")
        index = save("/sitemap.xml", "sitemap.xml") or b""
        for loc in re.findall(rb"<loc>([^<]+)</loc>", index):
            path = urlsplit(loc.decode()).path
            save(path, path.lstrip("/"))
        for p in posts:
            save(f"/{p['slug'].lower()}/")
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        log.close()
    theme = json.loads((ghost_dir / "content" / "themes" / "source" / "package.json").read_text())["version"]
    return {"version": f"Ghost {version} (npm), SQLite", "theme": {"name": "source", "version": theme}}


def version_of(package: str) -> str:
    return subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True,
                          text=True).stdout.strip()


# --- truth --------------------------------------------------------------------------------------------

def front_matter(path: Path) -> dict:
    import yaml

    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        return yaml.safe_load(text[4:text.index("\n---", 4)])
    meta = {}
    for line in text.split("\n\n", 1)[0].splitlines():  # Pelican's "Key: value" header
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta


def iso(value) -> str:
    """The front matter's date as ISO text (YAML may have parsed it into a date or datetime)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d)?)(?: ?([+-]\d\d):?(\d\d))?", str(value))
    if not m:
        return str(value)
    return f"{m[1]}T{m[2]}" + (f"{m[3]}:{m[4]}" if m[3] else "")


def config(site: str) -> dict:
    import yaml

    src = SITES / site / "source"
    generator = BUILDS[site][0]
    if generator in ("jekyll", "hexo"):
        return yaml.safe_load((src / "_config.yml").read_text(encoding="utf-8"))
    if generator == "mkdocs":
        return yaml.safe_load((src / "mkdocs.yml").read_text(encoding="utf-8"))
    if generator in ("wordpress", "ghost"):
        return json.loads((src / "settings.json").read_text(encoding="utf-8"))
    if generator == "hugo":
        import tomllib
        return tomllib.loads((src / "config.toml").read_text(encoding="utf-8"))
    conf = {}
    for line in (src / "pelicanconf.py").read_text(encoding="utf-8").splitlines():
        m = re.match(r'(\w+) = "(.*)"$', line)
        if m:
            conf[m.group(1)] = m.group(2)
    return conf


def site_base(site: str, conf: dict) -> tuple[str, str]:
    """(the site's base URL ending in '/', its time zone)"""
    generator = BUILDS[site][0]
    if generator == "jekyll":
        return conf["url"].rstrip("/") + "/" + conf.get("baseurl", "").strip("/") + ("/" if conf.get("baseurl", "").strip("/") else ""), conf["timezone"]
    if generator == "hugo":
        return conf["baseURL"], conf["timeZone"]
    if generator == "hexo":
        return conf["url"].rstrip("/") + conf["root"], conf["timezone"]
    if generator == "pelican":
        return conf["SITEURL"] + "/", conf["TIMEZONE"]
    if generator == "wordpress":
        return conf["home"].rstrip("/") + "/", conf["timezone_string"]
    if generator == "ghost":
        return conf["url"].rstrip("/") + "/", conf["timezone"]
    return conf["site_url"], "UTC"


def posts_of(site: str, conf: dict) -> list[dict]:
    """title, date, authors as written, and the permalink path, from each post's front matter."""
    src = SITES / site / "source"
    generator = BUILDS[site][0]
    out = []
    if generator == "jekyll":
        files = sorted((src / "_posts").glob("*.md"))
    elif generator == "hugo":
        files = sorted((src / "content" / "posts").glob("*.md"))
    elif generator == "hexo":
        files = sorted((src / "source" / "_posts").glob("*.md"))
    elif generator == "pelican":
        files = sorted((src / "content").glob("*.md"))
    elif generator in ("wordpress", "ghost"):
        files = []
    else:
        import yaml

        files = sorted((src / "docs" / "blog" / "posts").glob("*.md"))
        people = yaml.safe_load((src / "docs" / "blog" / ".authors.yml").read_text(encoding="utf-8"))["authors"]
    if generator == "wordpress":
        for p in json.loads((src / "posts.json").read_text(encoding="utf-8")):
            d = p["date"]
            out.append({"title": p["title"], "date": iso(d), "written": p["author"],
                        "path": f"{d[:4]}/{d[5:7]}/{d[8:10]}/{p['slug'].lower()}/",  # WordPress lower-cases slugs
                        "source": "posts.json"})
        return out
    if generator == "ghost":
        for p in json.loads((src / "posts.json").read_text(encoding="utf-8")):
            out.append({"title": p["title"], "date": iso(p["date"]), "written": p["authors"],
                        "path": p["slug"].lower() + "/", "source": "posts.json"})  # Ghost lower-cases slugs
        return out
    for f in files:
        fm = front_matter(f)
        date = iso(fm["date"])
        y, m, d = date[:4], date[5:7], date[8:10]
        if generator == "jekyll":
            slug = f.stem[11:]
            path = f"{y}/{m}/{d}/{slug}/"
            authors = fm["author"]
        elif generator == "hugo":
            path = f"{y}/{m}/{fm['slug']}/".lower()  # Hugo lower-cases paths (disablePathToLower)
            authors = fm.get("author", fm.get("authors"))
        elif generator == "hexo":
            path = f"{y}/{m}/{d}/{f.stem}/"
            authors = fm["author"]
        elif generator == "pelican":
            path = f"{y}/{m}/{fm['slug']}/"
            authors = [a.strip() for a in fm["authors"].split(",")]
        else:
            path = f"blog/{y}/{m}/{d}/{fm['slug']}/"
            authors = [people[i]["name"] for i in fm["authors"]]
        title = fm.get("title")
        if title is None:  # MkDocs: the first heading
            title = re.search(r"^# (.+)$", f.read_text(encoding="utf-8"), re.M).group(1)
        out.append({"title": title, "date": date, "written": authors, "path": path, "source": str(f.relative_to(src))})
    return out


def split_people() -> tuple[dict, dict]:
    """Each byline and each name as written → the expected authors (from content.py)."""
    bylines, names = {}, {}
    for p in content.posts():
        bylines[p["byline"]] = p["people"]
        for person in p["people"]:
            names[person["name"]] = person
    return bylines, names


def truth(site: str, built: Path, info: dict) -> dict:
    conf = config(site)
    base, tz = site_base(site, conf)
    bylines, names = split_people()
    posts = []
    for p in posts_of(site, conf):
        if isinstance(p["written"], str):
            people = bylines[p["written"]]
        else:
            people = [names[n] for n in p["written"]]
        if not (built / p["path"] / "index.html").exists():
            sys.exit(f"{site}: {p['source']} should be at {p['path']}, which the build does not have")
        posts.append({"title": p["title"], "date": p["date"][:10], "date_as_written": p["date"],
                      "authors_as_written": p["written"], "authors": people, "url": base + p["path"],
                      "source": p["source"]})
    posts.sort(key=lambda p: (p["date_as_written"], p["url"]), reverse=True)
    return {"site": site, "base_url": base, "timezone": tz, "build": info, "posts": posts}


# --- what is kept -------------------------------------------------------------------------------------

LIST_PAGE = re.compile(r"^(?:(?:posts|blog)/)?(?:page/?\d+/)?index\d*\.html$")
SKIP_DIRS = re.compile(r"(^|/)(tags?|categor(y|ies)|authors?|archives?|series|search)/")


def keep(built: Path, posts: list[dict], base: str) -> list[str]:
    post_paths = {urlsplit(p["url"]).path[len(urlsplit(base).path):] + "index.html" for p in posts}
    kept = []
    for f in sorted(built.rglob("*")):
        if not f.is_file():
            continue
        rel = f.relative_to(built).as_posix()
        if rel in post_paths or LIST_PAGE.match(rel) or (
                f.suffix in (".xml", ".json") and not SKIP_DIRS.search(rel) and rel.count("/") <= 1):
            kept.append(rel)
    return kept


# Where a theme lists every post, when that is not the home page.
LIST_ROOT = {"hugo-ananke": "posts/", "hugo-coder": "posts/", "mkdocs-material": "blog/"}


def inputs(site: str, built: Path, kept: list[str], posts: list[dict], base: str) -> dict:
    """The committed files by input kind: index pages (first, second, ...), the feed the home page
    advertises, the other feeds, the sitemap and the post pages."""
    root = LIST_ROOT.get(site, "")
    numbered = {}
    for rel in kept:
        m = re.fullmatch(re.escape(root) + r"(?:page/?(\d+)/index|index(\d+))\.html", rel)
        if m and int(m[1] or m[2]) > 1:
            numbered[int(m[1] or m[2])] = rel
    home = (built / "index.html").read_text(encoding="utf-8")
    advertised = [m[1] for m in re.finditer(
        r"<link\b(?=[^>]*\brel=[\"']?alternate)(?=[^>]*\btype=[\"']?application/(?:rss|atom)\+xml)"
        r"[^>]*\bhref=[\"']?([^\"' >]+)", home)]
    base_path = urlsplit(base).path
    feeds = [r for r in kept if r.endswith((".xml", ".json")) and "sitemap" not in r]
    first = None
    for href in advertised:
        path = urlsplit(href).path
        rel = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
        if rel in feeds:
            first = rel
            break
    post_pages = [urlsplit(p["url"]).path[len(base_path):] + "index.html" for p in posts]
    return {"index_pages": [root + "index.html"] + [numbered[n] for n in sorted(numbered)],
            "feed": first or (feeds[0] if feeds else None), "feeds": feeds,
            "sitemap": next((r for r in kept if re.fullmatch(r"(wp-)?sitemap(_index)?\.xml", r)), None),
            "post_pages": [p for p in post_pages if p in kept]}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sites", nargs="*", default=list(BUILDS))
    ap.add_argument("--themes", type=Path, required=True, help="folder with the themes at their commits")
    ap.add_argument("--hexo-modules", type=Path, help="folder whose node_modules has hexo and its plugins")
    ap.add_argument("--python-bin", type=Path, help="bin folder of a venv with pelican, mkdocs-material, "
                                                    "mkdocs-rss-plugin")
    ap.add_argument("--ghost", type=Path, help="Ghost's npm package unpacked, with its node_modules installed")
    ap.add_argument("--work", type=Path, help="build folder (default: a temporary one)")
    args = ap.parse_args(argv)
    args.themes = args.themes.resolve()
    work = args.work or Path(tempfile.mkdtemp(prefix="blogbib-sites-"))
    for site in args.sites:
        built, info = build(site, args, work)
        t = truth(site, built, info)
        kept = keep(built, t["posts"], t["base_url"])
        dest = SITES / site / "site"
        if dest.exists():
            shutil.rmtree(dest)
        for rel in kept:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(built / rel, dest / rel)
        t["inputs"] = inputs(site, built, kept, t["posts"], t["base_url"])
        (SITES / site / "truth.json").write_text(json.dumps(t, ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")
        size = sum((dest / r).stat().st_size for r in kept)
        print(f"{site}: {len(t['posts'])} posts, {len(kept)} files kept, {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
