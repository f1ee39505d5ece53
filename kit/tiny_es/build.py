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
from collections.abc import Iterable
from pathlib import Path

from kit.config import Field, Section
from kit.errors import ChatkitError
from kit.runfolder import versions

FORMAT_VERSION = 1  # bump when the build changes in a way the source digest cannot see
SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|pad|>"]
CHATML = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' }}"
    "{% if message['role'] == 'assistant' %}{% generation %}{{ message['content'] + '<|im_end|>' }}{% endgeneration %}"
    "{% else %}{{ message['content'] + '<|im_end|>' }}{% endif %}{{ '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


class TinyConfig(Section):
    """Model shape, data mix and optimisation of one build (recorded in build.json; `--set KEY=VALUE`)."""

    vocab_size: int = Field(2048, ge=256, description="Largest BPE vocabulary (specials included).")
    hidden_size: int = Field(128, ge=8, description="Model width.")
    intermediate_size: int = Field(384, ge=8, description="MLP width (SwiGLU).")
    num_layers: int = Field(4, ge=1, description="Transformer blocks.")
    num_heads: int = Field(4, ge=1, description="Attention heads (hidden_size must divide by it).")
    num_kv_heads: int = Field(4, ge=1, description="Key/value heads (GQA when fewer than num_heads).")
    max_len: int = Field(
        512, ge=64, description="Longest training sequence; a RAG prompt with ~4 passages fits."
    )
    max_positions: int = Field(
        1024, ge=64, description="Positions the model accepts (max_position_embeddings)."
    )
    positional_heads: list[int] = Field(
        [1, 2],
        description="Layer-0 heads seeded at init to attend this many tokens back (one head per entry; [] = plain init).",
    )
    positional_strength: float = Field(
        40.0, ge=0, description="Size of the seeded heads' position-only attention score (q.k of their biases)."
    )
    copy_steps: int = Field(
        450, ge=0, description="Steps of random-token copying before the text (grows the induction heads)."
    )
    copy_batch_tokens: int = Field(3072, ge=64, description="Tokens per step of the copy phase.")
    copy_lr: float = Field(1e-3, gt=0, description="Constant learning rate of the copy phase.")
    steps: int = Field(1200, ge=1, description="Optimizer steps.")
    batch_tokens: int = Field(1024, ge=64, description="Padded tokens per optimizer step.")
    lr: float = Field(2e-3, gt=0, description="Peak AdamW learning rate (cosine decay to 10%).")
    warmup: int = Field(30, ge=0, description="Linear warm-up steps.")
    weight_decay: float = Field(0.1, ge=0, description="AdamW weight decay on matrices.")
    reading_share: float = Field(
        0.45, ge=0, le=1, description="Share of examples that are reading exercises."
    )
    dictation_share: float = Field(0.25, ge=0, le=1, description="Share of examples that are copy drills.")
    random_copy_share: float = Field(
        0.25, ge=0, le=1, description="Random-token sequences with repeated segments, as a share of the examples."
    )
    intent_share: float = Field(
        0.5, ge=0, le=1, description="Share of the chats that are clean intent Q->A dialogues (the rest: corpus logs)."
    )
    loss_on: str = Field(
        "all", pattern="^(all|assistant)$", description="Tokens with loss: all (pretraining) or assistant."
    )
    max_examples: int = Field(
        12000, ge=16, description="Cap on generated examples (more than the steps use)."
    )
    corpus_seed: int = Field(0, description="Seed of the corpus generator's operator and bank logs.")

    @classmethod
    def quick(cls) -> TinyConfig:
        """A seconds-long build for tests: same pipeline, toy sizes."""
        return cls(
            vocab_size=512,
            hidden_size=32,
            intermediate_size=64,
            num_layers=2,
            num_heads=2,
            num_kv_heads=2,
            steps=4,
            batch_tokens=1024,
            warmup=1,
            copy_steps=2,
            copy_batch_tokens=384,
        )


