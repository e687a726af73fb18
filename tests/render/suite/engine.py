"""The engine the CSL test suite runs against: Processor, Citation, CiteItem."""

# Today's engine through an adapter.  When blogbib.render.csl lands, this one line becomes
#   from blogbib.render.csl import Citation, CiteItem, Processor
from .legacy import Citation, CiteItem, Processor, lost_variables  # noqa: F401

NAME = "blogbib"
