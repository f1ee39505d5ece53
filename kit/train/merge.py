"""`chatkit merge RUN --out DIR`: fold a run's trained weights into its base, as a standalone model folder.

Defined for lora, dora, qlora and ia3 (PEFT folds the adapter into the weights) and freeze (the trained
blocks replace the base's). Not for full (the run folder already is a standalone model), nor for prefix,
prompt and adapter: their virtual tokens and bottleneck layers are extra computation, not a change of
the base's weights, so there is nothing to fold; those runs are served as run folders.

The result loads with plain `AutoModelForCausalLM.from_pretrained(DIR)` (no PEFT) and carries the
run's tokenizer and chat template. A QLoRA run is merged into the base loaded in full precision,
since merging into 4-bit weights would round the adapter away.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from kit.errors import ChatkitError
from kit.train.recipe import load_recipe

NOT_MERGEABLE = {
    "full": "the run folder already is a standalone model (load RUN itself)",
    "prefix": "the learned prefix is extra keys and values, not a change of weights (serve the run folder)",
    "prompt": "the virtual tokens are extra inputs, not a change of weights (serve the run folder)",
    "adapter": "bottleneck adapters are extra layers, not a change of weights (serve the run folder)",
}


def merge(run: str | Path, out: str | Path, overwrite: bool = False, device: str = "cpu") -> Path:
    """Merge the adapter of finished run `run` into its base model; write the model to `out` atomically.

    Raises:
        ChatkitError: `run` is not a finished run folder, or `out` exists and overwrite is off.
    """
    from kit.models.weights import run_kind

    run_dir, out_dir = Path(run), Path(out)
    config_path = run_dir / "resolved_config.yaml"
    if run_kind(run_dir) is None or not config_path.is_file():
        raise ChatkitError(
            f"{run_dir}: not a finished chatkit train run (needs its trained weights and resolved_config.yaml)",
            "run `chatkit train RECIPE --out RUN` first",
        )
    method = load_recipe(config_path).train.method
    if method in NOT_MERGEABLE:
        raise ChatkitError(f"{run_dir}: merge is not defined for method '{method}': {NOT_MERGEABLE[method]}")
    if out_dir.exists() and any(out_dir.iterdir()) and not overwrite:
        raise ChatkitError(
            f"{out_dir} already exists and is not empty", "pick another --out or add --overwrite"
        )
    recipe = load_recipe(config_path)
    update: dict = {"load_in_4bit": False, "device": device}
    record_path = run_dir / "run.json"
    trained_on = (
        json.loads(record_path.read_text(encoding="utf-8")).get("base_model_path")
        if record_path.is_file()
        else None
    )
    if trained_on and Path(trained_on).is_dir():
        update["name"] = (
            trained_on  # the exact base the adapter was trained on (tiny-es builds are versioned)
        )
    model_cfg = recipe.model.model_copy(update=update)
    from kit.models.load import load_model

    model, tok = load_model(model_cfg, adapter=str(run_dir))
    merged = model.merge_and_unload() if hasattr(model, "merge_and_unload") else model  # freeze: already in
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        merged.save_pretrained(tmp, safe_serialization=True)
        tok.save_pretrained(tmp)
        record = {"merged_from": str(run_dir), "base_model": recipe.model.name}
        if (run_dir / "run.json").is_file():
            record["run"] = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
        (tmp / "chatkit_merge.json").write_text(
            json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir
