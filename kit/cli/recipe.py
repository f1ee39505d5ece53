"""`chatkit recipe show`: print a recipe's resolved config."""

from __future__ import annotations

from typing import Annotated

import typer

from kit.cli import app

recipe_app = typer.Typer(help="Inspect recipes (YAML under recipes/).", no_args_is_help=True)
app.add_typer(recipe_app, name="recipe")


@recipe_app.command("show")
def show(
    path: Annotated[str, typer.Argument(help="Recipe YAML, e.g. recipes/tiny-es/lora.yaml")],
    set_: Annotated[list[str] | None, typer.Option("--set", help="Override a key: --set lora.rank=8")] = None,
) -> None:
    """Print the resolved recipe (defaults < file < --set) as YAML."""
    from kit.config import to_yaml
    from kit.train.recipe import load_recipe

    typer.echo(to_yaml(load_recipe(path, set_)), nl=False)
