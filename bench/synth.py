"""Deterministic synthetic blog listings for the benchmark.

``listing(n, seed)`` returns the text of an ``n``-post listing in the format
that :mod:`blogbib.formats.listing` reads: a title line, then a meta line
``Mon D, YYYY (Authors). Excerpt... Continue``.  The same ``n`` and ``seed``
always give the same text (one :class:`random.Random`, no global state).

The bylines are meant to look like an archive aggregated from many blogs:
a population of recurring authors (about one per five posts, picked with a
skew so a few write a lot), with plain ``Given Family`` names, middle
initials, particles (``van``, ``de la``), suffixes (``Jr.``, ``III``,
``PhD``), nicknames in quotes or parentheses, non-ASCII letters, hyphenated
and apostrophised family names, institutional authors, ``et al.``, and every
separator the reader accepts (``,``, ``and``, ``, and``, ``&``, ``;``).

Run ``python bench/synth.py N`` to print a listing.
"""

from __future__ import annotations

import random
import sys

GIVEN = """James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William
Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel
Nancy Matthew Betty Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew
Emily Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa Timothy
Deborah Ronald Stephanie Jason Rebecca Jeffrey Laura Ryan Helen Jacob Sharon Gary Cynthia
Nicholas Kathleen Eric Amy Jonathan Angela Stephen Anna Larry Ruth Justin Brenda Scott
Pamela Brandon Nicole Benjamin Samantha Samuel Katherine Gregory Christine Alexander
Emma Patrick Catherine Frank Debra Raymond Rachel Jack Carolyn Dennis Janet Jerry Maria
Tyler Olivia Aaron Heather Noam Sanjeev Yi Nadav Asaf Yu Minshuo Andrej Holden Zhiyuan
Oren Sushant Nisheeth Wei Simon Rong Hrishikesh Orestis Nikunj Mikhail Ankur Tengyu
Elad Sham Praneeth Chi Jingzhao Suriya Behnam Nathan Hossein Arthur Bobby Lénaïc Francis
Priya Ananya Rahul Deepa Kwame Ngozi Chinua Amara Hiroshi Yuki Haruto Mei Jun Hyun Minji
Ahmed Fatima Omar Layla Mehmet Ayşe Łukasz Zoë José Chloé Björn Søren Anaïs Jürgen
Françoise Ðorđe Nguyễn Thảo Håkon Ólafur Øystein Małgorzata Dvořák Iñaki Renée Raphaël
Ewa Radosław Şebnem Kateřina Ines Ingrid Sigrún Matías Agustín Sebastián Tomás""".split()

FAMILY = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez
Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez
Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright
Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell
Carter Roberts Razin Arora Zhang Cohen Maman Bai Chen Risteski Li Mangoubi Sachdeva
Vishnoi Hu Du Ge Khandeparkar Plevrakis Saunshi Khodak Moitra Ma Hazan Kakade Netrapalli
Jin Srebro Neyshabur Srinivasan Jacot Gabriel Hongler Chizat Bach Kumar Sharma Patel
Gupta Singh Mensah Okafor Adeyemi Tanaka Suzuki Watanabe Yamamoto Kim Park Choi Wang Liu
Yılmaz Kaya Demir Müller Schröder Weiß Jäger Łukasiewicz Wójcik Kowalski Nowak Dvořák
Novák Horváth Ramírez Peña Núñez Gómez Sørensen Jørgensen Åberg Öberg Ødegaard Þórsson
Jónsdóttir Nguyễn Trần Lê Phạm Smith-Jones García-Márquez O'Brien O'Neill D'Angelo
McAllister MacLeod FitzGerald DeWitt LeBlanc""".split()

PARTICLES = ["van", "van der", "van den", "de", "de la", "von", "di", "da", "du", "le", "bin", "dos", "ter"]
SUFFIXES = ["Jr.", "Sr.", "III", "II", "IV", "PhD"]
NICKNAMES = ["Bob", "Liz", "Mitya", "Sasha", "Kate", "Bill", "Jim", "Tony", "Nico", "Max"]
INSTITUTIONS = [
    "Google Research", "The Editors", "OpenAI Team", "blogmasters", "DeepMind Blog Team",
    "Distill Editors", "Research Staff", "Stanford AI Lab", "The Gradient", "BAIR Blog",
    "Allen Institute", "{Bill and Melinda Gates Foundation}", "Apache Software Foundation",
    "Université de Montréal", "Max Planck Institute", "Meta AI Research", "guest author",
]
TITLE_WORDS = """learning deep neural networks optimization gradient descent convex nonconvex
implicit regularization generalization theory sampling kernels tensor factorization
landscape saddle points escape linear algebra representations embeddings attention
transformers diffusion models robustness adversarial examples privacy federated data
analysis estimation inference bayesian variational markov chains reinforcement policy
bandits exploration scaling laws memory compression pruning distillation curriculum
contrastive self-supervised semantic structure provable guarantees efficient fast
algorithms bounds lower upper matrix completion sparse recovery spectral graph""".split()
TITLE_SPECIAL = ["GANs", "NTK", "SGD", "BERT", "ReLU", "PCA", "MCMC", "LSTMs", "R&D", "50%",
                 "Schrödinger", "Erdős", "Gödel", "Markov", "Bayes", "Hessian", "O(n log n)",
                 "x_1", "#1", "$100", "C++", "Fokker–Planck", "Łojasiewicz", "“quoted”"]
EXCERPT_WORDS = """the a of and to in is that for it as with was on be by this are we at from
have an which or not our but can these model data result results show paper post blog
question problem method approach simple new recent work first one two case setting (see
figure) e.g. i.e. etc. however, thus, indeed; moreover: really? yes!""".split()
MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def _person(rng: random.Random) -> str:
    """One person's byline text, in one of the shapes people write."""
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    shape = rng.random()
    if shape < 0.55:
        return f"{given} {family}"  # the plain case
    if shape < 0.68:
        return f"{given} {chr(rng.randrange(65, 91))}. {family}"  # middle initial
    if shape < 0.72:
        return f"{chr(rng.randrange(65, 91))}. {family}"  # initial only
    if shape < 0.76:
        return f"{given} {rng.choice(GIVEN)} {family}"  # two given names
    if shape < 0.84:
        return f"{given} {rng.choice(PARTICLES)} {family}"
    if shape < 0.90:
        suffix = rng.choice(SUFFIXES)
        return f"{given} {family}, {suffix}" if rng.random() < 0.5 else f"{given} {family} {suffix}"
    if shape < 0.95:
        nick = rng.choice(NICKNAMES)
        return f'{given} "{nick}" {family}' if rng.random() < 0.5 else f"{given} ({nick}) {family}"
    return f"{given} {family}".upper() if rng.random() < 0.3 else f"{given} {family.lower()}"


