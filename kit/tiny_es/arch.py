"""tiny-es's shape: its config, the Llama config it becomes, the tokenizer and the ChatML template.

Two layer-0 heads start as previous-token heads (seed_positional_heads: RoPE arithmetic on their q/k biases)
so the induction circuit that copying from a passage needs can form in minutes; see kit/tiny_es/build.py.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from kit.config import Field, Section

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
