"""`chatkit tune`: Optuna search over recipe keys (registered on import; heavy imports stay inside)."""

from __future__ import annotations

from typing import Annotated

import typer

from kit.cli import app


@app.command()
def tune(
    recipe: Annotated[str, typer.Argument(help="Recipe YAML with a tune: section, e.g. recipes/tiny-es/tune.yaml")],
    trials: Annotated[
        int | None, typer.Option("--trials", min=1, help="Finished trials the study aims for (sets tune.trials).")
    ] = None,
    timeout: Annotated[
        float | None, typer.Option("--timeout", min=1, help="Seconds after which no new trial starts.")
    ] = None,
    storage: Annotated[
        str | None,
        typer.Option(
            "--storage",
            help="Where the study lives: an SQLAlchemy URL that Optuna accepts (overrides tune.storage). "
            "Default sqlite:///OUT/study.db: a killed study resumes from it. A PostgreSQL URL, e.g. "
            "postgresql+psycopg2://tune:PASSWORD@dbhost:5432/chatkit_tune (or tune@dbhost with the password "
            "in PGPASSWORD), shares one study between workers on several machines: give each the same URL "
            "and --study.",
        ),
    ] = None,
    study: Annotated[
        str | None,
        typer.Option("--study", help="Study name in the storage (default: the recipe's name); workers that share "
                     "a study pass the same one."),
    ] = None,
    out: Annotated[
        str | None, typer.Option("--out", help="Study folder: trials, report, best recipe (sets tune.out).")
    ] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="Override a key: --set tune.pruner=hyperband")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the study summary as JSON on stdout.")] = False,
) -> None:
    """Search the recipe's tune.space with Optuna; resumable, and shared by workers on one storage."""
    from kit.train.recipe import load_recipe
    from kit.tune.study import run_study, summary_json
    from kit.tune.summary import print_summary

    loaded = load_recipe(recipe, set_)
    result = run_study(loaded, recipe, trials=trials, timeout_s=timeout, storage_url=storage, study_name=study,
                       out=out)
    print_summary(result)
    if as_json:
        typer.echo(summary_json(result))
    else:
        typer.echo(str(result.best_recipe or result.reports["md"]))
