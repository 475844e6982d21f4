"""Speed of the whole extraction (NLP + events) per article, on this machine.

    python benchmarks/extract_speed.py [ARTICLE] [--repeat N]

Prints one JSON line: articles/s and words/s over N runs of the article (default: the bundled example), after one
warm-up run that loads the model and the gazetteer. Not a test: speed is measured here, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time

from sitrep.pipeline import extract_article
from sitrep.read import example_path, read_one


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("article", nargs="?", default=str(example_path()))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    article = read_one(args.article)
    started = time.perf_counter()
    extract_article(article)  # warm-up: model, gazetteer and language data are loaded once per process
    warmup = time.perf_counter() - started
    started = time.perf_counter()
    events = 0
    for _ in range(args.repeat):
        events = len(extract_article(article).events)
    seconds = time.perf_counter() - started
    words = len(article.text.split())
    print(json.dumps({
        "article": os.path.basename(args.article),
        "words": words,
        "events": events,
        "repeat": args.repeat,
        "articles_per_s": round(args.repeat / seconds, 2),
        "words_per_s": round(args.repeat * words / seconds),
        "first_article_s": round(warmup, 2),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
    }))


if __name__ == "__main__":
    main()
