"""`chatkit serve` (registered on import; heavy imports stay inside the command)."""

from __future__ import annotations

from typing import Annotated

import typer

from kit.cli import app
from kit.cli.chat import (
    Adapter,
    ContextTokens,
    ContextWeight,
    Device,
    Dtype,
    Index,
    K,
    Model,
    PriceModel,
    Prices,
    Pricing,
    RecipeOpt,
    Run,
    Shots,
    System,
)


@app.command()
def serve(
    run: Run = None,
    model: Model = None,
    adapter: Adapter = None,
    index: Index = None,
    recipe: RecipeOpt = None,
    device: Device = None,
    dtype: Dtype = None,
    context_tokens: ContextTokens = None,
    system: System = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port (0: any free port).")] = 8000,
    engine: Annotated[str, typer.Option("--engine", help="local (transformers, continuous batching) or vllm (CUDA).")] = "local",
    max_batch: Annotated[int, typer.Option("--max-batch", min=1, help="Most requests decoded together.")] = 16,
    prefix_cache: Annotated[bool, typer.Option("--prefix-cache/--no-prefix-cache", help="Compute the prompts' shared start (the system turn) once.")] = True,
    max_queue: Annotated[int, typer.Option("--max-queue", min=1, help="Waiting requests before HTTP 429.")] = 64,
    max_tokens: Annotated[int, typer.Option("--max-tokens", min=1, help="Answer length when a request gives none.")] = 256,
    served_name: Annotated[str | None, typer.Option("--served-name", help="Model id clients send (default: the run folder's name).")] = None,
    log_messages: Annotated[bool, typer.Option("--log-messages", help="Log message and answer text (off: figures only).")] = False,
    k: K = None,
    shots: Shots = 0,
    context_weight: ContextWeight = 0.0,
    extractive: Annotated[bool, typer.Option("--extractive", help="Answer as compare's extractive arm: the best "
                          "sentences of the top passage of --index, no model run (--model's tokenizer counts "
                          "--max-tokens).")] = False,
    api_key_env: Annotated[str | None, typer.Option("--api-key-env", help="Variable holding the key clients must send (default: no key).")] = None,
    threads: Annotated[int | None, typer.Option("--threads", min=1, help="torch CPU threads.")] = None,
    prices: Prices = None,
    pricing: Pricing = "api",
    price_model: PriceModel = None,
) -> None:
    """Serve a model over an OpenAI-compatible HTTP API (/v1/chat/completions), with a web chat at /."""
    from kit.chat.backend import resolve_source
    from kit.errors import ChatkitError
    from kit.serve.server import ServeConfig
    from kit.serve.server import serve as run_server

    cfg = ServeConfig(host=host, port=port, engine=engine, max_batch=max_batch, max_queue=max_queue, prefix_cache=prefix_cache,
                      max_tokens=max_tokens, served_name=served_name, log_messages=log_messages, threads=threads,
                      api_key_env=api_key_env, extractive=extractive,
                      shots=shots, context_weight=context_weight)
    source = resolve_source(model=model, adapter=adapter, index=index, run=run, recipe=recipe, device=device,
                            dtype=dtype, context_tokens=context_tokens)
    if k is not None:
        source.rag.top_k = k  # passages per question when a request sends no k
    if system:
        if extractive or shots:
            raise ChatkitError(f"--system: {'--extractive' if extractive else '--shots'} answers have no system turn",
                               "drop --system")
        source.system_prompt = system  # for requests that send no system message
    run_server(source, cfg, prices, pricing, price_model)
