"""blogbib's CSL processor: CSL-JSON items to bibliographies and citations in any CSL style.

>>> p = Processor('''<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
...   <citation><layout prefix="(" suffix=")" delimiter="; "><names variable="author"><name form="short"/>
...   </names><date variable="issued" prefix=" "><date-part name="year"/></date></layout></citation>
... </style>''')
>>> items = [{"id": "Doe2020", "type": "book", "author": [{"family": "Doe", "given": "Jane"}],
...           "issued": {"date-parts": [[2020]]}}]
>>> p.citations(items, [Citation((CiteItem("Doe2020"),))])
['(Doe 2020)']

The only package of blogbib that imports citeproc-py (for its locale files); see README.md.
"""

from .citations import Citation, CiteItem
from .engine import Processor
from .locale import available_locales

__all__ = ["Processor", "Citation", "CiteItem", "available_locales"]
