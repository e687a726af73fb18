#!/bin/sh
# The reading list from the command line.  PYTHON picks the interpreter (default: python3).
set -eu
here=$(dirname "$0")
blogbib() { "${PYTHON:-python3}" -m blogbib "$@"; }

# A table of both blogs' posts since 2015, newest first, 100 columns wide.
blogbib list "$here/lillog.txt" "$here/colah.txt" --since 2015 --sort date --reverse --width 100 -q

# RIS for Zotero: Christopher Olah's posts about networks.
blogbib export "$here/colah.txt" --blog-title "colah's blog" --author "Christopher Olah" --search networks -f ris

# A Markdown reading list grouped by year, with the excerpts.
blogbib export "$here/lillog.txt" --blog-title "Lil'Log" -f markdown --group-by year --excerpts --limit 2 \
    --sort date --reverse
