"""Scoring sitrep against gold data: NER on NorNE CoNLL-U files, events on gold files (``examples/README.md``).

``score_ner``/``NerScores`` are imported on first use (they pull in spaCy), so ``sitrep.eval`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitrep.eval.events import EventScores, GoldEventResult, score_events

if TYPE_CHECKING:
    from sitrep.eval.ner import NerScores, score_ner

__all__ = ["EventScores", "GoldEventResult", "NerScores", "score_events", "score_ner"]


def __getattr__(name: str) -> Any:
    if name in ("NerScores", "score_ner"):
        from sitrep.eval import ner

        return getattr(ner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
