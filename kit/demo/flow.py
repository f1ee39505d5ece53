"""`chatkit demo`: the whole flow on a shipped corpus, offline, on a CPU, one progress line per stage.

    corpus (conversations/shop) -> prepare -> tiny-es base (cached) -> LoRA -> index -> compare -> report

Each stage calls the same library function as its command (`chatkit prepare`, `train`, `index`,
`compare`), with the tiny-es LoRA recipe and the shop suite pointed at --out. Everything lands under
--out (default out/demo); the tiny-es base lands in the chatkit cache and is built once.

`--base gemma-3-270m` (`make demo-real`) is the same flow on a real pretrained base: recipes/gemma-3-270m/
lora.yaml and raft.yaml (LoRA trained on examples carrying retrieved passages) both train, and compare runs
base, base+rag, lora, lora+rag, raft+rag and extractive on a seeded sample of REAL_ITEMS test items (and
REAL_FRESHNESS update items), sized to finish within 30 minutes on a 2-core CPU (1,432 s, 1,497 s and 1,763 s measured on a 2-core Xeon with AMX, hours apart, same figures; REAL_SUITE below).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kit.console import err
from kit.errors import ChatkitError

RECIPE = "recipes/{base}/lora.yaml"
RAFT_RECIPE = "recipes/{base}/raft.yaml"
SUITE = "eval/suites/{company}.yaml"
QUICK_ITEMS = 40
REAL_ITEMS = 150  # test items of the real-model demo: a seeded sample over every topic (CIs of about +-7 points)
REAL_FRESHNESS = 32  # policy-update items of the real-model demo (a seeded sample of the 119 test ones of 170: freshness.dev_fraction)
# The real-model demo's compare, sized for a 2-core CPU: bf16 answers (Gemma's own dtype; on this CPU's
# avx512_bf16 2.2x faster than fp32 on RAG prompts, measured), 48 new tokens (the shop's answers are one or two
# sentences), 2 timed single requests per arm (a first run with 4 and 48 update items took 34 minutes). The base
# is not instruction-tuned: base+rag gets 2 worked examples (generation.shots; on the 108 dev items 38.0% against
# 8.3% in the chat layout; 3 gave 38.9%, 4 41.7% at twice the time, 6 38.0%) and context-aware decoding
# (generation.context_weight=0.5: on the 108 dev items 60.2% against 38.0%, and the new fact after the policy update on
# 36 of the 51 dev update items against 25; weight 1.0 gave 35; its base+rag answers take about twice as long). The
# weight also applies to raft+rag (trained with passages: 69.4% against 64.8% on the dev items, the new fact on 37 of
# 51 against 29; 0.25 gave 69.4% and 34, 1.0 54.6% and 31) but not to lora+rag (trained without: 17.6% against 27.8%).
REAL_SUITE = [f"generation.sample={REAL_ITEMS}", f"freshness.sample={REAL_FRESHNESS}", "generation.max_new_tokens=48",
              "generation.batch_size=16", "latency.sample=2", "model.dtype=bfloat16", "generation.shots=2",
              "generation.context_weight=0.5"]


def real_suite(full: bool = False) -> list[str]:
    """The real-model demo's compare settings: REAL_SUITE, or with `full` all of it but the two sample sizes."""
    return [s for s in REAL_SUITE if not (full and s.startswith(("generation.sample=", "freshness.sample=")))]


