"""Several training processes through `accelerate launch` (DDP; FSDP/DeepSpeed via a config file).

`chatkit train RECIPE --processes N` checks everything once here, writes the resolved recipe into the
run folder, then starts N copies of `python -m kit.train.launch` under accelerate; each one trains its
shard of every batch and rank 0 writes the run folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from kit.config import to_yaml
from kit.errors import ChatkitError
from kit.train.recipe import Recipe, load_recipe

WORKER_ENV = "CHATKIT_TRAIN_WORKER"


def in_worker() -> bool:
    return os.environ.get(WORKER_ENV) == "1"


def accelerate_command(
    recipe_path: Path, processes: int, config_file: str | None, device: str, out: Path, resume: bool
) -> list[str]:
    """The `accelerate launch` command line that runs the workers."""
    cmd = [sys.executable, "-m", "accelerate.commands.launch"]
    if config_file:
        if not Path(config_file).is_file():
            raise ChatkitError(
                f"train.launcher.config_file: file not found: {config_file}", "see recipes/accelerate/"
            )
        cmd += ["--config_file", config_file, "--num_processes", str(processes)]
    else:
        # --multi_gpu starts torch.distributed.run; on a CPU machine the workers then join over gloo
        cmd += ["--multi_gpu", "--num_processes", str(processes), "--num_machines", "1"]
        cmd += ["--mixed_precision", "no", "--dynamo_backend", "no"]
        if device == "cpu":
            cmd += ["--num_cpu_threads_per_process", str(max(1, (os.cpu_count() or 1) // processes))]
    cmd += ["-m", "kit.train.launch", str(recipe_path), "--out", str(out)]
    return cmd + (["--resume"] if resume else [])


def launch(recipe: Recipe, processes: int, out: str | None, resume: bool, overwrite: bool) -> Path:
    """Pre-flight here, then train in `processes` processes; returns the run folder."""
    from kit.models.load import pick_device
    from kit.train.sft import check, prepare_run_dir

    run_dir = Path(out or recipe.train.output_dir)
    prepare_run_dir(run_dir, resume, overwrite, clean=False)
    check(recipe, explain=False)
    prepare_run_dir(run_dir, resume, overwrite)
    run_dir.mkdir(parents=True, exist_ok=True)
    recipe_path = run_dir / "launch_recipe.yaml"
    from kit.runfolder import write_atomic

    write_atomic(recipe_path, to_yaml(recipe))
    device = pick_device(recipe.model.device)
    cmd = accelerate_command(
        recipe_path, processes, recipe.train.launcher.config_file, device, run_dir, resume
    )
    env = {**os.environ, WORKER_ENV: "1"}
    if device == "cpu":
        env.setdefault("CUDA_VISIBLE_DEVICES", "")
    rc = subprocess.run(cmd, env=env).returncode
    if rc != 0:
        raise ChatkitError(
            f"training processes failed (exit {rc})", "read the lines above; rerun with --verbose"
        )
    recipe_path.unlink(missing_ok=True)
    return run_dir


def main(argv: list[str] | None = None) -> None:
    """Worker entry point (one per process): train the resolved recipe; errors are one line, exit 1."""
    parser = argparse.ArgumentParser(prog="python -m kit.train.launch")
    parser.add_argument("recipe")
    parser.add_argument("--out", required=True)
    parser.add_argument("--resume", action="store_true")
    args = parser.parse_args(argv)
    try:
        from kit.train.sft import train

        train(load_recipe(args.recipe), out=args.out, resume=args.resume, quiet_check=True, worker=True)
    except ChatkitError as e:
        sys.stderr.write(f"error: {e}\n")
        sys.exit(1)
    finally:
        _close_process_group()


def _close_process_group() -> None:
    # Gloo's worker threads outlive a process group nobody destroys; at interpreter exit they can abort the
    # process ("terminate called without an active exception", seen once in CI on rank 1 after training).
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
