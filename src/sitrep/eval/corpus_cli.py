"""``sitrep eval corpus ...``: build the event corpus — choose its documents, hand out batches, take annotations in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sitrep.eval.corpus import (
    CorpusError,
    build_document,
    check_same_as,
    import_annotation,
    norne_sentences,
    plan_documents,
    read_manifest,
)

corpus_app = typer.Typer(no_args_is_help=True, help="Build the annotated event corpus (docs/annotation.md).")

NorneOption = Annotated[Path, typer.Option("--norne", help="Folder with the NorNE NDT train and dev files.")]
CorpusOption = Annotated[Path, typer.Option("--corpus", help="The corpus folder.")]
LAYERS = ("full", "second", "triggers")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


@corpus_app.command("plan")
def plan(norne: NorneOption, corpus: CorpusOption) -> None:
    """Choose the corpus documents (deterministic) and write ``documents.jsonl``."""
    entries = plan_documents(norne)
    corpus.mkdir(parents=True, exist_ok=True)
    with open(corpus / "documents.jsonl", "w", encoding="utf-8") as out:
        out.writelines(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries)
    for part in ("tune", "test", "triggers"):
        chosen = [e for e in entries if e["part"] == part]
        typer.echo(f"{part}: {len(chosen)} documents, {sum(len(e['sentences']) for e in chosen)} sentences")


@corpus_app.command("batch")
def batch(
    norne: NorneOption,
    corpus: CorpusOption,
    docs: Annotated[str, typer.Option("--docs", help="Comma-separated document ids.")],
    out: Annotated[Path, typer.Option("--out", help="The batch file to write (JSON Lines of sentences).")],
) -> None:
    """Write the sentences of some documents, in order, for an annotator (texts stay out of the repository)."""
    wanted = docs.split(",")
    entries = {e["doc"]: e for e in read_manifest(corpus)}
    missing = [d for d in wanted if d not in entries]
    if missing:
        _fail(f"--docs: not in the corpus manifest: {', '.join(missing)}")
    sentences = norne_sentences(norne)
    with open(out, "w", encoding="utf-8") as handle:
        for doc_id in wanted:
            document = build_document(entries[doc_id], sentences)
            handle.writelines(json.dumps({"doc": doc_id, "sent_id": s.sent_id, "text": s.text}, ensure_ascii=False) + "\n" for s in document.sentences)


@corpus_app.command("import")
def import_(
    annotation: Annotated[Path, typer.Argument(help="An annotator's JSON Lines file (spans as words).")],
    norne: NorneOption,
    corpus: CorpusOption,
    layer: Annotated[str, typer.Option("--layer", help="full | second | triggers")],
    check: Annotated[bool, typer.Option("--check", help="Only check the file; write nothing.")] = False,
    partial: Annotated[
        bool, typer.Option("--partial", help="Take the whole documents of an unfinished file, leave the last out.")
    ] = False,
) -> None:
    """Check an annotation against the sentences and the guidelines; write it into the corpus by document."""
    if layer not in LAYERS:
        _fail(f"--layer {layer!r}: one of {', '.join(LAYERS)}")
    try:
        lines = [json.loads(raw) for raw in annotation.read_text(encoding="utf-8").splitlines() if raw.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        _fail(f"{annotation}: {exc}")
    try:
        sentences = norne_sentences(norne)
        converted = import_annotation(lines, sentences, full=layer != "triggers", source=str(annotation))
        entries = {e["doc"]: e for e in read_manifest(corpus)}
        doc_of = {sid: e["doc"] for e in entries.values() for sid in e["sentences"]}
        by_doc: dict[str, list[dict]] = {}
        skipped = 0
        for sid, line in converted.items():
            if sid not in doc_of:
                raise CorpusError(f"{annotation}: sentence {sid} belongs to no corpus document")
            # full annotations go to fully annotated documents, trigger annotations to the others
            if (entries[doc_of[sid]]["part"] == "triggers") != (layer == "triggers"):
                skipped += 1
                continue
            by_doc.setdefault(doc_of[sid], []).append(line)
        for doc_id, doc_lines in list(by_doc.items()):
            order = entries[doc_id]["sentences"]
            absent = [sid for sid in order if sid not in converted]
            if absent and partial:
                del by_doc[doc_id]
                typer.echo(f"left out document {doc_id}: {len(absent)} of its sentences are not annotated yet")
                continue
            if absent:
                raise CorpusError(f"{annotation}: document {doc_id} lacks sentences {', '.join(absent[:5])}")
            doc_lines.sort(key=lambda line: order.index(line["sent_id"]))
            if layer != "triggers":
                check_same_as(doc_lines, doc_id)
    except CorpusError as exc:
        _fail(str(exc))
    n_events = sum(len(line["events"]) for lines in by_doc.values() for line in lines)
    if skipped:
        typer.echo(f"left out {skipped} sentences of documents that are not annotated in the {layer} layer")
    if check:
        typer.echo(f"ok: {sum(map(len, by_doc.values()))} sentences, {n_events} events in {len(by_doc)} documents")
        return
    folder = corpus / layer
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, doc_lines in by_doc.items():
        with open(folder / f"{doc_id}.jsonl", "w", encoding="utf-8") as out:
            for line in doc_lines:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    typer.echo(f"wrote {len(by_doc)} documents ({sum(map(len, by_doc.values()))} sentences, {n_events} events) into {folder}")


@corpus_app.command("agreement")
def agreement_(
    norne: NorneOption,
    corpus: CorpusOption,
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    show: Annotated[bool, typer.Option("--show", help="List every disagreement.")] = False,
) -> None:
    """Agreement between the first (full/) and the second (second/) annotation of the same sentences."""
    from sitrep.eval.agreement import agreement

    try:
        result = agreement(corpus, norne)
    except CorpusError as exc:
        _fail(str(exc))
    if json_out:
        typer.echo(json.dumps(result.to_dict(), indent=1, ensure_ascii=False))
        return
    typer.echo(f"{result.documents} documents, {result.sentences} sentences annotated twice")
    typer.echo(f"event F1 (trigger overlap, OTHER left out): {result.event_f1:.3f} "
               f"({result.first} and {result.second} mentions, {result.paired} paired); "
               f"with OTHER: {result.event_f1_with_other:.3f}")
    for name, s in result.same.items():
        typer.echo(f"  same {name}: {s['rate']:.3f} ({s['agree']}/{s['compared']} paired mentions)")
    if show:
        for d in result.disagreements:
            typer.echo(f"  {d['sent_id']} {d['field']}: «{d['trigger']}» first={d['first']} second={d['second']}")