def tiny_config(overrides: list[str] | None = None, base: TinyConfig | None = None) -> TinyConfig:
    """TinyConfig with `KEY=VALUE` overrides; unknown keys name the nearest valid one."""
    from kit.config import apply_overrides, validate

    data = apply_overrides((base or TinyConfig()).model_dump(), overrides)
    return validate(TinyConfig, data, "--set")


def llama_config(cfg: TinyConfig, tokenizer):
    """The transformers LlamaConfig of a build (standard architecture, so PEFT `all-linear` applies)."""
    from transformers import LlamaConfig

    return LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=cfg.hidden_size,
        intermediate_size=cfg.intermediate_size,
        num_hidden_layers=cfg.num_layers,
        num_attention_heads=cfg.num_heads,
        num_key_value_heads=cfg.num_kv_heads,
        max_position_embeddings=cfg.max_positions,
        bos_token_id=None,
        eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"),
        pad_token_id=tokenizer.convert_tokens_to_ids("<|pad|>"),
        tie_word_embeddings=True,
        attention_bias=bool(cfg.positional_heads),
    )


def seed_positional_heads(model, offsets: list[int], strength: float) -> None:
    """Make layer-0 head h attend `offsets[h]` tokens back from the first step, whatever the tokens.

    Copying from context (what reading a retrieved passage needs) runs on induction heads, which lean
    on a previous-token head in an earlier layer. Learnt from scratch, the pair appears only after a
    long plateau (random-sequence copy: no sign of it in 400 steps; with the seeded heads the copy loss
    fell from 7.6 to 3.1 by step 400, same data, same seed). The seed is RoPE arithmetic: with a
    constant query bias q and key bias k, score(m, n) = sum_i Re(q_i conj(k_i) e^{i(m-n)theta_i});
    choosing k_i = e^{i*offset*theta_i} q_i puts the maximum at m - n = offset. All other weights keep
    their random init and everything stays trainable: the seed is a starting point, not a constraint.
    """
    import torch

    if not offsets:
        return
    attn = model.model.layers[0].self_attn
    head_dim = model.config.hidden_size // model.config.num_attention_heads
    kv_groups = model.config.num_attention_heads // model.config.num_key_value_heads
    inv_freq = model.model.rotary_emb.inv_freq.float()
    half, scale = head_dim // 2, math.sqrt(strength)
    with torch.no_grad():
        for proj in (attn.q_proj, attn.k_proj, attn.v_proj, attn.o_proj):
            if proj.bias is not None:
                proj.bias.zero_()
        for h, offset in enumerate(offsets[: model.config.num_key_value_heads]):
            q = torch.zeros(head_dim)
            q[:half] = scale
            k = torch.cat([scale * torch.cos(offset * inv_freq), scale * torch.sin(offset * inv_freq)])
            for j in range(kv_groups):  # every query head that shares the key head
                attn.q_proj.bias[(h * kv_groups + j) * head_dim : (h * kv_groups + j + 1) * head_dim] = q
            attn.k_proj.bias[h * head_dim : (h + 1) * head_dim] = k


def param_count(cfg: TinyConfig, vocab_size: int | None = None) -> int:
    """Parameters of a build's model (tied embeddings counted once), without building it."""
    v, h, f = vocab_size or cfg.vocab_size, cfg.hidden_size, cfg.intermediate_size
    head = h // cfg.num_heads
    attn = h * head * (2 * cfg.num_heads + 2 * cfg.num_kv_heads)
    if cfg.positional_heads:  # attention_bias: q, k, v and o biases
        attn += 2 * h + 2 * head * cfg.num_kv_heads
    return v * h + cfg.num_layers * (attn + 3 * h * f + 2 * h) + h


