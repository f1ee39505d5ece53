"""Shared test setup: offline hub, GPU tier skipped without CUDA, tiny models built from a config."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# CI replays the same property-test examples every run (a landing must not depend on luck); a local run
# draws new ones, which is how the edge cases in tests/test_pii.py were found. HYPOTHESIS_PROFILE=ci forces it.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") or os.environ.get("HYPOTHESIS_PROFILE") == "ci":
    _hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT.parent / "shared" / "realdata"

# The tiny test models use the same ChatML template (with generation markers) as the tiny-es base.
from kit.tiny_es.arch import CHATML  # noqa: E402

SPANISH = [
    "Hola, ¿cuánto tarda el envío a Monterrey? Quiero saber si llega antes del viernes.",
    "Su pedido llega en 3 a 5 días hábiles. El envío es gratis en compras mayores a $999 MXN.",
    "¿Puedo devolver un producto? Tiene 30 días naturales para devolverlo sin costo.",
    "Mi celular no tiene cobertura en la sierra, ¿qué hago? Reinicie el móvil y revise la red.",
    "La tarjeta fue bloqueada por seguridad; llame a la línea 800 555 0199, atendemos 24 horas.",
    "¡Gracias! Que tenga un excelente día. Quedo atento a cualquier duda, saludos.",
]


def pytest_collection_modifyitems(config, items):
    try:
        import torch

        has_cuda = torch.cuda.is_available()
    except ImportError:
        has_cuda = False
    if has_cuda:
        return
    skip = pytest.mark.skip(reason="needs a CUDA GPU")
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(skip)


def build_tiny_tokenizer(folder: Path, vocab_size: int = 512):
    """A byte-level BPE trained on a few Spanish lines, with a ChatML template; saved to `folder`."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|pad|>"]
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(SPANISH * 4, trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=None,
        eos_token="<|im_end|>",
        pad_token="<|pad|>",
        unk_token=None,
        additional_special_tokens=["<|im_start|>", "<|endoftext|>"],
    )
    fast.chat_template = CHATML
    fast.save_pretrained(folder)
    return fast


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A random tiny Llama + tokenizer saved as a standard HF folder (safetensors), loadable by path."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    folder = tmp_path_factory.mktemp("tiny-llama")
    tok = build_tiny_tokenizer(folder)
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(tok),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=512,
        bos_token_id=None,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        tie_word_embeddings=True,
    )
    LlamaForCausalLM(config).save_pretrained(folder, safe_serialization=True)
    return folder


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def chatkit(capsys):
    """Run the real CLI entry point in this process, from the project root (same parsing, errors and
    exit codes as the console script)."""
    from kit.cli import main

    def run(*args: str) -> Result:
        capsys.readouterr()
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            main(list(args))
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        finally:
            os.chdir(cwd)
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return run
