"""Speed of the Norwegian pipeline: ``nlp.pipe`` throughput on this machine (one process, CPU).

    python benchmarks/nlp_speed.py [TEXT_FILE] [--model DIR] [--batch-sizes 1,16,64,256] [--min-tokens 20000]
                                   [--disable COMPONENT,...]

TEXT_FILE is Norwegian text, one document per paragraph (paragraphs are separated by blank lines); the default
is the bundled example article. The paragraphs are repeated until they hold at least ``--min-tokens`` tokens,
then each batch size is timed over all of them (after a short warm-up). Prints one JSON line: the best run's
``words_per_s`` (tokens that are not punctuation or space), ``tokens_per_s``, ``tokens``, ``seconds`` and
``batch_size``, every run under ``runs``, and the machine (CPU count, platform, Python and spaCy versions).

This is a benchmark, not a test: run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXT = ROOT / "src" / "sitrep" / "examples" / "000_7f168b0418e6a139.txt"


def paragraphs(path: Path) -> list[str]:
    """Non-empty paragraphs of a text file; a seed-format header line (`` date 2021-08 section``) is skipped."""
    text = path.read_text(encoding="utf-8")
    parts = [" ".join(p.split()) for p in text.split("\n\n")]
    if parts and parts[0].startswith("date "):
        parts = parts[1:]
    return [p for p in parts if p]


def corpus(texts: list[str], tokenizer, min_tokens: int) -> tuple[list[str], int]:
    """``texts`` repeated until they hold at least ``min_tokens`` tokens; the texts and their token count."""
    per_round = sum(len(tokenizer(t)) for t in texts)
    if not per_round:
        raise SystemExit("no text to run on")
    rounds = max(1, -(-min_tokens // per_round))
    return texts * rounds, per_round * rounds


def run(nlp, texts: list[str], batch_size: int) -> dict:
    start = time.perf_counter()
    tokens = words = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=1):
        tokens += len(doc)
        words += sum(1 for t in doc if not (t.is_punct or t.is_space))
    seconds = time.perf_counter() - start
    return {
        "batch_size": batch_size,
        "seconds": round(seconds, 3),
        "tokens": tokens,
        "words": words,
        "tokens_per_s": round(tokens / seconds),
        "words_per_s": round(words / seconds),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text", nargs="?", type=Path, default=DEFAULT_TEXT, help="Norwegian text file")
    parser.add_argument("--model", type=Path, help="a pipeline directory (default: the bundled nb model)")
    parser.add_argument("--batch-sizes", default="1,16,64,256", help="comma-separated nlp.pipe batch sizes")
    parser.add_argument("--min-tokens", type=int, default=20000, help="repeat the text to at least this many")
    parser.add_argument("--disable", default="", help="comma-separated components to leave out (to cost one)")
    args = parser.parse_args(argv)

    if args.model:
        nlp = spacy.load(args.model)
        model = str(args.model)
    else:
        import sitrep.nlp

        nlp = sitrep.nlp.load("nb")
        model = str(sitrep.nlp.model_path("nb"))
    for name in filter(None, args.disable.split(",")):
        nlp.disable_pipe(name)
    texts, _ = corpus(paragraphs(args.text), nlp.tokenizer, args.min_tokens)
    list(nlp.pipe(texts[:20], batch_size=16))  # warm-up: first calls allocate and fill caches

    runs = [run(nlp, texts, int(size)) for size in args.batch_sizes.split(",") if size.strip()]
    best = max(runs, key=lambda r: r["words_per_s"])
    result = {
        "benchmark": "nlp_speed",
        "model": model,
        "model_name": f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}",
        "pipeline": nlp.pipe_names,
        "text": str(args.text),
        "docs": len(texts),
        **{k: best[k] for k in ("words_per_s", "tokens_per_s", "tokens", "words", "seconds", "batch_size")},
        "n_process": 1,
        "runs": runs,
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(),
            "spacy": spacy.__version__,
        },
    }
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
