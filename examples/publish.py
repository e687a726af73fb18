"""Publish a reading list: BibTeX, CSL-JSON and an HTML page in a folder (default: ./reading)."""

import sys
from pathlib import Path

import blogbib

HERE = Path(__file__).resolve().parent
out = Path(sys.argv[1] if len(sys.argv) > 1 else "reading")
out.mkdir(parents=True, exist_ok=True)

rl = (blogbib.read(HERE / "lillog.txt", blog_title="Lil'Log")
      + blogbib.read(HERE / "colah.txt", blog_title="colah's blog"))
rl = rl.annotate("weng2021diffusion", note="The clearest introduction to diffusion models.", tags=["generative"])
rl = rl.sort("date", reverse=True)

for path in (rl.save(out / "reading.bib"),
             rl.save(out / "reading.json"),
             rl.save(out / "reading.html", style="apa", group_by="blog", excerpts=True,
                     title="Deep learning, explained")):
    print(f"wrote {path.name}: {path.stat().st_size} bytes")

print(rl.filter(author="Olah").render(style="apa"), end="")
