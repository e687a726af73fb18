"""The engine the CSL test suite runs against: Processor, Citation, CiteItem."""

from blogbib.render.csl import Citation, CiteItem, Processor  # noqa: F401

NAME = "blogbib"
