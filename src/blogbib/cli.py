"""The command line: each command turns options into one API call and prints."""

from __future__ import annotations

import os
import sys

import click

import blogbib
from blogbib.errors import BlogbibError, InputError

WRITE_FORMATS = ("bibtex", "biblatex", "csl-json", "ris")
READ_FORMATS = ("auto", "listing", "csl-json", "ris")
PROFILES = ("plain", "natbib", "urlbst", "acm")


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
        sys.stdout.write(text)
        return
    target = os.path.abspath(output)
    if any(i != "-" and os.path.exists(i) and os.path.samefile(i, target) for i in inputs if os.path.exists(target)):
        raise BlogbibError(f"{output}: refusing to overwrite an input file")
    directory = os.path.dirname(target) or "."
    import tempfile  # only when writing a file: it costs a few ms at start-up

    fd, tmp = tempfile.mkstemp(prefix=".blogbib-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for start in range(0, len(text), 1 << 20):  # in slices: no second, encoded copy of a big text
                handle.write(text[start : start + (1 << 20)])
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _report(problems: list[blogbib.Problem], quiet: bool) -> None:
    for problem in problems:
        if quiet and problem.severity != "error":
            continue
        click.echo(str(problem), err=True)


class _Group(click.Group):
    """Turns blogbib's own errors into a message and exit status 1, never a traceback."""

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
@click.option("--accessed", metavar="DATE|today", callback=_date_option, help="Access date to record.")
@click.option("--key-format", metavar="PATTERN",
              help="Citation key pattern, e.g. '{auth}{year}{title}' (the default) or '{Auth}_{shortyear}'.")
@click.option("--ascii", is_flag=True, help="BibTeX/BibLaTeX: LaTeX-encode accents instead of UTF-8.")
@click.option("--bibtex-profile", type=click.Choice(PROFILES), default="plain", show_default=True,
              help="Where BibTeX puts the URL and access date: plain, natbib, urlbst or acm styles.")
@click.option("--strict", is_flag=True, help="Any problem is fatal: exit 1 and write nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings (errors are always printed).")
def export_command(inputs: tuple[str, ...], fmt: str, output: str | None, from_format: str, blog_title: str | None,
                   accessed: blogbib.Date | None, key_format: str | None, ascii: bool, bibtex_profile: str,
                   strict: bool, quiet: bool) -> None:
    """Read INPUT files (a blog listing, CSL-JSON or RIS; '-' or none for stdin) and write a bibliography.

    \b
    Example:
      blogbib export offconvex.txt --blog-title "Off the Convex Path" --format bibtex -o offconvex.bib
    """
    result = blogbib.export(list(inputs) or ["-"], fmt, from_format=from_format, blog_title=blog_title,
                            accessed=accessed, key_format=key_format, ascii=ascii,
                            bibtex_profile=bibtex_profile, strict=strict)
    _report(list(result.problems), quiet)
    _write_output(result.text, output, inputs)
    if result.problems and not quiet or result.skipped:
        click.echo(result.summary(), err=True)
    if result.skipped:
        sys.exit(1)

