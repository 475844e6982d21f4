"""``python -m sitrep.nlp.training nb [--data DIR] [--output DIR] [--bundle] [--no-name-features]``"""

from __future__ import annotations

from pathlib import Path

import typer

from sitrep.nlp.training import DEFAULT_DATA, bundle, dev_scores, train

cli = typer.Typer(add_completion=False)


@cli.command()
def main(
    lang: str = typer.Argument("nb", help="language code of the pipeline to train"),
    data: Path = typer.Option(DEFAULT_DATA, help="folder with NorNE's no_bokmaal-ndt-{train,dev}.conllu"),
    output: Path = typer.Option(Path("training-runs/nb"), help="where corpus, vectors and models are written"),
    bundle_model: bool = typer.Option(False, "--bundle", help="copy into the package if dev entity F1 improves"),
    name_features: bool = typer.Option(
        True, "--name-features/--no-name-features",
        help="name-list features for NER (needs names-dataset); switch off only for quick trial runs",
    ),
) -> None:
    best = train(lang, data, output, name_features=name_features)
    scores = dev_scores(best)
    typer.echo({k: round(v, 4) for k, v in scores.items() if isinstance(v, float)})
    if bundle_model:
        typer.echo("bundled" if bundle(best, lang) else "not bundled: dev entity F1 did not improve")


cli()
