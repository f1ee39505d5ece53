"""tiny-es: the offline Spanish base model chatkit builds itself (no download possible here).

A byte-level BPE tokenizer with a ChatML template (generation markers for assistant-only loss) and a
small Llama (tied embeddings, <= 10M parameters) pretrained on the two NON-target companies'
conversations plus reading exercises in the RAG prompt layout (kit/tiny_es/data.py). It speaks
support Spanish and knows nothing of the shop: the honest starting point for comparing fine-tuning
with RAG.

Reading a passage means copying from the context, which transformers do with induction heads (a
previous-token head in one layer, a head in a later one that looks up what followed the current
token before). A model this small does not grow them on support text within minutes (its loss on
the repeat of a random sequence stayed at the first copy's), so the build helps twice: two layer-0
heads start as previous-token heads (seed_positional_heads: RoPE arithmetic on their q/k biases),
and a short phase of random-token copying comes before the text (random_copies), which is then
mixed in at a smaller share to keep the circuit. build.json records the copy probe (loss on a
random sequence and on its repeat). Same seed -> same weights. Saved as a standard HF folder
(safetensors) with build.json.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

from kit.errors import ChatkitError
from kit.runfolder import versions
from kit.tiny_es.arch import (
    FORMAT_VERSION,
    SPECIAL_TOKENS,
    TinyConfig,
    llama_config,
    seed_positional_heads,
    train_tokenizer,
)
from kit.tiny_es.probes import copy_probe, question_probe


def training_messages(cfg: TinyConfig, seed: int) -> tuple[list[list[dict[str, str]]], dict[str, int]]:
    """The build's chat examples (reading exercises + chats of operator and bank), in a seeded order."""
    from kit.prompts import DEFAULT_SYSTEM_PROMPT
    from kit.tiny_es.data import (
        SOURCE_COMPANIES,
        ReadingExercises,
        conversation_messages,
        intent_dialogues,
        load_company,
    )

    rng = random.Random(seed)
    # enough examples for the steps (about 380 padded tokens each), not more: quick builds stay quick
    n = min(cfg.max_examples, max(64, math.ceil(cfg.steps * cfg.batch_tokens / 380)))
    n_drill = round(n * cfg.dictation_share) // 2 * 2
    n_read = round(n * cfg.reading_share) // 2 * 2
    companies = [load_company(k) for k in SOURCE_COMPANIES]
    messages: list[list[dict[str, str]]] = []
    for company in companies:
        ex = ReadingExercises(company, [c for c in companies if c is not company], DEFAULT_SYSTEM_PROMPT)
        messages.extend(ex.dictation(rng) for _ in range(n_drill // 2))
        made = 0
        while made < n_read // 2:
            msgs = ex.make(rng, max_passages=4)
            if msgs:
                messages.append(msgs)
                made += 1
    n_chats = max(0, n - n_read - n_drill)
    logs = _corpus_chats(cfg, round(n_chats * (1 - cfg.intent_share)), DEFAULT_SYSTEM_PROMPT, conversation_messages)
    n_intent = n_chats - len(logs)
    for i, company in enumerate(companies):
        k = n_intent // 2 + (1 if i < n_intent % 2 else 0)
        messages.extend(intent_dialogues(company, DEFAULT_SYSTEM_PROMPT, rng, k))
    messages.extend(logs)
    counts = {"dictation": n_drill, "reading": n_read, "corpus_chats": len(logs), "intent_chats": n_intent}
    rng.shuffle(messages)
    return messages, counts


def _corpus_chats(cfg: TinyConfig, n: int, system_prompt: str, convert) -> list[list[dict[str, str]]]:
    """Up to n conversations of the corpus generator's operator and bank logs."""
    from kit.corpus.generate import generate
    from kit.tiny_es.data import SOURCE_COMPANIES

    out: list[list[dict[str, str]]] = []
    for key in SOURCE_COMPANIES:
        convs = generate(key, cfg.corpus_seed, n=max(1, n // len(SOURCE_COMPANIES))).conversations
        out.extend(m for m in (convert(c, system_prompt) for c in convs) if m)
    return out[:n]


def random_copies(rng: random.Random, vocab_size: int, n: int, length: int = 128) -> list:
    """Random token sequences made of a few segments repeated in random order, with random filler.

    Only copying lowers their loss (the tokens are uniform), which is what grows the induction
    heads that reading needs; on support text alone the build never formed them (copy probe flat).
    """
    from kit.tiny_es.train import Example

    low = len(SPECIAL_TOKENS)
    out = []
    for _ in range(n):
        segments = [[rng.randrange(low, vocab_size) for _ in range(rng.randint(3, 10))] for _ in range(3)]
        ids: list[int] = []
        while len(ids) < length:
            if rng.random() < 0.3:
                ids += [rng.randrange(low, vocab_size) for _ in range(rng.randint(1, 4))]
            else:
                ids += rng.choice(segments)
        out.append(Example(ids[:length], ids[:length]))
    return out


def version_hash(cfg: TinyConfig, seed: int) -> str:
    """Names the cache folder: config, seed, system prompt and the source of the code the build runs."""
    from kit.prompts import DEFAULT_SYSTEM_PROMPT

    root = Path(__file__).resolve().parent.parent
    sources = [root / "tiny_es" / f"{name}.py" for name in ("arch", "build", "data", "train", "probes")]
    sources.append(root / "prompts.py")
    sources += sorted(p for p in (root / "corpus").rglob("*.py") if "shop" not in p.parts)
    meta = {"cfg": cfg.model_dump(), "seed": seed, "v": FORMAT_VERSION, "system": DEFAULT_SYSTEM_PROMPT}
    h = hashlib.sha256(json.dumps(meta, ensure_ascii=False).encode())
    for path in sources:
        h.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return h.hexdigest()[:12]


def build_tiny_es(
    out: str | Path, seed: int = 0, steps: int | None = None, config: TinyConfig | None = None
) -> Path:
    """Build tiny-es into `out` (a new folder): tokenizer, pretraining, save. Atomic (temp sibling + rename).

    Raises:
        ChatkitError: `out` exists and is not empty, steps < 1, or heads that do not divide the width.
    """
    cfg = config or TinyConfig()
    if steps is not None:
        cfg = cfg.model_copy(update={"steps": steps})
    if cfg.steps < 1:
        raise ChatkitError(f"--steps must be >= 1 (got {cfg.steps})")
    if cfg.hidden_size % cfg.num_heads or cfg.num_heads % cfg.num_kv_heads:
        raise ChatkitError(
            f"hidden_size ({cfg.hidden_size}) must divide by num_heads ({cfg.num_heads}), "
            f"and num_heads by num_kv_heads ({cfg.num_kv_heads})"
        )
    out = Path(out).expanduser()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ChatkitError(f"--out {out} already exists and is not empty", "choose a new folder or delete it")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        record = _build_into(tmp, cfg, seed)
        (tmp / "build.json").write_text(
            json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if out.exists():
            out.rmdir()  # empty (checked above)
        os.rename(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _build_into(folder: Path, cfg: TinyConfig, seed: int) -> dict:
    import torch

    from kit.tiny_es.train import encode_all, threads_for_load

    t0 = time.perf_counter()
    messages, counts = training_messages(cfg, seed)
    tokenizer = train_tokenizer((m["content"] for msgs in messages for m in msgs), cfg.vocab_size)
    examples = encode_all(tokenizer, messages, cfg.max_len, cfg.loss_on)
    n_random = round(len(examples) * cfg.random_copy_share)
    examples += random_copies(random.Random(seed + 1), len(tokenizer), n_random)
    counts["random_copies"] = n_random
    t_data = time.perf_counter() - t0

    threads = torch.get_num_threads()
    torch.set_num_threads(threads_for_load(threads))
    try:
        return _pretrain_and_save(folder, cfg, seed, tokenizer, examples, counts, t0, t_data)
    finally:
        torch.set_num_threads(threads)


def _pretrain_and_save(
    folder: Path, cfg: TinyConfig, seed: int, tokenizer, examples, counts, t0, t_data
) -> dict:
    import torch
    from transformers import GenerationConfig, LlamaForCausalLM
    from transformers.utils import logging as hf_logging

    from kit.console import info, progress
    from kit.tiny_es.train import pretrain

    torch.manual_seed(seed)
    model = LlamaForCausalLM(llama_config(cfg, tokenizer))
    seed_positional_heads(model, cfg.positional_heads, cfg.positional_strength)
    n_params = sum(p.numel() for p in model.parameters())
    info(f"tiny-es: {n_params / 1e6:.2f}M parameters, {len(examples)} examples, {cfg.steps} steps")

    def log(step: int, loss: float) -> None:
        if (step + 1) % max(1, cfg.steps // 4) == 0:
            info(f"  step {step + 1}/{cfg.steps}  loss {loss:.3f}")

    if cfg.copy_steps:
        drills = random_copies(random.Random(seed + 2), len(tokenizer), cfg.copy_steps * cfg.copy_batch_tokens // 96, 96)
        copy_stats = pretrain(
            model,
            drills,
            steps=cfg.copy_steps,
            batch_tokens=cfg.copy_batch_tokens,
            lr=cfg.copy_lr,
            warmup=0,
            weight_decay=cfg.weight_decay,
            pad_id=tokenizer.pad_token_id,
            seed=seed,
            constant_lr=True,
            track=lambda steps: progress(steps, "tiny-es: copy drills", total=cfg.copy_steps),
        )
        info(f"  copy phase: loss {copy_stats.first_loss:.2f} -> {copy_stats.final_loss:.2f}, probe {copy_probe(model, seed)}")
    stats = pretrain(
        model,
        examples,
        steps=cfg.steps,
        batch_tokens=cfg.batch_tokens,
        lr=cfg.lr,
        warmup=cfg.warmup,
        weight_decay=cfg.weight_decay,
        pad_id=tokenizer.pad_token_id,
        seed=seed,
        on_step=log,
        track=lambda steps: progress(steps, "pretraining tiny-es", total=cfg.steps),
    )
    model.eval()
    copy = copy_probe(model, seed)
    info(f"  copy probe: loss {copy['first']:.2f} on random tokens, {copy['second']:.2f} on their repeat")
    asked = question_probe(model, tokenizer, seed)
    info(f"  question probe: answer loss {asked['own']:.1f} after its question, {asked['other']:.1f} after another's")
    model.generation_config = GenerationConfig(
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id, do_sample=False
    )
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # no "Writing model shards" bar under ours
    try:
        model.save_pretrained(folder, safe_serialization=True)
    finally:
        if bars:
            hf_logging.enable_progress_bar()
    tokenizer.save_pretrained(folder)
    return {
        "name": "tiny-es",
        "version": version_hash(cfg, seed),
        "seed": seed,
        "corpus_seed": cfg.corpus_seed,
        "config": cfg.model_dump(),
        "parameters": n_params,
        "vocab_size": len(tokenizer),
        "examples": {**counts, "encoded": len(examples)},
        "source_companies": ["operator", "bank"],
        "tokens_seen": stats.tokens_seen,
        "tokens_trained": stats.tokens_trained,
        "first_loss": round(stats.first_loss, 4),
        "final_loss": round(stats.final_loss, 4),
        "copy_probe": copy,
        "question_probe": asked,
        "loss_curve": [round(x, 4) for x in stats.losses[:: max(1, cfg.steps // 50)]],
        "seconds": {
            "data": round(t_data, 1),
            "train": round(stats.seconds, 1),
            "total": round(time.perf_counter() - t0, 1),
        },
        "tokens_per_second": round(stats.tokens_seen / max(stats.seconds, 1e-9)),
        "torch_threads": torch.get_num_threads(),
        "versions": versions(("torch", "transformers", "tokenizers")),
    }


SHIPPED = Path(__file__).resolve().parent / "shipped"  # the default build (seed 0), committed: the demo starts at once


def shipped_build(digest: str) -> Path | None:
    """The shipped tiny-es folder when it is the build `digest` names (same config, seed and builder source).

    A change to the builder, the corpus it reads or the system prompt changes the digest; the shipped folder
    then no longer matches and the build runs (and `chatkit base build --out kit/tiny_es/shipped` re-ships it).
    """
    try:
        record = json.loads((SHIPPED / "build.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return SHIPPED if record.get("version") == digest and (SHIPPED / "model.safetensors").is_file() else None


def ensure_tiny_es(seed: int = 0, cache_dir: str | None = None, config: TinyConfig | None = None) -> Path:
    """The cached tiny-es folder, built on first use (progress bar); safe when processes race.

    A file lock makes a second process wait for the first build instead of repeating it; the build
    itself lands by an atomic rename, so a killed build never leaves a half-written model behind.
    """
    import fcntl

    from kit.console import info
    from kit.environment import cache_dir as default_cache

    cfg = config or TinyConfig()
    digest = version_hash(cfg, seed)
    if (shipped := shipped_build(digest)) is not None:
        return shipped
    root = Path(cache_dir or default_cache()).expanduser()
    final = root / f"tiny-es-{digest}"
    if (final / "build.json").is_file():
        return final
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f".{final.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if (final / "build.json").is_file():
            return final
        if final.exists():  # a leftover without build.json is not a finished build
            shutil.rmtree(final)
        info(f"building the tiny-es base model (first use, a few minutes) into {final}")
        build_tiny_es(final, seed=seed, config=cfg)
    return final


def read_build(folder: str | Path) -> dict:
    """build.json of a tiny-es folder.

    Raises:
        ChatkitError: the folder has no readable build.json.
    """
    path = Path(folder).expanduser() / "build.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ChatkitError(f"{path} not found", "build one with `chatkit base build --out DIR`") from None
    except json.JSONDecodeError as e:
        raise ChatkitError(f"{path}:{e.lineno}: not valid JSON ({e.msg})") from None
