"""Load a base model and its tokenizer by hub id, local folder, 'tiny-es' or a named offline model.

Safetensors only, `trust_remote_code` off unless the recipe says so, dtype and device chosen for the
machine (bf16 on a capable GPU, fp32 on CPU), optional 4-bit (QLoRA) on CUDA. Heavy imports stay inside
the functions so `chatkit --help` is instant.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import ChatkitError
from kit.models.config import ModelConfig

if TYPE_CHECKING:
    import torch

_TRUE = ("1", "true", "yes", "on")


def hub_offline() -> bool:
    """True when the Hugging Face hub must not be contacted (HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE)."""
    return any(os.environ.get(v, "").lower() in _TRUE for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def _looks_like_path(name: str) -> bool:
    if name.startswith((".", "/", "~")) or "\\" in name or name.endswith("/") or name.count("/") > 1:
        return True
    # "out/tiny" where out/ exists here is a local path with a typo, not the hub repo "out/tiny"
    return "/" in name and Path(name.split("/", 1)[0]).is_dir()


def resolve_model(name: str, revision: str | None = None) -> str:
    """Where to load `name` from: 'tiny-es' (built on first use), a named offline model (gemma-3-270m,
    smollm2-135m-instruct: `chatkit models install NAME`), a local folder, or a hub id.

    Raises:
        ChatkitError: a missing local folder, a folder without config.json, or a hub id that is
            not cached while offline (models cannot be downloaded here).
    """
    if name == "tiny-es":
        try:
            from kit.tiny_es.build import ensure_tiny_es
        except ImportError:
            raise ChatkitError(
                "model 'tiny-es' is not available in this install (kit.tiny_es.build is missing)",
                "pass a local model folder: --set model.name=PATH",
            ) from None
        return str(ensure_tiny_es())
    from kit.models.offline import MODELS, resolve_named

    if name in MODELS and not Path(name).exists():
        return str(resolve_named(name))  # a named offline model: its prepared cache folder
    path = Path(name).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ChatkitError(
                f"model folder {name} has no config.json",
                "pass a folder written by save_pretrained (config + safetensors)",
            )
        return str(path)
    if path.exists():
        raise ChatkitError(f"model {name} is a file, expected a model folder or a hub id")
    if _looks_like_path(name):
        raise ChatkitError(
            f"model folder not found: {name}", "check the path in model.name (or --set model.name=PATH)"
        )
    if hub_offline():
        try:
            from huggingface_hub import snapshot_download

            return snapshot_download(name, revision=revision, local_files_only=True)
        except Exception:
            raise ChatkitError(
                f"model '{name}' is not a local folder and not in the Hugging Face cache; "
                "models cannot be downloaded here (offline)",
                "download it on a connected machine and pass its folder: --set model.name=/path/to/model",
            ) from None
    return name


def pick_device(requested: str) -> str:
    """'cuda' or 'cpu' for the recipe's model.device; asking for CUDA without one is an error."""
    import torch

    has_cuda = torch.cuda.is_available()
    if requested == "cuda" and not has_cuda:
        raise ChatkitError(
            "model.device is 'cuda' but this machine has no CUDA GPU",
            "use --device cpu (or auto, the default)",
        )
    if requested == "auto":
        return "cuda" if has_cuda else "cpu"
    return requested


def pick_dtype(cfg: ModelConfig, device: str) -> torch.dtype:
    """bf16 on a GPU that supports it, fp16 on an older GPU, fp32 on CPU (unless the recipe says otherwise)."""
    import torch

    if cfg.dtype != "auto":
        return getattr(torch, cfg.dtype)
    if device == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return torch.float32


def load_tokenizer(cfg: ModelConfig, source: str | None = None) -> Any:
    """The tokenizer of the recipe's model (or of `source`, e.g. a run folder), with model.chat_template applied."""
    from transformers import AutoTokenizer

    path = source or resolve_model(cfg.name, cfg.revision)
    try:
        tok = AutoTokenizer.from_pretrained(
            path, revision=None if source else cfg.revision, trust_remote_code=cfg.trust_remote_code
        )
    except (OSError, ValueError) as e:
        raise ChatkitError(f"cannot load the tokenizer of {cfg.name}: {_first_line(e)}") from None
    if cfg.chat_template:
        template = Path(cfg.chat_template)
        if not template.is_file():
            raise ChatkitError(f"model.chat_template: file not found: {template}", "pass a Jinja file")
        tok.chat_template = template.read_text(encoding="utf-8")
    return tok


# The files a tokenizer is read from (whichever a folder has); a memo's key is their bytes.
_TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
                    "chat_template.jinja", "chat_template.json", "tokenizer.model", "spiece.model", "vocab.json",
                    "vocab.txt", "merges.txt", "config.json")


class TokenizerMemo:
    """One loaded tokenizer per distinct tokenizer, for a run that loads several models which share one (compare:
    the base, a LoRA run and a RAFT run, then each again after the policy update). Gemma's 262,144-token
    tokenizer takes about 3 s to load; the run folders carry byte-identical copies of the base's.

    Two loads share a tokenizer when their folders hold the same bytes in every tokenizer file
    (_TOKENIZER_FILES) and the same model.chat_template, revision and trust_remote_code. The callers must not
    change a tokenizer they get (LocalGenerator only gives one without a pad token its eos, the same every time);
    training, which picks its own pad token, loads its own.
    """

    def __init__(self) -> None:
        self._loaded: dict[tuple[Any, ...], Any] = {}

    def get(self, cfg: ModelConfig, source: str | None = None) -> Any:
        path = source or resolve_model(cfg.name, cfg.revision)
        key = (_tokenizer_digest(path), None if source else cfg.revision, cfg.trust_remote_code,
               Path(cfg.chat_template).read_bytes() if cfg.chat_template and Path(cfg.chat_template).is_file() else None)
        if key not in self._loaded:
            self._loaded[key] = load_tokenizer(cfg, source)
        return self._loaded[key]


