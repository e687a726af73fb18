"""``python -m blogbib``: the command line, as the ``blogbib`` script runs it."""

from blogbib.cli import main

if __name__ == "__main__":
    main(prog_name="blogbib")