class _Stages:
    """Prints `[i/N] stage: what happened (seconds)` as each stage finishes; keeps the timings."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.timings: dict[str, float] = {}
        self.start = time.perf_counter()

    def run(self, name: str, work: Callable[[], str]) -> None:
        n = len(self.timings) + 1
        err.print(f"[bold][{n}/{self.total}] {name}[/bold] …", highlight=False)
        t = time.perf_counter()
        summary = work()
        self.timings[name] = time.perf_counter() - t
        err.print(f"[{n}/{self.total}] {name}: {summary} ({self.timings[name]:.1f} s)", highlight=False, soft_wrap=True)


def _corpus(company: str, out: Path) -> Path:
    """The shipped corpus folder, or one generated into --out when the checkout has none."""
    shipped = Path("conversations") / company
    if (shipped / "kb").is_dir() and (shipped / "eval.jsonl").is_file():
        return shipped
    from kit.corpus.export import export
    from kit.corpus.generate import generate

    return Path(export(generate(company, seed=7), out / "corpus", 7))


def run_demo(
    out: Path,
    company: str = "shop",
    lang: str = "en",
    limit: int | None = None,
    fresh: bool = True,
    timings: dict[str, float] | None = None,
    quick: bool = False,
    model: str | None = None,
    methods: list[str] | None = None,
    base: str = "tiny-es",
    raft: bool = False,
    recipe_sets: list[str] | None = None,
    full: bool = False,
) -> Path:
    """Run every stage into `out`; returns the path of report.html.

    Args:
        fresh: start from scratch (the default). With False, a stage whose output already exists in
            `out` is reused (handy to re-run only the comparison after changing the suite).
        timings: filled with seconds per stage (for eval/bench/bench_demo.py).
        quick: a smoke run: 20 training steps and the first 40 eval items (numbers mean little).
        model: a base model folder or hub id instead of tiny-es (a GPU run of the same flow).
        methods: train each of these train.methods (recipes/tiny-es/<method>.yaml, training tensors
            counted) instead of LoRA alone, and compare them all: the methods table in report.html.
        base: the named base whose recipes/<base>/ recipes the demo trains (tiny-es, or gemma-3-270m: the
            real-model demo, which also trains raft.yaml and compares on a sample of REAL_ITEMS test items).
        raft: also train recipes/<base>/raft.yaml (RAFT: LoRA on examples with retrieved passages) and compare
            raft+rag with lora and lora+rag (always on with a real base).
        recipe_sets: `key=value` overrides of every recipe the demo trains (after its own), e.g. train.max_length=1024.
        full: with a real base, compare on every test item and every policy-update item instead of REAL_SUITE's
            seeded sample (the GPU variant: `--full --set model.device=auto`; 252 and 119 items against 150 and 32, so
            on a CPU compare takes several times as long: not measured).
    """
    from kit.compare.config import load_suite
    from kit.train.recipe import load_recipe

    suite_path = Path(SUITE.format(company=company))
    if not suite_path.is_file():
        raise ChatkitError(f"no suite for company '{company}' ({suite_path})", "use --company shop")
    recipe_path = Path(RECIPE.format(base=base))
    if not recipe_path.is_file():
        known = sorted(p.parent.name for p in Path("recipes").glob("*/lora.yaml") if p.parent.name == "tiny-es"
                       or (p.parent / "raft.yaml").is_file())
        raise ChatkitError(f"--base {base}: no demo recipe {recipe_path}", f"use one of {', '.join(known)}")
    real = base != "tiny-es"
    if full and not real:
        raise ChatkitError("--full answers every eval item of the real-model demo; the tiny-es demo already does",
                           "add --base gemma-3-270m, or drop --full")
    if (real or raft) and methods:
        raise ChatkitError("--methods trains its own set of runs", "drop --base/--raft, or drop --methods")
    raft_path = Path(RAFT_RECIPE.format(base=base))
    if raft and not raft_path.is_file():
        raise ChatkitError(f"--raft: no RAFT recipe {raft_path}", "write one (data.context.share > 0) or drop --raft")
    data, run_dir, index, report_dir = out / "data", out / "runs" / f"{base}-lora", out / "index", out / "compare"
    raft_dir = out / "runs" / f"{base}-raft"
    overrides = [f"data.prepared={data}", f"train.output_dir={run_dir}", f"rag.index={index}"]
    if model:
        overrides += [f"model.name={model}", "model.device=auto"]
    if quick:
        overrides += ["train.max_steps=20", "train.eval_steps=10", "train.save_steps=20"]
        limit = limit or QUICK_ITEMS
    overrides += recipe_sets or []
    recipe = load_recipe(recipe_path, overrides)
    raft_recipe = None
    if (real or raft) and raft_path.is_file():
        raft_recipe = load_recipe(raft_path, [*overrides, f"train.output_dir={raft_dir}"])
    method_runs = {m: out / "runs" / f"tiny-es-{m}" for m in methods or []}
    stages = _Stages(7 if raft_recipe is not None else 6)
    state: dict[str, Any] = {}

    def corpus() -> str:
        state["corpus"] = _corpus(company, out)
        n = sum(1 for _ in (state["corpus"] / "eval.jsonl").open(encoding="utf-8"))
        return f"{state['corpus']} ({n} eval questions)"

    def prepare() -> str:
        if not fresh and (data / "prepare_report.json").is_file():
            return f"reused {data}"
        from kit.data.prepare import PrepareConfig
        from kit.data.prepare import prepare as run_prepare

        root = state["corpus"]
        inputs = [str(p) for p in sorted(root.glob("*.jsonl")) if p.name not in ("eval.jsonl", "eval_update.jsonl", "labels.jsonl")]
        cfg = recipe.data.model_copy(update={"max_length": recipe.train.max_length})
        report = run_prepare(PrepareConfig(inputs=inputs, out=str(data), data=cfg, kb=[str(root / "kb")],
                                           eval_files=[str(root / "eval.jsonl")], system_prompt=recipe.system_prompt))
        return f"{report.kept:,} conversations kept, {report.rejected} rejected -> {data}"

    def base_stage() -> str:
        from kit.models.load import resolve_model

        return f"{recipe.model.name} at {resolve_model(recipe.model.name)}"

    def train_one(recipe: Any, run_dir: Path, trained: Any = None) -> dict[str, Any]:
        """`trained`: the recipe already pointed at its RAFT data (else written here: RAFT recipes only)."""
        from kit.raft import with_context
        from kit.train.sft import train as run_training

        trained = trained or with_context(recipe, run_dir / "raft_data")
        return run_training(trained, out=str(run_dir), overwrite=True, quiet_check=True).record or {}

    def train_methods() -> str:
        done = []
        for method in methods or []:
            folder = method_runs[method]
            if fresh or not (folder / "run.json").is_file():
                sets = [*overrides, f"train.output_dir={folder}", "train.count_memory=true"]
                train_one(load_recipe(recipe_path.with_name(f"{method}.yaml"), sets), folder)
            done.append(method)
        return f"{', '.join(done)} -> {out / 'runs'}"

    def train() -> str:
        if methods:
            return train_methods()
        if raft_recipe is not None and (fresh or not (raft_dir / "run.json").is_file()):
            # the RAFT run's pre-flight (its examples carry passages: longer rows) before the LoRA run, so a
            # recipe that cannot train fails in seconds, not after the LoRA stage (8 minutes on Gemma)
            from kit.raft import with_context
            from kit.train.sft import check

            state["raft_recipe"] = with_context(raft_recipe, raft_dir / "raft_data")  # the RAFT stage trains on it
            check(state["raft_recipe"], quiet=True, explain=False)
        if not fresh and (run_dir / "run.json").is_file():
            return f"reused {run_dir}"
        record = train_one(recipe, run_dir)
        return _trained(record, run_dir)

    def train_raft() -> str:
        if not fresh and (raft_dir / "run.json").is_file():
            return f"reused {raft_dir}"
        return _trained(train_one(raft_recipe, raft_dir, state.get("raft_recipe")), raft_dir)

    def _trained(record: dict[str, Any], run_dir: Path) -> str:
        val = record.get("val_loss") or {}
        drop = f", val loss {val.get('base'):.3f} -> {val.get('last'):.3f}" if val.get("base") and val.get("last") else ""
        return f"{record.get('steps')} steps, {record.get('tokens_trained', 0):,} tokens{drop} -> {run_dir}"

    def build() -> str:
        if not fresh and (index / "manifest.json").is_file():
            return f"reused {index}"
        from kit.rag.build import build_index

        report = build_index(data / "kb.jsonl", index, recipe.rag)
        return f"{report.count:,} passages ({report.index_type}) -> {index}"

    def compare() -> str:
        from kit.compare.report_md import print_terminal
        from kit.compare.run import compare as run_compare

        sets = [f"eval={data / 'eval.jsonl'}", f"adapter={run_dir}", f"index={index}",
                f"report.out={report_dir}", f"report.lang={lang}", f"model.name={recipe.model.name}",
                f"model.device={recipe.model.device}"]
        if limit:
            sets.append(f"generation.limit={limit}")
        if real:
            sets += real_suite(full)
        if raft_recipe is not None:  # lora and lora+rag, raft with retrieval only (what RAFT is trained for)
            sets += ["arms=[base,base+rag,extractive]", f"runs.lora={run_dir}", f"runs.raft={raft_dir}",
                     "retrieval=[lora]", "retrieval_only=[raft]"]
        if methods:  # every method's run an arm (lora also with retrieval); no suite lora arm to clash
            sets += ["arms=[base,base+rag,extractive]", "retrieval=[lora]" if "lora" in methods else "retrieval=[]"]
            sets += [f"runs.{m}={method_runs[m]}" for m in methods]
        if report_dir.exists():
            shutil.rmtree(report_dir)
        state["report"] = run_compare(load_suite(suite_path, sets), report_dir)
        print_terminal(state["report"])
        return f"{report_dir / 'report.html'}"

    stages.run("corpus", corpus)
    stages.run("prepare", prepare)
    stages.run(f"{base} base", base_stage)
    raft = recipe.data.context.share > 0 or raft_recipe is not None  # RAFT reads the index while training
    if raft:
        stages.run("index", build)
    stages.run("methods" if methods else "LoRA", train)
    if raft_recipe is not None:
        stages.run("RAFT", train_raft)
    if not raft:
        stages.run("index", build)
    stages.run("compare", compare)
    total = time.perf_counter() - stages.start
    if timings is not None:
        timings.update(stages.timings, total=total)
    err.print(f"demo done in {total:.0f} s: " + ", ".join(f"{k} {v:.0f} s" for k, v in stages.timings.items()),
              highlight=False, soft_wrap=True)
    return report_dir / "report.html"
