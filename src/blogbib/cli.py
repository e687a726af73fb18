"""The command line: each command turns options into one API call and prints.

The options are declared once, in groups (input, selection, style), and each
command takes the groups it needs: ``export``, ``list`` and ``cite`` read and
pick entries with the same words.  Exit status: 0 done, 1 bad input (what was
sound is still written), 2 a usage error (click's usage message), 130 Ctrl-C.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable

import click

import blogbib
from blogbib import formats
from blogbib.errors import BlogbibError, InputError
from blogbib.options import BIBTEX_PROFILES, ReadOptions, RenderOptions, WriteOptions
from blogbib.selection import GROUP_FIELDS, SORT_FIELDS, Selection

WRITE_FORMATS = tuple(formats.outputs())
READ_FORMATS = ("auto", *formats.readable())
RENDERED_FORMATS = tuple(f.name for f in formats.FORMATS if f.kind == "rendered")


# ----------------------------------------------------------------------------- option values checked as they are parsed
# Each raises click.BadParameter: a wrong value is a usage error (exit 2), found before any input is read.


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> blogbib.Date | None:
    if value is None:
        return None
    from blogbib.dates import DateError, parse_date, today

    if value.lower() == "today":
        return today()
    try:
        return parse_date(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from None


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--since/--until: a date, possibly partial (2019, 2019-06), checked early."""
    if value is not None:
        _date_option(ctx, param, value)
    return value


def _check(check: Callable[[str], object]) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A callback running ``check`` on the value; its ValueError or BlogbibError becomes a usage error."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is not None:
            try:
                check(value)
            except (ValueError, BlogbibError) as exc:
                raise click.BadParameter(str(exc)) from None
        return value

    return callback


def _key_pattern(value: str) -> None:
    from blogbib.keys import validate_pattern

    validate_pattern(value)


def _timezone(value: str) -> None:
    from blogbib.dates import check_timezone

    check_timezone(value)


def _base_url(value: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value!r} is not a web address; give the blog's http:// or https:// address")


def _style(value: str) -> None:
    from blogbib.render.styles import resolve_style

    resolve_style(value)


def _has_bibliography(style: str) -> bool:
    """Whether a (known) style defines a bibliography, from its file's text; a dependent style's is its parent's."""
    from blogbib.render.styles import resolve_style

    with open(resolve_style(style).path, "rb") as handle:
        return b"<bibliography" in handle.read()


def _locale(value: str) -> None:
    from blogbib.render import resolve_style_early

    resolve_style_early(None, value)


# ----------------------------------------------------------------------------- the options, declared once