def train_tokenizer(texts: Iterable[str], vocab_size: int):
    """Byte-level BPE (no unknown tokens: ñ ¿ ¡ accents and emoji survive), digits split one by one
    (so any number copied from a passage is made of seen tokens), ChatML specials and template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Digits(individual_digits=True), pre_tokenizers.ByteLevel(add_prefix_space=False)]
    )
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=None,
        eos_token="<|im_end|>",
        pad_token="<|pad|>",
        unk_token=None,
        additional_special_tokens=["<|im_start|>", "<|endoftext|>"],
        model_max_length=2048,
    )
    fast.chat_template = CHATML
    return fast


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
    sources = [root / "models" / f"{name}.py" for name in ("tiny", "tiny_data", "tiny_train")]
    sources.append(root / "rag" / "prompt.py")
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


def copy_probe(model, seed: int = 0, batch: int = 16, length: int = 40) -> dict[str, float]:
    """Mean loss on a random token sequence and on its immediate repeat: can the model copy?

    Without an induction circuit both are about ln(vocab); a model that copies from its context
    (what reading a retrieved passage takes) has a far lower loss on the repeat.
    """
    import torch

    gen = torch.Generator().manual_seed(seed)
    first = torch.randint(16, model.config.vocab_size, (batch, length), generator=gen)
    ids = torch.cat([first, first], dim=1)
    with torch.no_grad():
        logp = torch.log_softmax(model(input_ids=ids).logits.float(), dim=-1)
    nll = -logp[:, :-1].gather(-1, ids[:, 1:, None])[..., 0]
    return {"first": round(float(nll[:, : length - 1].mean()), 3), "second": round(float(nll[:, length:].mean()), 3)}


def question_probe(model, tokenizer, seed: int = 0, n: int = 48) -> dict[str, float]:
    """Does the answer depend on the question? Mean loss of a first answer (nats per answer) after its
    own question and after a question of another intent, on fresh operator and bank Q->A dialogues.

    A model that answers what was asked has a far lower loss after its own question (the intent of
    one of ~56 is worth up to ln 56 = 4 nats); a gap near 0 means the reply is chosen without looking
    at the question, whatever the chat or the fine-tune on top teaches afterwards.
    """
    import torch

    from kit.prompts import DEFAULT_SYSTEM_PROMPT
    from kit.tiny_es.data import SOURCE_COMPANIES, intent_dialogues, load_company

    rng = random.Random(seed + 7)
    dialogues = []
    for key in SOURCE_COMPANIES:
        company = load_company(key)
        for msgs in intent_dialogues(company, DEFAULT_SYSTEM_PROMPT, rng, n // len(SOURCE_COMPANIES)):
            dialogues.append(msgs[:3])
    # the question of the dialogue half the list away: the other company's (one pair aside), so another intent
    k = len(dialogues) // 2 + 1
    others = [dialogues[(i + k) % len(dialogues)][1] for i in range(len(dialogues))]

    def answer_loss(question_sets) -> float:
        total = 0.0
        for (system, _, answer), question in question_sets:
            prompt = tokenizer.apply_chat_template([system, question], tokenize=False, add_generation_prompt=True)
            p_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
            a_ids = tokenizer(answer["content"] + "<|im_end|>", add_special_tokens=False)["input_ids"]
            ids = torch.tensor([p_ids + a_ids])
            with torch.no_grad():
                logp = torch.log_softmax(model(input_ids=ids).logits[0, :-1].float(), dim=-1)
            target = ids[0, 1:]
            total += float(-logp.gather(-1, target[:, None])[len(p_ids) - 1 :].sum())
        return total / len(question_sets)

    own = answer_loss([(d, d[1]) for d in dialogues])
    other = answer_loss(list(zip(dialogues, others, strict=True)))
    return {"own": round(own, 2), "other": round(other, 2), "gap": round(other - own, 2)}




def ensure_tiny_es(seed: int = 0, cache_dir: str | None = None, config: TinyConfig | None = None) -> Path:
    """The cached tiny-es folder, built on first use (progress bar); safe when processes race.

    A file lock makes a second process wait for the first build instead of repeating it; the build
    itself lands by an atomic rename, so a killed build never leaves a half-written model behind.
    """
    import fcntl

    from kit.console import info
    from kit.environment import cache_dir as default_cache

    cfg = config or TinyConfig()
    root = Path(cache_dir or default_cache()).expanduser()
    final = root / f"tiny-es-{version_hash(cfg, seed)}"
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
