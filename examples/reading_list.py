"""Build a reading list from two blogs with the Python API, and print it."""

from pathlib import Path

import blogbib

HERE = Path(__file__).resolve().parent

rl = (blogbib.read(HERE / "colah.txt", blog_title="colah's blog")
      + blogbib.read(HERE / "lillog.txt", blog_title="Lil'Log"))
print(f"{len(rl)} posts from {len({r.container_title for r in rl})} blogs")

# Posts about attention or LSTMs since 2015, newest first.
picked = (rl.filter(since="2015", predicate=lambda r: "attention" in (r.title or "").lower()
                    or "lstm" in (r.title or "").lower())
            .sort("date", reverse=True))
for ref in picked:
    print(f"picked: {ref.id}  {ref.issued.iso()}  {ref.title}")

# Author names match by family or full name, ignoring case and accents.
print("by weng:", len(rl.filter(author="weng")), "| by 'Christopher Olah':", len(rl.filter(author="Christopher Olah")))

for year, group in rl.sort("date").group_by("year"):
    print(f"{year}: {', '.join(group.keys)}")

# A personal note and tags travel with the reference into every format.
rl = rl.annotate("olah2015understanding", note="Read before the attention posts.", tags=["rnn", "to-read"])
print(rl.filter(keyword="to-read").to_bibtex())