def _options(*decorators: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Apply ``decorators`` in the order written (the first is the first option in --help)."""

    def apply(command: Any) -> Any:
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return apply


_keys_from_option = click.option(
    "--keys-from", "keys_from", metavar="FILE", multiple=True, type=click.Path(dir_okay=False),
    help="Keep the keys of FILE (.bib, CSL-JSON or RIS; repeatable): a post found there (same URL, else "
         "same title and date) keeps its key, and new posts take none of them.")

_input_options = _options(
    click.argument("inputs", nargs=-1, metavar="[INPUT]..."),
    click.option("--from", "from_format", type=click.Choice(READ_FORMATS), default="auto", show_default=True,
                 help="Input format; auto detects it from the content and the file suffix."),
    click.option("--blog-title", metavar="TEXT", help="The blog's name (a listing does not say it)."),
    click.option("--base-url", metavar="URL", callback=_check(_base_url),
                 help="The blog's address: relative links are resolved against it and links into the blog's "
                      "other addresses (e.g. its canonical host) are moved onto it."),
    click.option("--timezone", metavar="ZONE", callback=_check(_timezone),
                 help="Give feed and page dates in this time zone (IANA name or UTC); default: as the source "
                      "writes them, the blog's own local time."),
    click.option("--max-pages", type=click.IntRange(min=1), default=10, show_default=True,
                 help="For a URL: how many index pages to read, following 'Older' / rel=next links."),
    click.option("--feed", "follow_feed", is_flag=True,
                 help="For a URL: also read the feed the page advertises and merge it (it adds times of day)."),
    click.option("--sitemap/--no-sitemap", default=True, show_default=True,
                 help="For a URL: also read the site's sitemap (robots.txt's, else sitemap.xml); a post found "
                      "only there is reported, or read with --posts."),
    click.option("--posts", "read_posts", is_flag=True,
                 help="For a URL: also fetch every post page found and read it (fills the fields, such as "
                      "authors, that index pages and feeds leave out)."),
    click.option("--delay", type=click.FloatRange(min=0), default=0.0, metavar="SECONDS", show_default=True,
                 help="For a URL: wait this long between two requests (be polite to small servers)."),
    click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=20.0, metavar="SECONDS",
                 show_default=True, help="For a URL: give up on a page after this long (it is reported)."),
    click.option("--accessed", metavar="DATE|today", callback=_date_option, help="Access date to record."),
    click.option("--key-format", metavar="PATTERN", callback=_check(_key_pattern),
                 help="Citation key pattern, e.g. '{auth}{year}{title}' (the default) or '{Auth}_{shortyear}'."),
    _keys_from_option,
    click.option("--drafts", is_flag=True, help="A blog's source folder: also its drafts and future posts."),
    click.option("--strict", is_flag=True, help="Any problem is fatal: exit 1 and write nothing."),
    click.option("-q", "--quiet", is_flag=True,
                 help="Do not print warnings, the summary or progress (errors are always printed)."),
)

_selection_options = _options(
    click.option("--author", "authors", metavar="NAME", multiple=True,
                 help="Keep posts by NAME (family or full name; repeat for any of several)."),
    click.option("--since", metavar="DATE", callback=_check_date,
                 help="Keep posts on or after DATE (2019, 2019-06 or 2019-06-30)."),
    click.option("--until", metavar="DATE", callback=_check_date,
                 help="Keep posts on or before DATE (a year or month counts whole)."),
    click.option("--search", metavar="TEXT", help="Keep posts with TEXT in the title or excerpt."),
    click.option("--sort", type=click.Choice(SORT_FIELDS), help="Sort by this field (stable)."),
    click.option("--reverse", is_flag=True, help="Reverse the order (entries lacking the field stay last)."),
    click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Keep the first N posts."),
)

_style_options = _options(
    click.option("-s", "--style", metavar="STYLE", callback=_check(_style),
                 help="text/html/markdown: CSL style (a .csl path or a name, see `blogbib styles`)."),
    click.option("--locale", metavar="LOCALE", callback=_check(_locale),
                 help="text/html/markdown: CSL locale, e.g. en-GB or de-DE."),
)


def _read_options(kw: dict[str, Any]) -> ReadOptions:
    """The input options, as ReadOptions (taken out of ``kw``)."""
    return ReadOptions(format=kw.pop("from_format"), blog_title=kw.pop("blog_title"), base_url=kw.pop("base_url"),
                       timezone=kw.pop("timezone"), max_pages=kw.pop("max_pages"), feed=kw.pop("follow_feed"),
                       sitemap=kw.pop("sitemap"), posts=kw.pop("read_posts"), delay=kw.pop("delay"),
                       timeout=kw.pop("timeout"),
                       strict=kw.pop("strict"), accessed=kw.pop("accessed"), key_format=kw.pop("key_format"),
                       keys_from=kw.pop("keys_from"), drafts=kw.pop("drafts"))


def _selection(kw: dict[str, Any]) -> Selection:
    """The selection options, as a Selection (taken out of ``kw``)."""
    return Selection(author=list(kw.pop("authors")) or None, since=kw.pop("since"), until=kw.pop("until"),
                     text=kw.pop("search"), sort=kw.pop("sort"), reverse=kw.pop("reverse"), limit=kw.pop("limit"))


def _inputs(inputs: tuple[str, ...], quiet: bool) -> list[str]:
    """The inputs, standard input if none; a note when that is a terminal, so a waiting blogbib says why."""
    if (not inputs or "-" in inputs) and not quiet and sys.stdin is not None and sys.stdin.isatty():
        click.echo("blogbib: reading standard input (end it with Ctrl-D; or give a file or URL)", err=True)
    return list(inputs) or ["-"]


# Options that only some outputs use: (parameter, does it apply to this format and options?, where it applies).
_APPLIES: tuple[tuple[str, Callable[[formats.Format, dict[str, Any]], bool], str], ...] = (
    ("style", lambda f, kw: f.kind == "rendered", "to text, html and markdown, not {format}"),
    ("locale", lambda f, kw: f.kind == "rendered", "to text, html and markdown, not {format}"),
    ("ascii", lambda f, kw: f.name in ("bibtex", "biblatex"), "to bibtex and biblatex, not {format}"),
    ("bibtex_profile", lambda f, kw: f.name == "bibtex", "to bibtex, not {format}"),
    ("excerpts", lambda f, kw: kw["group_by"] is not None, "only with --group-by (a reading-list document)"),
    ("title", lambda f, kw: kw["group_by"] is not None, "only with --group-by (a reading-list document)"),
)


_URL_OPTIONS = ("max_pages", "follow_feed", "sitemap", "read_posts", "delay", "timeout")


def _unused_options(ctx: click.Context, fmt: formats.Format, kw: dict[str, Any], inputs: list[str]) -> list[str]:
    """A warning for each option given that the chosen format (or the inputs) will not use."""
    from click.core import ParameterSource

    def given(name: str) -> bool:
        return ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None)

    def flag(name: str) -> str:
        return next(p.opts[-1] for p in ctx.command.params if p.name == name)

    notes = [f"{flag(name)} applies {where.format(format=fmt.name)}: ignored"
             for name, applies, where in _APPLIES if given(name) and not applies(fmt, kw)]
    from blogbib.fetch import is_url

    if not any(is_url(spec) for spec in inputs):
        notes += [f"{flag(name)} applies to URL inputs: ignored" for name in _URL_OPTIONS if given(name)]
    return notes


class _Progress:
    """A sign of life on a terminal: after a second of work, a progress line on stderr until the work ends.

    It counts the entries read so far (the Diagnostics readers report to) and
    keeps moving while later steps (merging, rendering) run.  Nothing when
    stderr is not a terminal or with --quiet.  Use as a context manager;
    ``diag`` is what the work reports to.
    """

    DELAY = 1.0  # seconds of work before anything is shown
    TICK = 0.2

    def __init__(self, quiet: bool, strict: bool, diag: blogbib.errors.Diagnostics | None = None) -> None:
        from blogbib.errors import Diagnostics

        self.diag = diag if diag is not None else Diagnostics(strict=strict)
        self._shown = not quiet and sys.stderr is not None and sys.stderr.isatty()
        self._thread: Any = None

    def __enter__(self) -> "_Progress":
        if self._shown:
            import threading

            self._done = threading.Event()
            self._thread = threading.Thread(target=self._show, name="blogbib-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread is not None:
            self._done.set()
            self._thread.join()

    def _show(self) -> None:
        if self._done.wait(self.DELAY):
            return
        # an iterator of unknown length: the bar moves to and fro, the count says how far reading is
        bar = click.progressbar(iter(int, 1), label="blogbib: entries read", show_pos=True, file=sys.stderr)
        stats = self.diag.stats
        done = False
        while not done:
            done = self._done.wait(self.TICK)
            bar.pos = stats.read
            bar.render_progress()
        bar.render_finish()


def _report(problems: list[blogbib.Problem], quiet: bool) -> None:
    for problem in problems:
        if quiet and problem.severity == "warning":  # errors and conflicts are always shown
            continue
        click.echo(str(problem), err=True)


def _warn(notes: list[str], quiet: bool) -> None:
    if not quiet:
        for note in notes:
            click.echo(f"blogbib: warning: {note}", err=True)


def _finish(result: blogbib.Export, quiet: bool, summary: str) -> None:
    """The summary line, and exit 1 if an entry or input could not be read, or nothing was."""
    failed = bool(result.errors) or result.read == 0
    if failed or not quiet:
        click.echo(summary, err=True)  # the accounting: read = written (+ merged) + skipped
    if result.read == 0 and not result.errors:
        click.echo("blogbib: nothing was read", err=True)
    if failed:
        sys.exit(1)  # what was sound is written, but a script must notice what was not


def _write_output(text: str, output: str | None, inputs: tuple[str, ...], force: bool = False) -> None:
    if output is None or output == "-":
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stream (tests, IDEs): it gets str
            sys.stdout.write(text)
        else:  # always UTF-8, whatever the terminal's locale says
            sys.stdout.flush()
            for start in range(0, len(text), 1 << 20):  # in slices: no second, encoded copy of a big text
                stream.write(text[start : start + (1 << 20)].encode("utf-8"))
            stream.flush()
        return
    from blogbib.output import write_atomic  # only when writing a file: keeps start-up light

    write_atomic(output, text, inputs=inputs, force=force)


class _Group(click.Group):
    """Turns blogbib's own errors into a message and exit status 1, never a traceback."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Run as the program (the ``blogbib`` script, ``python -m blogbib``), the cyclic garbage collector off.

        blogbib's values hold no reference cycles, and the process runs one
        command: collections would only walk them (bench/RESULTS.md).  When the
        command ends the process, what is alive is frozen out of the shutdown's
        collections; a caller that goes on (``standalone_mode=False``) gets the
        collector back as it was.  Click's CliRunner calls :meth:`main` and is
        left alone.
        """
        import gc

        enabled = gc.isenabled()
        gc.disable()
        try:
            return super().__call__(*args, **kwargs)
        except SystemExit:
            gc.freeze()
            raise
        finally:
            if enabled:
                gc.enable()

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(1)
        except BlogbibError as exc:
            click.echo(f"blogbib: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            # Ctrl-C: the shell's convention (128 + SIGINT); an output file is either whole or untouched.
            click.echo("\nblogbib: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (``| head``): stop quietly, and keep Python's
            # final flush of stdout from printing a second BrokenPipeError.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(blogbib.__version__, prog_name="blogbib")
def main() -> None:
    """Turn blog post listings into a real bibliography."""


@main.command("export")
@_input_options
@click.option("-f", "--format", "fmt", type=click.Choice(WRITE_FORMATS), default="bibtex", show_default=True,
              help="Output format.")
@click.option("-o", "--output", metavar="FILE",
              help="Write to FILE (atomically; a pipe or device is written in place) instead of standard output.")
@click.option("--force", is_flag=True, help="With -o: replace FILE even if it is write-protected.")
@click.option("--ascii", is_flag=True, help="BibTeX/BibLaTeX: LaTeX-encode accents instead of UTF-8.")
@click.option("--bibtex-profile", type=click.Choice(BIBTEX_PROFILES), default="plain", show_default=True,
              help="Where BibTeX puts the URL and access date: plain, natbib, urlbst or acm styles.")
@_style_options
@_selection_options
@click.option("--group-by", type=click.Choice((*GROUP_FIELDS, "none")),
              help="markdown/html: a reading-list document with a heading per group ('none': no headings).")
@click.option("--excerpts", is_flag=True, help="Reading-list document: quote each post's excerpt.")
@click.option("--title", metavar="TEXT", help="Reading-list document: its title.")
@click.pass_context
def export_command(ctx: click.Context, inputs: tuple[str, ...], fmt: str, output: str | None, force: bool,
                   ascii: bool, bibtex_profile: str, style: str | None, locale: str | None, **kw: Any) -> None:
    """Read INPUTs (files, folders, URLs, '-' or none for stdin) and write one bibliography.

    An input is a blog listing, an index or post page (HTML), a feed, BibTeX,
    CSL-JSON, RIS, or a blog's source folder (Jekyll, Hugo, Hexo, Pelican,
    MkDocs Material); several inputs are merged (the same post once).

    \b
    Examples:
      blogbib export offconvex.txt --blog-title "Off the Convex Path" --format bibtex -o offconvex.bib
      blogbib export offconvex.txt --author "Nadav Cohen" --since 2019 --sort date --reverse -f csl-json
      blogbib export offconvex.txt --format html --group-by year --excerpts -o reading.html
    """
    quiet = kw["quiet"]
    read, selection = _read_options(kw), _selection(kw)
    group_by = kw["group_by"]
    render = RenderOptions(style=style, locale=locale, document=group_by is not None,
                           group_by=None if group_by == "none" else group_by, excerpts=kw["excerpts"],
                           title=kw["title"] or "Reading list")
    chosen = formats.get(fmt)
    try:
        chosen.check_output(render)
    except BlogbibError as exc:
        raise click.UsageError(f"--group-by: {exc}", ctx) from None
    if style is not None and chosen.kind == "rendered" and not _has_bibliography(style):
        raise click.BadParameter(f"style {style!r} has no bibliography, only citations: `blogbib cite` prints them",
                                 ctx, param_hint="'--style'")
    sources = _inputs(inputs, quiet)
    _warn(_unused_options(ctx, chosen, kw, sources), quiet)
    with _Progress(quiet, read.strict) as progress:
        result = blogbib.export(sources, fmt, read, selection,
                                WriteOptions(ascii=ascii, bibtex_profile=bibtex_profile), render, diag=progress.diag)
    _report(list(result.problems), quiet)
    if chosen.kind == "rendered":
        nameless = sum(1 for ref in result.references if not ref.container_title)
        if nameless:
            _warn([f"{nameless} of {result.written} entries have no blog name (--blog-title gives it)"], quiet)
    _write_output(result.text, output, inputs, force)
    _finish(result, quiet, result.summary())


@main.command("cite")
@_input_options
@_style_options
@_selection_options
@click.option("-f", "--format", "fmt", type=click.Choice(RENDERED_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("-k", "--key", "keys", metavar="KEY", multiple=True,
              help="Cite this entry (repeat for several): one citation cluster, in the order given.")
def cite_command(inputs: tuple[str, ...], style: str | None, locale: str | None, fmt: str, keys: tuple[str, ...],
                 **kw: Any) -> None:
    """Print in-text citations: each entry's, one per line, or clusters of the entries named by key.

    A cluster is --key KEY (repeated) or a pandoc-style argument such as
    '[@a; @b]'; several clusters print one per line, cited in that order
    (the style's collapsing within a cluster, ibid across them).

    \b
    Examples:
      blogbib cite offconvex.txt --blog-title "Off the Convex Path" --style apa
      blogbib cite offconvex.txt --style apa '[@arora2016saddles; @razin2022implicit]'
    """
    from blogbib.render import cite, cite_clusters

    quiet = kw["quiet"]
    inputs, clusters = _clusters(inputs, keys)
    read = _read_options(kw)
    with _Progress(quiet, read.strict) as progress:
        result = blogbib.select(_inputs(inputs, quiet), read, _selection(kw), diag=progress.diag)
    _report(list(result.problems), quiet)
    missing = list(dict.fromkeys(k for keys in clusters for k in keys if k not in result.references))
    if missing:
        raise BlogbibError(f"no entry has the key{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
                           " (`blogbib list` shows the keys)")
    with _Progress(quiet, read.strict, progress.diag):
        if clusters:
            lines = cite_clusters(result.references, clusters, style, fmt, locale)
        else:
            lines = cite(list(result.references), style, fmt, locale)
    for line in lines:
        click.echo(line)
    _finish(result, quiet, f"{result.read} read, {result.written} cited, {result.skipped} skipped")


_CLUSTER = r"\s*\[?\s*@[^\s;\]]+(\s*;\s*@[^\s;\]]+)*\s*\]?\s*"


def _clusters(inputs: tuple[str, ...], keys: tuple[str, ...]) -> tuple[tuple[str, ...], list[list[str]]]:
    """Split pandoc-style citations (``[@a; @b]``, ``@a``) from the inputs: (inputs, clusters of keys).

    The --key options make the first cluster; an argument that is an existing file stays an input.
    """
    import re

    clusters = [list(keys)] if keys else []
    rest = []
    for arg in inputs:
        if re.fullmatch(_CLUSTER, arg) and not os.path.exists(arg):
            clusters.append(re.findall(r"@([^\s;\]]+)", arg))
        else:
            rest.append(arg)
    return tuple(rest), clusters


@main.command("kit")
@click.argument("inputs", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--out", "out", required=True, metavar="DIR", help="The folder to write the kit into.")
@click.option("-s", "--style", "styles", metavar="STYLE", multiple=True,
              help="CSL style of the formatted citation (repeatable; the first is in the block). Default: apa.")
@click.option("--locale", metavar="LOCALE", help="CSL locale, e.g. en-GB or de-DE.")
@click.option("--link-base", default="/citations/", show_default=True, metavar="PATH",
              help="Where the site serves the kit's .bib/.ris/.json files (the block links there).")
@click.option("--from", "from_format", type=click.Choice(READ_FORMATS), default="auto", show_default=True,
              help="Input format; auto detects a source folder, or a file's format from its content.")
@click.option("--blog-title", metavar="TEXT", help="The blog's name (a listing does not say it).")
@click.option("--drafts", is_flag=True, help="Also the drafts and future posts of a source folder.")
@click.option("--key-format", metavar="PATTERN", help="Citation key pattern (see `blogbib export --help`).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings (errors are always printed).")
def kit_command(inputs: tuple[str, ...], out: str, styles: tuple[str, ...], locale: str | None, link_base: str,
                from_format: str, blog_title: str | None, drafts: bool, key_format: str | None,
                quiet: bool) -> None:
    """Write a "Cite this post" kit for every post of SOURCE (a blog's source folder, or any input).

    Per post DIR/<key>.bib, .ris, .json (CSL-JSON), .html (the block) and
    .head.html (the head tags), and DIR/citations.json for the site's templates
    (see docs/blog-owners.md).

    \b
    Example:
      blogbib kit path/to/blog --out path/to/blog/citations --style apa --style ieee
    """
    from blogbib.api import kit

    result = kit(list(inputs), out, styles=styles or ("apa",), locale=locale, link_base=link_base,
                 read=ReadOptions(format=from_format, blog_title=blog_title, drafts=drafts, key_format=key_format))
    _report(list(result.problems), quiet)
    if result.errors or not quiet:
        click.echo(result.summary(), err=True)
    if result.errors:
        sys.exit(1)


@main.command("styles")
@click.argument("text", required=False)
def styles_command(text: str | None) -> None:
    """List the CSL styles blogbib knows (its own first), or those whose name contains TEXT."""
    from blogbib.render import list_styles

    names = list_styles(text)
    if not names:
        raise BlogbibError(f"no style name contains {text!r}")
    for name in names:
        click.echo(name)


@main.command("list")
@_input_options
@_selection_options
@click.option("-w", "--width", type=click.IntRange(min=20), metavar="COLUMNS",
              help="Table width (default: the terminal's).")
def list_command(inputs: tuple[str, ...], width: int | None, **kw: Any) -> None:
    """Print INPUT's posts as a table: key, date, authors, title, blog.

    \b
    Example:
      blogbib list offconvex.txt --author Arora --since 2020 --sort date
    """
    quiet = kw["quiet"]
    read = _read_options(kw)
    with _Progress(quiet, read.strict) as progress:
        result = blogbib.select(_inputs(inputs, quiet), read, _selection(kw), diag=progress.diag)
        if width is None:
            import shutil  # here, not at the top: export's start-up does without it

            width = shutil.get_terminal_size((100, 24)).columns
        table = result.references.to_table(width=width)
    _report(list(result.problems), quiet)
    click.echo(table)
    _finish(result, quiet, f"{result.read} read, {result.written} listed, {result.skipped} skipped")


@main.command("update")
@click.argument("target", metavar="FILE", type=click.Path(dir_okay=False))
@click.argument("inputs", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--refresh", is_flag=True, help="Rewrite the entries whose title, authors or date changed upstream.")
@click.option("-f", "--format", "fmt", type=click.Choice(formats.writable()),
              help="FILE's format (default: from its content, then its suffix).")
@click.option("--from", "from_format", type=click.Choice(READ_FORMATS), default="auto", show_default=True,
              help="Input format; auto detects it from the content and the file suffix.")
@click.option("--blog-title", metavar="TEXT", help="The blog's name (a listing does not say it).")
@click.option("--base-url", metavar="URL", help="The blog's address (see `blogbib export --help`).")
@click.option("--accessed", metavar="DATE|today", callback=_date_option, help="Access date to record.")
@click.option("--key-format", metavar="PATTERN", help="Key pattern for the new posts.")
@_keys_from_option
@click.option("--ascii", is_flag=True, help="BibTeX/BibLaTeX: LaTeX-encode accents instead of UTF-8.")
@click.option("--bibtex-profile", type=click.Choice(BIBTEX_PROFILES), default="plain", show_default=True,
              help="Where BibTeX puts the URL and access date: plain, natbib, urlbst or acm styles.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings (errors are always printed).")
def update_command(target: str, inputs: tuple[str, ...], refresh: bool, fmt: str | None, from_format: str,
                   blog_title: str | None, base_url: str | None, accessed: blogbib.Date | None,
                   key_format: str | None, keys_from: tuple[str, ...], ascii: bool, bibtex_profile: str,
                   quiet: bool) -> None:
    """Add SOURCEs' new posts to FILE (.bib, CSL-JSON or RIS), keeping every entry in it as it is.

    Posts already in FILE keep their keys; those whose title, authors or date
    changed upstream are reported (rewritten only with --refresh).

    \b
    Example:
      blogbib update refs.bib https://www.offconvex.org/ --blog-title "Off the Convex Path"
    """
    read = ReadOptions(format=from_format, blog_title=blog_title, base_url=base_url, accessed=accessed,
                       key_format=key_format, keys_from=keys_from)
    result = blogbib.update(target, list(inputs), read, WriteOptions(ascii=ascii, bibtex_profile=bibtex_profile),
                            refresh=refresh, format=fmt)
    _report(list(result.problems), quiet)
    for change in result.changed:
        where = f"{result.path}:{change.line}" if change.line else result.path
        state = "refreshed" if change.key in result.refreshed else "kept"
        click.echo(f"{where}: {change} ({state})", err=True)
    if not quiet:
        for ref in result.added:
            click.echo(f"added {ref.id}", err=True)
    click.echo(result.summary(), err=True)
    if result.errors:
        sys.exit(1)