def _tokenizer_digest(path: str) -> str:
    """sha256 over a folder's tokenizer files (names and bytes); a hub id is its own key."""
    import hashlib

    folder = Path(path)
    if not folder.is_dir():
        return f"hub:{path}"
    digest = hashlib.sha256()
    for name in _TOKENIZER_FILES:
        if (folder / name).is_file():
            digest.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    return digest.hexdigest()


def quantization_config(cfg: ModelConfig, device: str) -> Any:
    """BitsAndBytesConfig for QLoRA (NF4, double quant, bf16 compute) or None; CUDA + bitsandbytes required."""
    if not cfg.load_in_4bit:
        return None
    if device != "cuda":
        raise ChatkitError(
            "model.load_in_4bit (QLoRA) needs a CUDA GPU and this run is on CPU",
            "use a LoRA recipe here, or --set model.load_in_4bit=false",
        )
    try:
        import bitsandbytes  # noqa: F401
    except ImportError:
        raise ChatkitError("model.load_in_4bit needs bitsandbytes", "pip install bitsandbytes") from None
    import torch
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(
        load_in_4bit=True,
        bnb_4bit_quant_type="nf4",
        bnb_4bit_use_double_quant=True,
        bnb_4bit_compute_dtype=torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16,
    )


def load_model(
    cfg: ModelConfig, adapter: str | None = None, for_training: bool = False, merge: bool = False,
    tokenizers: TokenizerMemo | None = None,
) -> tuple[Any, Any]:
    """Load (model, tokenizer); with `adapter`, a run folder's trained weights on top (any method, see
    kit/models/weights.py; a full fine-tuning run is loaded from its own folder).

    With `merge` (inference) the adapter is folded into the base weights, as a deployment would serve it:
    the same outputs, without the adapter's extra matrix products at every layer (a 4-bit base is left
    unmerged: merging into quantized weights would round them).

    For training the model stays where the Trainer wants it (it moves it itself); otherwise it is put
    on the chosen device in eval mode. `tokenizers`: a memo that hands out a tokenizer already loaded with the
    same files (inference only).

    Raises:
        ChatkitError: unknown model, CUDA asked for on CPU, 4-bit without CUDA, no safetensors weights,
            or an adapter folder without adapter_model.safetensors.
    """
    from transformers import AutoModelForCausalLM

    from kit.models.weights import attach, mergeable, require_weights

    device = pick_device(cfg.device)
    kind = require_weights(adapter) if adapter else None
    full = kind == "full"  # a full fine-tuning run is a model folder of its own
    path = str(adapter) if full else resolve_model(cfg.name, cfg.revision)
    quant = quantization_config(cfg, device)
    kwargs: dict[str, Any] = {
        "dtype": pick_dtype(cfg, device),
        "use_safetensors": True,
        "trust_remote_code": cfg.trust_remote_code,
        "revision": None if full else cfg.revision,
    }
    if cfg.attn_implementation:
        kwargs["attn_implementation"] = cfg.attn_implementation
    if quant is not None:
        kwargs["quantization_config"] = quant
        kwargs["device_map"] = {"": int(os.environ.get("LOCAL_RANK", "0"))}
    try:
        model = AutoModelForCausalLM.from_pretrained(path, **kwargs)
    except (OSError, ValueError) as e:
        raise ChatkitError(
            f"cannot load model {cfg.name}: {_first_line(e)}",
            "chatkit loads safetensors weights only (save_pretrained(..., safe_serialization=True))",
        ) from None
    tokenizer_of = tokenizers.get if tokenizers is not None and not for_training else load_tokenizer
    if adapter and _has_tokenizer(adapter):
        tokenizer = tokenizer_of(cfg, source=adapter)
    else:  # a run folder without one: the base's
        tokenizer = tokenizer_of(cfg, source=resolve_model(cfg.name, cfg.revision) if full else path)
    if adapter and not full:
        model = attach(model, adapter, trainable=for_training)
        if merge and not for_training and quant is None and mergeable(model):
            model = model.merge_and_unload()
    if not for_training:
        if quant is None:
            model.to(device)
        model.eval()
        contiguous_head_input(model)
    else:
        model.config.use_cache = False  # the KV cache is useless (and wasteful) while training
    return model, tokenizer


def contiguous_head_input(model: Any) -> None:
    """Hand the LM head a contiguous input (a forward pre-hook; in place).

    After a prefill, generation keeps only the last position's hidden state (`logits_to_keep=1`), a strided
    view of the whole prompt's. torch 2.13's CPU linear takes a slow path for a strided 3-D input: measured
    on a 262,144 x 640 head with 16 rows, 12.4 s in bf16 against 0.036 s for the same rows contiguous (fp32:
    0.50 s against 0.14 s), once per batch. Gemma's merged LoRA runs answered 3-4x slower than the base
    because of it (`python -m eval.bench head` measures the head both ways). Copying 16 x 640 values is free.
    """
    head = model.get_output_embeddings() if hasattr(model, "get_output_embeddings") else None
    if head is None or getattr(head, "_chatkit_contiguous", False):
        return

    def contiguous(module: Any, args: tuple) -> tuple:
        return (args[0].contiguous(), *args[1:]) if args and hasattr(args[0], "contiguous") else args

    head.register_forward_pre_hook(contiguous)
    head._chatkit_contiguous = True


def _has_tokenizer(folder: str) -> bool:
    return (Path(folder) / "tokenizer_config.json").is_file()


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0][:300] if text else type(e).__name__