def _authors(n: int, rng: random.Random) -> list[str]:
    population = max(50, n // 5)
    people = [_person(rng) for _ in range(population)]
    orgs = INSTITUTIONS
    return people + orgs


def _byline(rng: random.Random, people: list[str], weights: list[float]) -> str | None:
    if rng.random() < 0.03:
        return None  # older templates print no byline
    if rng.random() < 0.04:
        return rng.choice(INSTITUTIONS)
    count = rng.choices([1, 2, 3, 4, 5], [50, 25, 13, 7, 5])[0]
    names = rng.choices(people, weights, k=count)
    if count == 1:
        byline = names[0]
    else:
        style = rng.random()
        if style < 0.35:
            byline = ", ".join(names[:-1]) + " and " + names[-1]
        elif style < 0.55:
            byline = ", ".join(names)
        elif style < 0.75:
            byline = ", ".join(names[:-1]) + ", and " + names[-1]
        elif style < 0.88:
            byline = " & ".join(names)
        else:
            byline = "; ".join(names)
    if count >= 3 and rng.random() < 0.15:
        byline = names[0] + (" et al." if rng.random() < 0.7 else ", et al.")
    return byline


def _title(rng: random.Random) -> str:
    words = [rng.choice(TITLE_WORDS) for _ in range(rng.randint(3, 10))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words) + 1), rng.choice(TITLE_SPECIAL))
    if rng.random() < 0.5:  # Title Case
        words = [w[:1].upper() + w[1:] if len(w) > 3 or i == 0 else w for i, w in enumerate(words)]
    title = " ".join(words)
    return title[:1].upper() + title[1:] + ("?" if rng.random() < 0.15 else "")


def _date(rng: random.Random) -> str:
    year, month, day = rng.randint(2005, 2025), rng.randint(1, 12), rng.randint(1, 28)
    shape = rng.random()
    if shape < 0.7:
        return f"{MONTHS_SHORT[month - 1]} {day}, {year}"
    if shape < 0.85:
        return f"{MONTHS_LONG[month - 1]} {day}, {year}"
    if shape < 0.95:
        return f"{year}-{month:02d}-{day:02d}"
    return f"{day} {MONTHS_LONG[month - 1]} {year}"


def listing(n: int, seed: int = 2026) -> str:
    """The text of an ``n``-post listing; the same arguments give the same text."""
    rng = random.Random(seed)
    people = _authors(n, rng)
    # Zipf-like skew: a few prolific authors, a long tail.
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(people))]
    lines = []
    for _ in range(n):
        lines.append(_title(rng))
        byline = _byline(rng, people, weights)
        excerpt = " ".join(rng.choice(EXCERPT_WORDS) for _ in range(rng.randint(8, 30)))
        meta = _date(rng) + (f" ({byline})" if byline else "") + f". {excerpt[:1].upper()}{excerpt[1:]}..."
        if rng.random() < 0.8:
            meta += " Continue"
        lines.append(meta)
        if rng.random() < 0.3:
            lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.buffer.write(listing(int(sys.argv[1]) if len(sys.argv) > 1 else 20).encode("utf-8"))
