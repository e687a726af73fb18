"""``python -m blogbib`` runs the command line."""

from blogbib.cli import main

if __name__ == "__main__":
    main(prog_name="blogbib")
