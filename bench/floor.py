"""The plain-Python floor: split a listing and format BibTeX with string formatting.

No blogbib, no third-party library: read the file, pair title and meta lines,
take the date, the byline and the excerpt apart with the simplest code that
works on the synthetic listings, split the byline on the usual separators,
call the last word of each name the family name, and write an ``@misc`` per
post.  It is what "as fast as Python goes" means for the benchmark's
Listing → BibTeX target; it is not correct BibTeX for hard cases (no LaTeX
escaping, no particles or suffixes) and does not try to be.

    python bench/floor.py LISTING OUTPUT
"""

import re
import sys

MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
MACROS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
META = re.compile(r"(.*?\d{4}(?:-\d\d-\d\d)?)(?: \((.*?)\))?\. ?(.*)")
SEPARATORS = re.compile(r",\s*and\s+|\s+and\s+|\s*[,;&]\s*")


def date_of(text):
    if text[:4].isdigit():
        year, month, day = text.split("-")
        return int(year), int(month), int(day)
    words = text.replace(",", "").split()
    if words[0].isdigit():
        return int(words[2]), MONTHS[words[1][:3].lower()], int(words[0])
    return int(words[2]), MONTHS[words[0][:3].lower()], int(words[1])


def main(source, target):
    with open(source, encoding="utf-8") as handle:
        lines = [line.strip() for line in handle if line.strip()]
    out = []
    seen = set()
    for title, meta in zip(lines[0::2], lines[1::2]):
        head, byline, excerpt = META.fullmatch(meta).groups()
        year, month, day = date_of(head)
        names = [n for n in SEPARATORS.split(byline or "") if n]
        authors = " and ".join(
            f"{n.rsplit(' ', 1)[-1]}, {n.rsplit(' ', 1)[0]}" if " " in n else "{" + n + "}" for n in names)
        key = f"{(names[0].split()[-1] if names else 'anon').lower()}{year}{title.split()[0].lower()}"
        while key in seen:
            key += "a"
        seen.add(key)
        out.append(
            f"@misc{{{key},\n"
            f"  author       = {{{authors}}},\n"
            f"  title        = {{{title}}},\n"
            f"  howpublished = {{Blog post}},\n"
            f"  month        = {MACROS[month - 1]},\n"
            f"  year         = {{{year}}},\n"
            f"  note         = {{{MACROS[month - 1].title()} {day}, {year}}},\n"
            f"  abstract     = {{{excerpt.removesuffix(' Continue')}}},\n"
            "}\n"
        )
    with open(target, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
