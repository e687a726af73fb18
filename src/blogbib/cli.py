"""The command line: each command turns options into one API call and prints."""

from __future__ import annotations

import os
import shutil
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


def _write_output(text: str, output: str | None, inputs: tuple[str, ...]) -> None:
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

    write_atomic(output, text, inputs=inputs)


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--since/--until: a date, possibly partial (2019, 2019-06), checked early."""
    if value is not None:
        _date_option(ctx, param, value)
    return value


def _selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options that pick and order entries, shared by export and list."""
    options = [
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
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _selection(kw: dict[str, Any]) -> Selection:
    """The selection options, as a Selection."""
    return Selection(author=list(kw.pop("authors")) or None, since=kw.pop("since"), until=kw.pop("until"),
                     text=kw.pop("search"), sort=kw.pop("sort"), reverse=kw.pop("reverse"), limit=kw.pop("limit"))


def _report(problems: list[blogbib.Problem], quiet: bool) -> None:
    for problem in problems:
        if quiet and problem.severity != "error":
            continue
        click.echo(str(problem), err=True)


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
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(WRITE_FORMATS), default="bibtex", show_default=True,
              help="Output format.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of standard output.")
@click.option("--from", "from_format", type=click.Choice(READ_FORMATS), default="auto", show_default=True,
              help="Input format; auto detects it from the content and the file suffix.")
@click.option("--blog-title", metavar="TEXT", help="The blog's name (a listing does not say it).")
@click.option("--base-url", metavar="URL",
              help="The blog's address: relative links are resolved against it and links into the blog's "
                   "other addresses (e.g. its canonical host) are moved onto it.")
@click.option("--timezone", metavar="ZONE",
              help="Give feed and page dates in this time zone (IANA name or UTC); default: as the source "
                   "writes them, the blog's own local time.")
@click.option("--max-pages", type=click.IntRange(min=1), default=10, show_default=True,
              help="For a URL: how many index pages to read, following 'Older' / rel=next links.")
@click.option("--feed", "follow_feed", is_flag=True,
              help="For a URL: also read the feed the page advertises and merge it (it adds times of day).")
@click.option("--accessed", metavar="DATE|today", callback=_date_option, help="Access date to record.")
@click.option("--key-format", metavar="PATTERN",
              help="Citation key pattern, e.g. '{auth}{year}{title}' (the default) or '{Auth}_{shortyear}'.")
@click.option("--drafts", is_flag=True, help="A blog's source folder: also its drafts and future posts.")
@click.option("--ascii", is_flag=True, help="BibTeX/BibLaTeX: LaTeX-encode accents instead of UTF-8.")
@click.option("--bibtex-profile", type=click.Choice(BIBTEX_PROFILES), default="plain", show_default=True,
              help="Where BibTeX puts the URL and access date: plain, natbib, urlbst or acm styles.")
@click.option("--strict", is_flag=True, help="Any problem is fatal: exit 1 and write nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings (errors are always printed).")
@click.option("-s", "--style", metavar="STYLE",
              help="text/html/markdown: CSL style (a .csl path or a name, see `blogbib styles`).")
@click.option("--locale", metavar="LOCALE", help="text/html/markdown: CSL locale, e.g. en-GB or de-DE.")
@_selection_options
@click.option("--group-by", type=click.Choice((*GROUP_FIELDS, "none")),
              help="markdown/html: a reading-list document with a heading per group ('none': no headings).")
@click.option("--excerpts", is_flag=True, help="Reading-list document: quote each post's excerpt.")
@click.option("--title", metavar="TEXT", help="Reading-list document: its title.")
def export_command(inputs: tuple[str, ...], fmt: str, output: str | None, from_format: str, blog_title: str | None,
                   base_url: str | None, timezone: str | None, max_pages: int, follow_feed: bool,
                   accessed: blogbib.Date | None, key_format: str | None, drafts: bool, ascii: bool,
                   bibtex_profile: str, strict: bool, quiet: bool, style: str | None, locale: str | None,
                   **kw: Any) -> None:
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
    selection = _selection(kw)
    read = ReadOptions(format=from_format, blog_title=blog_title, base_url=base_url, timezone=timezone,
                       max_pages=max_pages, feed=follow_feed, strict=strict, accessed=accessed, key_format=key_format,
                       drafts=drafts)
    group_by = kw.pop("group_by")
    render = RenderOptions(style=style, locale=locale, document=group_by is not None,
                           group_by=None if group_by == "none" else group_by, excerpts=kw.pop("excerpts"),
                           title=kw.pop("title") or "Reading list")
    result = blogbib.export(list(inputs) or ["-"], fmt, read, selection,
                            WriteOptions(ascii=ascii, bibtex_profile=bibtex_profile), render)
    _report(list(result.problems), quiet)
    _write_output(result.text, output, inputs)
    if result.errors or not quiet:
        click.echo(result.summary(), err=True)  # the accounting: read = written (+ merged) + skipped
    if result.errors:
        sys.exit(1)  # what was sound is written, but a script must notice what was not


@main.command("cite")
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-s", "--style", metavar="STYLE", help="CSL style (a .csl path or a name, see `blogbib styles`).")
@click.option("-f", "--format", "fmt", type=click.Choice(RENDERED_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--locale", metavar="LOCALE", help="CSL locale, e.g. en-GB or de-DE.")
@click.option("--from", "from_format", type=click.Choice(READ_FORMATS), default="auto", show_default=True,
              help="Input format; auto detects it from the content and the file suffix.")
@click.option("--blog-title", metavar="TEXT", help="The blog's name (a listing does not say it).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings (errors are always printed).")
def cite_command(inputs: tuple[str, ...], style: str | None, fmt: str, locale: str | None, from_format: str,
                 blog_title: str | None, quiet: bool) -> None:
    """Print each entry's in-text citation, one per line, in input order.

    \b
    Example:
      blogbib cite offconvex.txt --blog-title "Off the Convex Path" --style apa
    """
    from blogbib.render import cite, resolve_style_early

    resolve_style_early(style, locale)
    refs, diag = blogbib.read_all(list(inputs) or ["-"], ReadOptions(format=from_format, blog_title=blog_title))
    _report(diag.problems, quiet)
    reading_list = blogbib.ReadingList(refs)
    for line in cite(list(reading_list), style, fmt, locale):
        click.echo(line)
    if diag.errors:
        sys.exit(1)


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
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("--from", "from_format", type=click.Choice(READ_FORMATS), default="auto", show_default=True,
              help="Input format; auto detects it from the content and the file suffix.")
@click.option("--blog-title", metavar="TEXT", help="The blog's name (a listing does not say it).")
@click.option("-w", "--width", type=click.IntRange(min=20), metavar="COLUMNS",
              help="Table width (default: the terminal's).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings (errors are always printed).")
@_selection_options
def list_command(inputs: tuple[str, ...], from_format: str, blog_title: str | None, width: int | None,
                 quiet: bool, **kw: Any) -> None:
    """Print INPUT's posts as a table: key, date, authors, title, blog.

    \b
    Example:
      blogbib list offconvex.txt --author Arora --since 2020 --sort date
    """
    result = blogbib.select(list(inputs) or ["-"], ReadOptions(format=from_format, blog_title=blog_title),
                            _selection(kw))
    _report(list(result.problems), quiet)
    click.echo(result.references.to_table(width=width or shutil.get_terminal_size((100, 24)).columns))
    if not quiet or result.skipped:
        click.echo(f"{result.read} read, {result.written} listed, {result.skipped} skipped", err=True)
    if result.skipped:
        sys.exit(1)
