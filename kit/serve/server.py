"""Load a model for serving and run the app under uvicorn (or hand a CUDA machine over to vLLM)."""

from __future__ import annotations

import logging
import sys
from typing import Any

from kit.config import Field, Section
from kit.errors import ChatkitError
from kit.serve.vllm import served_name


class ServeConfig(Section):
    host: str = Field("127.0.0.1", description="Address to listen on (0.0.0.0 for every interface).")
    port: int = Field(8000, ge=0, le=65535, description="TCP port (0: any free port).")
    engine: str = Field("local", description="local (transformers, continuous batching) or vllm (CUDA).")
    max_batch: int = Field(16, ge=1, description="Most requests decoded together in one batch.")
    prefix_cache: bool = Field(True, description="Compute the shared start of prompts (the system turn) once.")
    max_queue: int = Field(64, ge=1, description="Requests waiting beyond the running batch; more get HTTP 429.")
    max_tokens: int = Field(256, ge=1, description="Answer length when a request gives no max_tokens.")
    served_name: str | None = Field(None, description="Model id clients send (default: the run or model folder name).")
    log_messages: bool = Field(False, description="Put message and answer text in the request log lines.")
    threads: int | None = Field(None, ge=1, description="torch CPU threads (default: torch's).")
    api_key_env: str | None = Field(None, description="Environment variable with the key clients must send (none: open).")
    shots: int = Field(0, ge=0, le=8, description="Worked examples before a base model's RAG answers (compare's "
                       "generation.shots): mined pairs from the index, plain completion prompt.")
    context_weight: float = Field(0.0, ge=0.0, le=4.0, description="Context-aware decoding of RAG answers, base or "
                                  "tuned model (compare's generation.context_weight); 0: off.")
    extractive: bool = Field(False, description="Answer as compare's extractive arm (the best sentences of the top "
                             "passage of the index); no model runs, its tokenizer counts max_tokens.")




def build_state(source: Any, cfg: ServeConfig, prices: str | None = None, pricing: str = "api",
                price_model: str | None = None) -> Any:
    """The loaded backend (adapter merged into the base, as compare's local arms run it) and its batcher
    (none for an extractive backend: it answers at once)."""
    from kit.chat.backend import extractive_backend, load_backend
    from kit.serve.app import ServeState
    from kit.serve.batcher import Batcher

    if cfg.threads:
        import torch

        torch.set_num_threads(cfg.threads)
    key = _api_key(cfg)
    if cfg.extractive:
        backend = extractive_backend(source, prices, pricing, price_model)
        return ServeState(backend, None, cfg.served_name or "extractive", cfg.max_tokens, cfg.log_messages, key)
    backend = load_backend(source, prices, pricing, price_model)
    gen = backend.generator
    if source.adapter and hasattr(gen.model, "merge_and_unload"):
        from kit.models.load import contiguous_head_input

        gen.model = gen.model.merge_and_unload()  # same weights as compare's lora arm (load_model(merge=True))
        gen.model.eval()
        contiguous_head_input(gen.model)  # a head wrapped by the adapter was replaced by the merge
    name = served_name(source, cfg.served_name)
    if cfg.shots or cfg.context_weight:  # compare's RAG-arm decoding: generate()'s path, whole answers
        from kit.serve.batcher import WholeBatcher

        shots = _rag_decoding_shots(backend, source, cfg)
        batcher = WholeBatcher(gen, context_weight=cfg.context_weight, max_batch=cfg.max_batch, max_queue=cfg.max_queue)
        return ServeState(backend, batcher, name, cfg.max_tokens, cfg.log_messages, key, shots=shots,
                          context_weight=cfg.context_weight)
    batcher = Batcher(gen, max_batch=cfg.max_batch, max_queue=cfg.max_queue, prefix_cache=cfg.prefix_cache)
    return ServeState(backend, batcher, name, cfg.max_tokens, cfg.log_messages, key)


def _rag_decoding_shots(backend: Any, source: Any, cfg: ServeConfig) -> list[Any]:
    """The worked examples for --shots (none for --context-weight alone). Both need an index; worked examples are
    for a base model (compare gives them to base+rag only: a run answers in the chat layout it was trained on)."""
    flag = "--shots" if cfg.shots else "--context-weight"
    if source.adapter and cfg.shots:
        raise ChatkitError("--shots is for a base model's RAG answers (compare's base+rag arm); a run answers in its "
                           "chat layout", "drop --shots, or serve --model without --run/--adapter")
    if backend.index is None:
        raise ChatkitError(f"{flag} needs an index: it works on the retrieved passages", "add --index DIR")
    if not cfg.shots:
        return []
    from kit.console import info
    from kit.rag.shots import pick_shots

    shots = pick_shots(backend.index.passages, cfg.shots)
    if len(shots) < cfg.shots:
        info(f"{len(shots)} of {cfg.shots} worked examples found in the index")
    return shots


def _api_key(cfg: ServeConfig) -> str | None:
    if not cfg.api_key_env:
        return None
    import os

    key = os.environ.get(cfg.api_key_env)
    if not key:
        raise ChatkitError(f"--api-key-env {cfg.api_key_env}: the variable is empty or unset",
                           f"export {cfg.api_key_env}=... before starting the server")
    return key


def serve(source: Any, cfg: ServeConfig, prices: str | None = None, pricing: str = "api",
          price_model: str | None = None) -> None:
    """Serve until interrupted."""
    if cfg.engine == "vllm" and cfg.extractive:
        raise ChatkitError("--extractive runs no model, so it needs no --engine vllm", "drop one of them")
    if cfg.engine == "vllm" and (cfg.shots or cfg.context_weight):
        raise ChatkitError("--shots and --context-weight run on the local engine only", "drop --engine vllm")
    if cfg.engine == "vllm":
        from kit.serve.vllm import serve_vllm

        raise SystemExit(serve_vllm(source, cfg))
    if cfg.engine != "local":
        raise ChatkitError(f"--engine must be local or vllm (got {cfg.engine!r})")
    import uvicorn

    from kit.console import info
    from kit.serve.app import create_app

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%S"))
    log = logging.getLogger("chatkit.serve")
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False
    if not cfg.extractive:
        info(f"loading {source.model.name}" + (f" + adapter {source.adapter}" if source.adapter else "") + " ...")
    state = build_state(source, cfg, prices, pricing, price_model)
    for note in state.backend.notes:
        info(note)
    app = create_app(state)
    config = uvicorn.Config(app, host=cfg.host, port=cfg.port, log_level="warning", access_log=False,
                            timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    _announce(server, state, cfg)
    try:
        server.run()
    finally:
        if state.batcher is not None:
            state.batcher.close()


def _announce(server: Any, state: Any, cfg: ServeConfig) -> None:
    """Print the URL once the socket is bound (with --port 0 the kernel picks the port)."""
    from kit.console import info

    startup = server.startup

    async def announced(sockets: Any = None) -> None:
        await startup(sockets=sockets)
        port = cfg.port
        for s in getattr(server, "servers", []):
            for sock in getattr(s, "sockets", []):
                port = sock.getsockname()[1]
        rag = "RAG on (server-side retrieval)" if state.backend.index is not None else "no index"
        if state.backend.extractive:
            rag = "extractive: the best sentences of the top passage, no model"
        elif state.shots or state.context_weight:
            rag += f"; {len(state.shots)} worked examples, context weight {state.context_weight:g}, whole answers"
        info(f"serving {state.model_id} at http://{cfg.host}:{port}/v1 ({rag}); web chat at http://{cfg.host}:{port}/")

    server.startup = announced
