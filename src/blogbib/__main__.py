"""``python -m blogbib``: the command line, as the ``blogbib`` script runs it."""

from .cli import main

main(prog_name="blogbib")
