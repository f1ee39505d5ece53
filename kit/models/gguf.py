"""GGUF -> a plain transformers safetensors folder (dequantised), for the named offline models.

transformers reads a GGUF through `from_pretrained(folder, gguf_file=...)` (it needs the `gguf` package):
the tensors are dequantised to float32 and the tokenizer is rebuilt from the file's vocabulary. The model
then still carries the GGUF "quantisation" marker, which save_pretrained refuses; the weights are already
plain tensors, so the marker is dropped and the model saved as safetensors like any other.
"""

from __future__ import annotations

from pathlib import Path

from kit.errors import ChatkitError

# Turn-end tokens generation must stop at, besides the tokenizer's eos (a base model's GGUF names only <eos>).
TURN_END = ("<end_of_turn>", "<|im_end|>")


def gguf_architecture(path: Path) -> str:
    """general.architecture of a GGUF file, read from its header with the gguf package."""
    from gguf import GGUFReader

    field = GGUFReader(str(path)).fields.get("general.architecture")
    if field is None:
        raise ChatkitError(f"{path.name}: no general.architecture in the GGUF header")
    return bytes(field.parts[field.data[0]]).decode()


def check_supported(path: Path) -> str:
    """The GGUF's architecture if this transformers can load it, else a one-line error."""
    from transformers.modeling_gguf_pytorch_utils import GGUF_SUPPORTED_ARCHITECTURES

    arch = gguf_architecture(path)
    # transformers keys some architectures by family (gemma3 -> "gemma3", qwen2moe -> "qwen2_moe")
    if arch not in GGUF_SUPPORTED_ARCHITECTURES and arch.replace("moe", "_moe") not in GGUF_SUPPORTED_ARCHITECTURES:
        raise ChatkitError(
            f"{path.name}: GGUF architecture '{arch}' cannot be loaded by this transformers",
            "supported: " + ", ".join(sorted(GGUF_SUPPORTED_ARCHITECTURES)),
        )
    return arch


def convert_gguf(path: Path, out: Path, chat_template: str | None = None, dtype: str = "bfloat16") -> None:
    """Load the GGUF at `path` with transformers and save model + tokenizer into `out` (safetensors).

    Args:
        chat_template: replaces the tokenizer's template (Gemma's GGUF has none); None keeps the model's own.
        dtype: the saved dtype; bf16 halves the folder (the 4-bit source holds far less precision than bf16).
    """
    try:
        import gguf  # noqa: F401
    except ImportError:
        raise ChatkitError("converting a GGUF needs the gguf package", "pip install gguf") from None
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    arch = check_supported(path)
    try:
        tok = AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
        model = AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name, dtype=torch.float32)
    except (OSError, ValueError, KeyError) as e:
        raise ChatkitError(f"{path.name} ({arch}): transformers cannot load it: {str(e).splitlines()[0][:200]}") from None
    model.hf_quantizer = None  # weights are dequantised already; the marker only blocks save_pretrained
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    if chat_template is not None:
        tok.chat_template = chat_template
    vocab = tok.get_vocab()
    stops = [tok.eos_token_id] + [vocab[t] for t in TURN_END if t in vocab and vocab[t] != tok.eos_token_id]
    model.generation_config.eos_token_id = stops if len(stops) > 1 else stops[0]
    if tok.pad_token_id is not None:
        model.generation_config.pad_token_id = tok.pad_token_id
    model.to(getattr(torch, dtype))
    model.save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)
