"""`chatkit chat` and `chatkit ask` (registered on import; heavy imports stay inside the commands)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kit.cli import app

Model = Annotated[
    str | None, typer.Option("--model", "-m", help="Base model: hub id, local folder or tiny-es.")
]
Adapter = Annotated[str | None, typer.Option("--adapter", help="A `chatkit train` run folder: its LoRA adapter.")]
Index = Annotated[str | None, typer.Option("--index", help="Index folder from `chatkit index` (turns RAG on).")]
Run = Annotated[
    str | None,
    typer.Option("--run", help="A `chatkit train` run folder: base model, adapter, system prompt and index."),
]
RecipeOpt = Annotated[
    str | None, typer.Option("--recipe", help="Recipe YAML for the system prompt, model and rag settings.")
]
Device = Annotated[str | None, typer.Option("--device", help="auto, cpu or cuda.")]
Dtype = Annotated[str | None, typer.Option(
    "--dtype", help="Weights dtype: auto, float32, bfloat16 or float16 (default: the recipe's model.dtype).")]
ContextTokens = Annotated[int | None, typer.Option(
    "--context-tokens", min=16, help="Most prompt tokens the passages may take (default: the recipe's rag.context_tokens).")]
MaxNew = Annotated[int, typer.Option("--max-new-tokens", min=1, help="Longest answer, in tokens.")]
Rag = Annotated[
    bool | None, typer.Option("--rag/--no-rag", help="Retrieval on or off (default: on when an index is loaded).")
]
K = Annotated[int | None, typer.Option("--k", min=1, help="Passages per question (default: the recipe's rag.top_k).")]
System = Annotated[str | None, typer.Option("--system", help="System prompt (default: the run's recipe's, else chatkit's); "
                                            "serve: for requests that send none.")]
Shots = Annotated[int, typer.Option("--shots", min=0, max=8, help="Worked examples before a base model's RAG answers "
                                    "(compare's generation.shots): mined pairs from the index, plain completion prompt.")]
ContextWeight = Annotated[float, typer.Option(
    "--context-weight", min=0.0, max=4.0, help="Context-aware decoding of RAG answers, base or tuned model (compare's "
    "generation.context_weight): the passages' evidence weighs more than what the model believed; 0: off.")]
Extractive = Annotated[bool, typer.Option(
    "--extractive", help="Answer as compare's extractive arm: the best-matching sentences of the top passage of "
    "--index, no model run (--model names the tokenizer that counts --max-new-tokens).")]
Prices = Annotated[
    str | None, typer.Option("--prices", help="Price table for the cost estimate (default: eval/prices.yaml).")
]
Pricing = Annotated[
    str,
    typer.Option(
        "--pricing", help="Cost view, as in compare: api (an API model's token prices) or self_hosted (hourly)."
    ),
]
PriceModel = Annotated[
    str | None, typer.Option("--price-model", help="API model in the price table (default: gpt-4o-mini).")
]


Endpoint = Annotated[
    str | None,
    typer.Option("--endpoint", help="OpenAI-compatible base URL (…/v1): answer through it with --model NAME."),
]


def _session(opts: dict):
    from kit.chat.backend import endpoint_backend, extractive_backend, load_backend, resolve_source
    from kit.chat.session import ChatSession
    from kit.console import info

    if opts["extractive"] and opts["endpoint"]:
        raise typer.BadParameter("--extractive runs no model, so it answers through no --endpoint: drop one of them")
    if opts.get("endpoint"):
        if not opts["model"] or opts["adapter"] or opts["run"] or opts["dtype"]:
            raise typer.BadParameter("--endpoint takes --model NAME (the endpoint's model id), not --run/--adapter/--dtype")
        backend = endpoint_backend(opts["endpoint"], opts["model"], opts["index"], opts["recipe"], opts["prices"],
                                   opts["price_model"])
        if opts["system"]:
            backend.system_prompt = opts["system"]
        if opts["context_tokens"]:
            backend.rag.context_tokens = opts["context_tokens"]
        return ChatSession(backend, max_new_tokens=opts["max_new_tokens"], rag=opts["rag"], k=opts["k"],
                           shots=opts["shots"], context_weight=opts["context_weight"])
    source = resolve_source(
        model=opts["model"], adapter=opts["adapter"], index=opts["index"], run=opts["run"],
        recipe=opts["recipe"], device=opts["device"], dtype=opts["dtype"], context_tokens=opts["context_tokens"],
    )
    if opts["extractive"]:
        backend = extractive_backend(source, opts["prices"], opts["pricing"], opts["price_model"])
    else:
        info(f"loading {source.model.name}" + (f" + adapter {source.adapter}" if source.adapter else "") + " ...")
        backend = load_backend(source, opts["prices"], opts["pricing"], opts["price_model"])
    if opts["system"]:
        backend.system_prompt = opts["system"]
    return ChatSession(backend, max_new_tokens=opts["max_new_tokens"], rag=opts["rag"], k=opts["k"],
                       shots=opts["shots"], context_weight=opts["context_weight"])


@app.command()
def chat(
    model: Model = None,
    adapter: Adapter = None,
    index: Index = None,
    run: Run = None,
    recipe: RecipeOpt = None,
    device: Device = None,
    dtype: Dtype = None,
    context_tokens: ContextTokens = None,
    max_new_tokens: MaxNew = 256,
    rag: Rag = None,
    k: K = None,
    system: System = None,
    shots: Shots = 0,
    context_weight: ContextWeight = 0.0,
    extractive: Extractive = False,
    prices: Prices = None,
    pricing: Pricing = "api",
    price_model: PriceModel = None,
    endpoint: Endpoint = None,
) -> None:
    """Talk to a model in the terminal: streamed answers, history, /rag, /sources, /compare, /save (see /help)."""
    opts = dict(locals())  # the options, as typed
    from kit.chat.terminal import Terminal, make_reader, prepare_streams
    from kit.console import out

    glyphs = prepare_streams()
    session = _session(opts)
    Terminal(session, out, glyphs, make_reader(glyphs)).run()


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help='The question, e.g. "¿Cuánto tarda un reembolso?"; - reads stdin.')],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")] = False,
    model: Model = None,
    adapter: Adapter = None,
    index: Index = None,
    run: Run = None,
    recipe: RecipeOpt = None,
    device: Device = None,
    dtype: Dtype = None,
    context_tokens: ContextTokens = None,
    max_new_tokens: MaxNew = 256,
    rag: Rag = None,
    k: K = None,
    system: System = None,
    shots: Shots = 0,
    context_weight: ContextWeight = 0.0,
    extractive: Extractive = False,
    prices: Prices = None,
    pricing: Pricing = "api",
    price_model: PriceModel = None,
    endpoint: Endpoint = None,
) -> None:
    """Answer one question (for scripts): the answer on stdout, timings and cost on stderr."""
    opts = dict(locals())  # the options, as typed
    from kit.chat.terminal import ask_once, prepare_streams
    from kit.console import err
    from kit.errors import ChatkitError

    glyphs = prepare_streams()
    if question == "-":
        question = sys.stdin.read()
    if not question.strip():
        raise ChatkitError("empty question", 'pass one: chatkit ask "¿Cuánto tarda un reembolso?"')
    session = _session(opts)
    ask_once(session, question, as_json, glyphs, err)
