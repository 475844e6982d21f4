"""Time per word from short to very long articles, and peak memory (one process per length).

    python benchmarks/long_articles.py [--words 150,500,2000,10000,50000]

Each article is the bundled example's paragraphs repeated (and cut) to the length asked for; each length runs in
its own process, which loads the model, extracts the bundled example once to warm up, then times the long article.
Prints one JSON line per length: words, seconds, ms per word, events, peak RSS in MB. Not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
from dataclasses import replace
from sitrep.pipeline import extract_article
from sitrep.read import example_path, read_one
words = int(sys.argv[1])
base = read_one(example_path())
extract_article(base)
paragraphs = [p for p in base.text.split("\n") if p.strip()]
out, n, k = [], 0, 0
while n < words:
    p = paragraphs[k % len(paragraphs)].split()[: words - n]
    out.append(" ".join(p))
    n, k = n + len(p), k + 1
article = replace(base, id=f"long-{words}", text="\n\n".join(out))
started = time.perf_counter()
events = len(extract_article(article).events)
seconds = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"words": n, "seconds": round(seconds, 2), "ms_per_word": round(1000 * seconds / n, 3),
                  "events": events, "peak_rss_mb": round(rss)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", default="150,500,2000,10000,50000")
    args = parser.parse_args()
    for words in (int(w) for w in args.words.split(",")):
        done = subprocess.run([sys.executable, "-c", CHILD, str(words)], capture_output=True, text=True, check=False)
        print(done.stdout.strip() or json.dumps({"words": words, "error": done.stderr.strip()[-300:]}), flush=True)


if __name__ == "__main__":
    main()
