#!/usr/bin/env python3
"""How `negkb draft` scales with the article's size, on four kinds of text.

Each kind is drafted at three sizes up to the limit (4 MiB); the figure to
read is the time per MiB at each size beside the time per MiB at the
smallest one (1.0 means linear). The texts:

  sentence  one sentence with two parties, repeated
  article   the first seed article, repeated
  corpus    synthetic articles (negkb generate), concatenated, with their
            200-party registries: many distinct facts and talks
  words     the first article's words shuffled into random sentences: many
            distinct quotes, most of them not facts

    python3 bench/draft.py            # after cargo build --release

With --article it times instead the draft of one 700-word article (the
analysis of dev-corpus a, beside the repo), median of 21 runs, beside the
same draft by a reference binary (--reference, e.g. one built at an earlier
commit) and beside `negkb --version` (starting the process):

    python3 bench/draft.py --article --reference /tmp/negkb-before
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import NEGKB, ROOT, timed  # noqa: E402  (the same timing as the corpus benchmark)

SEEDS = os.path.join(ROOT, "seeds")
ARTICLE = os.path.join(SEEDS, "articles", "2025-05-19-trump-putin-call-ceasefire-talks.txt")
SIZES = [256 * 1024, 1024 * 1024, 4 * 1024 * 1024 - 4096]


def fill(pieces, size):
    """Pieces cycled until the text has about `size` bytes."""
    out, n, i = [], 0, 0
    while n + len(pieces[i % len(pieces)].encode()) + 2 < size:
        piece = pieces[i % len(pieces)]
        out.append(piece)
        n += len(piece.encode()) + 2
        i += 1
    return "\n\n".join(out)


def texts(work):
    """(kind, seeds tree, function of size giving the text)."""
    article = open(ARTICLE, encoding="utf-8").read()
    sentence = "Russia demanded that Ukraine withdraw its troops from the four regions, officials said on Monday."
    syn = os.path.join(work, "syn")
    subprocess.run([NEGKB, "generate", "--articles", "400", "--out", syn],
                   check=True, stdout=subprocess.DEVNULL)
    corpus = [open(os.path.join(syn, "articles", f), encoding="utf-8").read()
              for f in sorted(os.listdir(os.path.join(syn, "articles"))) if f.endswith(".txt")]
    words = article.split()
    rng = random.Random(2)
    shuffled = [" ".join(rng.choice(words) for _ in range(rng.randint(5, 30))) + "."
                for _ in range(20_000)]
    return [
        ("sentence", SEEDS, lambda size: fill(["Title line", *[sentence] * 1000], size)),
        ("article", SEEDS, lambda size: fill([article], size)),
        ("corpus", syn, lambda size: fill(corpus, size)),
        ("words", SEEDS, lambda size: fill(shuffled, size)),
    ]


def draft(path, seeds):
    """Seconds and peak RSS (MiB) of one draft."""
    return timed([NEGKB, "draft", path, "--seeds", seeds, "--published", "2025-05-20"])


ANALYSIS = os.path.join(ROOT, "..", "shared", "dev-corpus", "a")
ANALYSIS_ARTICLE = os.path.join(ANALYSIS, "articles", "2024-03-14-analysis-how-the-vardesh-truce-fell-apart.txt")


def article(reference):
    """The median time of a 700-word draft, by this build and the reference."""
    runs = [("this build", NEGKB)] + ([("reference", reference)] if reference else [])
    medians = {}
    for name, binary in runs:
        argv = [binary, "draft", ANALYSIS_ARTICLE, "--seeds", ANALYSIS, "--published", "2024-03-14"]
        medians[name] = statistics.median(timed(argv)[0] for _ in range(21))
    start = statistics.median(timed([NEGKB, "--version"])[0] for _ in range(21))
    words = len(open(ANALYSIS_ARTICLE, encoding="utf-8").read().split())
    print(f"draft of {words} words, median of 21 runs")
    for name, seconds in medians.items():
        ratio = f"  ({seconds / medians['reference']:.2f}x the reference)" if reference and name != "reference" else ""
        print(f"  {name:<11} {seconds * 1000:6.1f} ms{ratio}")
    print(f"  {'--version':<11} {start * 1000:6.1f} ms (starting the process)")


def main():
    if not os.path.exists(NEGKB):
        sys.exit("build first: cargo build --release")
    parser = argparse.ArgumentParser()
    parser.add_argument("--article", action="store_true", help="time one 700-word draft")
    parser.add_argument("--reference", help="another negkb binary to time beside this build")
    args = parser.parse_args()
    if args.article:
        article(args.reference)
        return
    with tempfile.TemporaryDirectory() as work:
        print(f"{'text':<9} {'size':>8} {'seconds':>8} {'s/MiB':>7} {'vs smallest':>11} {'peak MiB':>9}")
        for kind, seeds, make in texts(work):
            base = None
            for size in SIZES:
                path = os.path.join(work, f"{kind}-{size}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(make(size))
                mib = os.path.getsize(path) / 1024 / 1024
                seconds, peak = min(draft(path, seeds) for _ in range(3))
                per = seconds / mib
                base = base or per
                print(f"{kind:<9} {mib:>6.2f}Mi {seconds:>8.2f} {per:>7.2f} {per / base:>11.2f} {peak:>9.0f}")


if __name__ == "__main__":
    main()
