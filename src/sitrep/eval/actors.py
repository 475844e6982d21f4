"""One real actor, one name: how many canonical names the actors of a set of documents get.

The names are the gold person and organisation entities (PER, ORG, GPE_ORG) of each document, resolved as
extraction resolves them: alone (``mentions``, how sitrep read names before it read them per article) or with
the article's other names (``articles``: a surname or a genitive is the full name the article gave). Two canonical
names are one actor spelt two ways when their *spelling keys* are equal: the store's actor key (casefolded,
without diacritics or accent marks) without a genitive ending ("Micheál Martin" ~ "Michea´l Martin",
"Knausgårds" ~ "Knausgård"). Names with equal actor keys count as one actor; the groups that matter are
those with several actor keys. ``spelling_groups`` lists the keys held by more than one canonical name.

The names of NorNE's dev documents ship as ``tests/data/norne_dev_names.tsv`` (annotation, CC0; written by
``python -m sitrep.eval.actors --norne <dev.conllu> --write tests/data/norne_dev_names.tsv``), so the tests can
check that no two canonical actors differ only by spelling without reading NorNE.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import typer

from sitrep.extract.actors import genitive_endings, resolve_actor
from sitrep.extract.names import Name, article_names
from sitrep.store.records import match_key

ACTOR_LABELS = ("PER", "ORG", "GPE_ORG")
PERSON_LABELS = {"PER"}


def read_names(path: Path) -> dict[str, list[Name]]:
    """Names by document from a names file (doc, label, text, genitive base; tab-separated, ``#`` comments)."""
    out: dict[str, list[Name]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for doc, label, text, base in rows:
            out[doc].append(Name(text, label, base or None))
    return dict(out)


def norne_names(conllu: Path) -> dict[str, list[Name]]:
    """The PER, ORG and GPE_ORG entities of each document of a NorNE file."""
    from sitrep.nlp.training.norne import entity_spans, read_conllu

    out: dict[str, list[Name]] = defaultdict(list)
    for sentence in read_conllu(conllu):
        doc = sentence.source.rsplit("/", 1)[-1].split(".conll")[0]
        for start, end, label in entity_spans(sentence.tokens):
            if label in ACTOR_LABELS:
                out[doc].append(_gold_name(sentence.tokens[start:end], label))
    return dict(out)


def _gold_name(tokens: list, label: str) -> Name:
    """A name with its base form when the treebank marks its last word genitive (as the parser would)."""
    text = " ".join(t.form for t in tokens)
    last = tokens[-1]
    base = None
    if "gen" in last.feats and last.form.startswith(last.lemma) and len(last.lemma) < len(last.form):
        base = " ".join([*(t.form for t in tokens[:-1]), last.lemma])
    return Name(text, label, base)


def canonical(text: str, label: str, lang: str) -> str:
    info = resolve_actor(text, lang, label=label)
    return info.canonical if info else text


def canonical_names(docs: dict[str, list[Name]], lang: str = "nb", per_article: bool = True) -> dict[str, set[str]]:
    """The canonical names each document's actors get, by document."""
    endings = genitive_endings(lang)
    out = {}
    for doc, names in docs.items():
        full = article_names(names, PERSON_LABELS, endings) if per_article else {}
        out[doc] = {canonical(full.get(n.text, n.text), n.label, lang) for n in names}
    return out


def spelling_key(name: str, genitive_endings: Iterable[str] = ("s",)) -> str:
    """The actor key (``store.records.match_key``: no case, diacritics or accent marks) without a genitive
    ending: names equal under it are one actor spelt two ways, or a genitive left unread."""
    key = match_key(name) or ""
    for ending in sorted(genitive_endings, key=len, reverse=True):
        if key.endswith(ending) and len(key) > len(ending) + 2:
            return key[: -len(ending)]
    return key


def spelling_groups(names: Iterable[str]) -> dict[str, list[str]]:
    """Spelling keys held by names of more than one actor key: one actor counted under several names."""
    groups: dict[str, set[str]] = defaultdict(set)
    for name in names:
        groups[spelling_key(name)].add(name)
    return {k: sorted(v) for k, v in sorted(groups.items()) if len({match_key(n) for n in v}) > 1}


def main(
    norne: Path = typer.Option(..., help="NorNE CoNLL-U file (the dev split)."),
    write: Path | None = typer.Option(None, help="Write the documents' names to this file (the test fixture)."),
) -> None:
    """Distinct canonical actors of the documents' names, read alone and per article, and the spelling groups."""
    docs = norne_names(norne)
    if write is not None:
        with open(write, "w", encoding="utf-8", newline="") as handle:
            handle.write(
                f"# PER, ORG and GPE_ORG entities of each document of {norne.name} (NorNE, annotation CC0);\n"
                "# written by `python -m sitrep.eval.actors --norne <file> --write <this file>`\n"
            )
            w = csv.writer(handle, delimiter="\t", lineterminator="\n")
            for doc in sorted(docs):
                w.writerows([doc, n.label, n.text, n.genitive_base or ""] for n in docs[doc])
    for per_article in (False, True):
        by_doc = canonical_names(docs, per_article=per_article)
        names = {n for names in by_doc.values() for n in names}
        groups = spelling_groups(names)
        how = "per article" if per_article else "alone"
        typer.echo(
            f"{how}: {sum(len(v) for v in docs.values())} mentions, {len(names)} distinct canonical names "
            f"({len({match_key(n) for n in names})} actor keys), "
            f"{len(groups)} actors under several spellings ({sum(len(g) for g in groups.values())} names)"
        )
        for group in groups.values():
            typer.echo(f"  {' | '.join(group)}")


if __name__ == "__main__":
    typer.run(main)
