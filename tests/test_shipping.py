"""The verdict's arm, shipped: `chat`/`ask`/`serve --extractive` answer as compare's extractive arm, `serve --shots
--context-weight` as its base+rag arm with worked examples and context-aware decoding, and the report's "Talk to
it" / "Serve it" commands run as written. Each answer is checked against the arm's row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from conftest import ROOT
from test_chat import index_dir, readable_model_dir  # noqa: F401  (fixtures)
from test_compare import ITEMS, raft_copy, small_run  # noqa: F401  (fixture)

from kit.errors import ChatkitError

BUDGET = 12  # tokens: short enough that some answers are cut to it


@pytest.fixture(scope="module")
def measured(small_run):  # noqa: F811
    """compare's extractive arm on the four items: (suite, rows by item, its report.json arm record, settings)."""
    from kit.compare.arms import load_eval, run_arms
    from kit.compare.config import Suite
    from kit.compare.cost import load_prices
    from kit.compare.run import arm_records, settings_of
    from kit.config import validate

    config = {
        "eval": str(small_run["eval"]), "model": {"name": str(small_run["model"]), "device": "cpu"},
        "index": str(small_run["index"]), "arms": ["extractive"],
        "generation": {"max_new_tokens": BUDGET, "threads": 1}, "latency": {"sample": 1, "warmup": 0},
        "rag": {"top_k": 2}, "freshness": {"enabled": False},
    }
    suite = validate(Suite, config, "test")
    (out,) = run_arms(suite, load_eval(small_run["eval"]))
    (record,) = arm_records(suite, [out], load_prices(ROOT / "eval" / "prices.yaml"), 1.0)
    return suite, {r["item"]: r for r in out.rows}, record, settings_of(suite)


def test_chat_extractive_answers_what_compares_extractive_arm_measured(small_run, measured):  # noqa: F811
    from kit.chat.backend import extractive_backend, resolve_source
    from kit.chat.session import ChatSession
    from kit.compare.cost import load_prices, price_query

    suite, rows, *_ = measured
    backend = extractive_backend(resolve_source(model=str(small_run["model"]), index=str(small_run["index"])),
                                 prices=str(ROOT / "eval" / "prices.yaml"))
    s = ChatSession(backend, max_new_tokens=BUDGET, k=suite.rag.top_k)
    assert s.rag_on and s.arms() == [("extractive", False, True)]
    prices = load_prices(ROOT / "eval" / "prices.yaml")
    for item, question, *_ in ITEMS:
        turn = s.ask(question)
        row = rows[item]
        assert (turn.answer, turn.generation.completion_tokens) == (row["answer"], row["completion_tokens"]), item
        assert turn.generation.prompt_tokens == 0 and turn.generation.stopped == "extractive"
        assert [src.id for src in turn.sources] == row["retrieved"][:1]
        # priced as compare prices the arm: no generation, the question's embedding
        query_tokens = s.gen.count_tokens(question)
        assert turn.cost == pytest.approx(price_query(prices, "api", model_key="gpt-4o-mini", generates=False,
                                                      retrieves=True, query_tokens=query_tokens))
        assert turn.cost > 0
    assert any(r["completion_tokens"] == BUDGET for r in rows.values())  # the budget was binding somewhere
    assert len(s.history) == 2 * len(ITEMS) and s.history[1]["content"] == rows["e1"]["answer"]
    assert [t.arm for t in s.compare(ITEMS[2][1])] == ["extractive"]
    with pytest.raises(ChatkitError, match="RAG stays on"):
        s.set_rag(False)
    with pytest.raises(ChatkitError, match="no system prompt"):
        s.set_system("Eres otro asistente.")
    with pytest.raises(ChatkitError, match="--shots is for a local base model"):
        ChatSession(backend, shots=1)


def test_extractive_backend_without_an_index_or_with_an_adapter_is_one_clear_error(small_run):  # noqa: F811
    from kit.chat.backend import extractive_backend, resolve_source

    with pytest.raises(ChatkitError, match="needs an index") as e:
        extractive_backend(resolve_source(model=str(small_run["model"])))
    assert e.value.hint == "add --index DIR"
    with pytest.raises(ChatkitError, match="no adapter or run folder answers"):
        extractive_backend(resolve_source(model=str(small_run["model"]), adapter=str(small_run["run"]),
                                          index=str(small_run["index"])))


def test_serve_extractive_answers_what_compares_extractive_arm_measured(small_run, measured):  # noqa: F811
    from starlette.testclient import TestClient

    from kit.chat.backend import resolve_source
    from kit.serve.app import create_app
    from kit.serve.server import ServeConfig, build_state

    suite, rows, *_ = measured
    state = build_state(resolve_source(model=str(small_run["model"]), index=str(small_run["index"])),
                        ServeConfig(extractive=True, max_tokens=BUDGET))
    assert state.batcher is None and state.model_id == "extractive"
    with TestClient(create_app(state)) as http:
        health = http.get("/health").json()
        assert health["extractive"] is True and health["index"] is True and health["system_prompt"] is None
        for item, question, *_ in ITEMS:
            body = {"model": "extractive", "messages": [{"role": "system", "content": "ignorado"},
                                                         {"role": "user", "content": question}], "k": suite.rag.top_k}
            answer = http.post("/v1/chat/completions", json=body).json()
            row = rows[item]
            assert answer["choices"][0]["message"]["content"] == row["answer"], item
            assert answer["usage"] == {"prompt_tokens": 0, "completion_tokens": row["completion_tokens"],
                                       "total_tokens": row["completion_tokens"]}
            assert [p["id"] for p in answer["chatkit"]["passages"]] == row["retrieved"][:1]
            assert answer["chatkit"]["cost"] > 0 and answer["choices"][0]["finish_reason"] == "stop"
            streamed = http.post("/v1/chat/completions", json=body | {"stream": True}).text
            events = [json.loads(line[6:]) for line in streamed.splitlines() if line.startswith("data: {")]
            text = "".join(e["choices"][0]["delta"].get("content", "") for e in events if e.get("choices"))
            assert text == row["answer"] and streamed.rstrip().endswith("data: [DONE]")
        # a stop sequence cuts the answer where it starts, as for a generating model
        question, answer = ITEMS[0][1], rows["e1"]["answer"]
        word = answer.split()[2]
        cut = http.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": question}],
                                                       "stop": [word], "k": suite.rag.top_k}).json()
        assert cut["choices"][0]["message"]["content"] == answer[: answer.find(word)].rstrip()
        # what an extractive server cannot do is a 400 in OpenAI's error shape
        off = http.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "hola"}], "rag": False})
        assert off.status_code == 400 and off.json()["error"]["param"] == "rag"
        last = http.post("/v1/chat/completions", json={"messages": [{"role": "assistant", "content": "hola"}]})
        assert last.status_code == 400 and last.json()["error"]["param"] == "messages"


def test_ask_extractive_prints_the_answer_and_bad_options_are_refused_without_a_traceback(readable_model_dir, index_dir):  # noqa: F811
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}

    def ask(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True, cwd=ROOT,
                              timeout=300, env=env)

    res = ask("ask", "¿Cuánto tardan los reembolsos?", "--extractive", "--model", str(readable_model_dir),
              "--index", str(index_dir), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["answer"] == "Los reembolsos tardan de 5 a 7 días hábiles en verse reflejados en su tarjeta."
    assert out["sources"][0]["id"] == "reembolsos#1" and out["stopped"] == "extractive" and out["prompt_tokens"] == 0
    for args, message in [
        ((), "error: --extractive answers with sentences of retrieved passages: it needs an index (add --index DIR)"),
        (("--index", str(index_dir), "--no-rag"),
         "error: an extractive answer is a sentence of a retrieved passage: RAG stays on "
         "(to chat without retrieval, start without --extractive)"),
    ]:
        res = ask("ask", "¿Aceptan OXXO?", "--extractive", "--model", str(readable_model_dir), *args)
        assert res.returncode == 1 and res.stderr.strip().splitlines()[-1] == message, res.stderr
    res = ask("ask", "hola", "--model", str(readable_model_dir), "--dtype", "float8")
    assert res.returncode == 1 and res.stderr.strip().splitlines()[-1] == (
        "error: --dtype must be one of auto, float32, bfloat16, float16 (got 'float8')")
    res = ask("ask", "hola", "--extractive", "--endpoint", "http://127.0.0.1:9/v1", "--model", "x")
    assert res.returncode != 0 and "--extractive runs no model" in res.stderr and "Traceback" not in res.stderr
    res = ask("serve", "--extractive", "--engine", "vllm", "--model", str(readable_model_dir), "--index", str(index_dir))
    assert res.returncode == 1 and res.stderr.strip().splitlines()[-1] == (
        "error: --extractive runs no model, so it needs no --engine vllm (drop one of them)")


def test_the_reports_commands_for_an_extractive_verdict_give_the_arms_answers(measured):
    """report.md's "Talk to it" / "Serve it" lines, run as they stand (chat's options through `ask`)."""
    import shlex

    import httpx
    from test_serve import free_port

    from kit.compare.ship import commands

    suite, rows, record, settings = measured
    run = commands(record, settings)
    chat, serve = shlex.split(run["chat"]), shlex.split(run["serve"])
    assert chat[:2] == ["chatkit", "chat"] and serve[:2] == ["chatkit", "serve"] and run["reason"] is None
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    item, question, *_ = ITEMS[3]
    res = subprocess.run([sys.executable, "-m", "kit", "ask", question, "--json", *chat[2:]], capture_output=True,
                         text=True, cwd=ROOT, timeout=300, env=env)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["answer"] == rows[item]["answer"]
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kit", *serve[1:], "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                assert proc.poll() is None, "the server exited"
                time.sleep(0.5)
        for item, question, *_ in ITEMS:
            body = {"messages": [{"role": "user", "content": question}]}
            answer = httpx.post(url + "/v1/chat/completions", json=body, timeout=60).json()
            assert answer["choices"][0]["message"]["content"] == rows[item]["answer"], item
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("arm, chat, serve, reason", [
    ({"name": "lora+rag", "lora": True, "rag": True, "adapter": "runs/mi run", "index": "idx"},
     "chatkit chat --model tiny-es --adapter 'runs/mi run' --index idx --k 3 --max-new-tokens 48",
     "chatkit serve --model tiny-es --adapter 'runs/mi run' --index idx --k 3 --max-tokens 48", None),
    ({"name": "lora", "lora": True, "adapter": "runs/lora"},
     "chatkit chat --model tiny-es --adapter runs/lora --max-new-tokens 48",
     "chatkit serve --model tiny-es --adapter runs/lora --max-tokens 48", None),
    ({"name": "base+rag", "rag": True, "index": "idx", "shots": ["qa:1", "qa:2"], "context_weight": 0.5},
     "chatkit chat --model tiny-es --index idx --k 3 --max-new-tokens 48 --shots 2 --context-weight 0.5",
     "chatkit serve --model tiny-es --index idx --k 3 --max-tokens 48 --shots 2 --context-weight 0.5", None),
    ({"name": "api:gpt-4o-mini+rag", "rag": True, "index": "idx", "api": "gpt-4o-mini", "endpoint": "https://x/v1"},
     "chatkit chat --endpoint https://x/v1 --model gpt-4o-mini --index idx --k 3 --max-new-tokens 48", None, "hosted"),
    ({"name": "lora", "lora": True, "adapter": "runs/lora", "system_prompt": "Eres Colibrí. Responde en una frase."},
     "chatkit chat --model tiny-es --adapter runs/lora --system 'Eres Colibrí. Responde en una frase.' --max-new-tokens 48",
     "chatkit serve --model tiny-es --adapter runs/lora --system 'Eres Colibrí. Responde en una frase.' --max-tokens 48",
     None),
    ({"name": "api:gpt-4o-mini", "api": "gpt-4o-mini", "endpoint": "https://x/v1", "system_prompt": "Sé breve."},
     "chatkit chat --endpoint https://x/v1 --model gpt-4o-mini --system 'Sé breve.' --max-new-tokens 48", None, "hosted"),
])
def test_report_commands_carry_the_arms_model_adapter_index_budget_and_decoding(arm, chat, serve, reason):
    from kit.compare.ship import commands

    settings = {"answer_budget": 48, "budget_tokenizer": "tiny-es", "top_k": 3}
    assert commands(arm, settings) == {"chat": chat, "serve": serve, "reason": reason}
    # a suite's dtype and passage budget (report.json settings) travel too; the recipe defaults need no flag
    run = commands(arm, settings | {"model_dtype": "bfloat16", "context_tokens": 320})
    if arm.get("api"):
        assert run["chat"] == chat.replace(" --k 3", " --k 3 --context-tokens 320")
    else:
        assert ("--dtype bfloat16" in run["serve"]) and ("--context-tokens 320" in run["serve"]) == bool(arm.get("rag"))
        assert ("--context-tokens 320" in run["chat"]) == bool(arm.get("rag"))
    assert commands(arm, settings | {"model_dtype": "auto"}) == commands(arm, settings)


@pytest.fixture(scope="module")
def lively_dir(tiny_model_dir, tmp_path_factory):
    """The tiny model with larger random weights, saved: its greedy answers depend on what the prompt says (the
    plain tiny model repeats one token whatever it reads, so no decoding rule could change its answer)."""
    import shutil

    import torch
    from transformers import AutoModelForCausalLM

    folder = tmp_path_factory.mktemp("lively") / "model"
    shutil.copytree(tiny_model_dir, folder)
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    torch.manual_seed(1)
    with torch.no_grad():
        for weight in model.parameters():
            if weight.dim() == 2:
                weight.normal_(0.0, 0.3)
    model.save_pretrained(folder, safe_serialization=True)
    return folder


def test_serve_with_shots_and_context_weight_answers_what_compares_base_rag_arm_measured(small_run, lively_dir):  # noqa: F811
    from concurrent.futures import ThreadPoolExecutor

    from starlette.testclient import TestClient

    from kit.chat.backend import resolve_source
    from kit.compare.arms import load_eval, run_arms
    from kit.compare.config import Suite
    from kit.config import validate
    from kit.serve.app import create_app
    from kit.serve.server import ServeConfig, build_state

    config = {
        "eval": str(small_run["eval"]), "model": {"name": str(lively_dir), "device": "cpu"},
        "index": str(small_run["index"]), "arms": ["base+rag"],
        "generation": {"max_new_tokens": 12, "batch_size": 4, "threads": 1, "shots": 1, "context_weight": 1.0},
        "latency": {"sample": 1, "warmup": 0}, "freshness": {"enabled": False}, "rag": {"context_tokens": 40},
    }
    (out,) = run_arms(validate(Suite, config, "test"), load_eval(small_run["eval"]))
    assert out.shots == ["qa:c1#1"] and out.context_weight == 1.0
    rows = {r["item"]: r for r in out.rows}
    source = resolve_source(model=str(lively_dir), index=str(small_run["index"]), context_tokens=40)  # as the suite
    answers = {}
    for weight in (1.0, 0.0):
        state = build_state(source, ServeConfig(shots=1, context_weight=weight, max_tokens=12))
        assert [s.pair_id for s in state.shots] == ["qa:c1#1"]
        with TestClient(create_app(state)) as http:
            def ask(question: str) -> str:
                body = {"messages": [{"role": "user", "content": question}]}
                return http.post("/v1/chat/completions", json=body).json()["choices"][0]["message"]["content"]

            with ThreadPoolExecutor(4) as pool:  # together: they share one generate() batch where they arrive at once
                answers[weight] = dict(zip([i for i, *_ in ITEMS], pool.map(ask, [q for _, q, *_ in ITEMS]), strict=True))
            streamed = http.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": ITEMS[0][1]}],
                                                               "stream": True}).text
            text = "".join(json.loads(line[6:])["choices"][0]["delta"].get("content", "")
                           for line in streamed.splitlines() if line.startswith("data: {") and '"choices": [{' in line)
            assert text == answers[weight]["e1"]
        state.batcher.close()
    assert answers[1.0] == {item: row["answer"] for item, row in rows.items()}
    assert answers[0.0] != answers[1.0]  # the weight reached the server's decoding
    assert all("\n" not in a for a in answers[1.0].values())  # a completion prompt's answer is one line


def test_serve_with_a_raft_run_and_context_weight_answers_what_compares_raft_rag_arm_measured(  # noqa: F811
    small_run, lively_dir, tmp_path  # noqa: F811
):
    from starlette.testclient import TestClient

    from kit.chat.backend import resolve_source
    from kit.compare.arms import load_eval, run_arms
    from kit.compare.config import Suite
    from kit.config import validate
    from kit.serve.app import create_app
    from kit.serve.server import ServeConfig, build_state

    raft = raft_copy(small_run["run"], tmp_path / "raft")
    config = {
        "eval": str(small_run["eval"]), "model": {"name": str(lively_dir), "device": "cpu"},
        "adapter": str(raft), "index": str(small_run["index"]), "arms": ["lora+rag"],
        "generation": {"max_new_tokens": 12, "batch_size": 4, "threads": 1, "context_weight": 1.0},
        "latency": {"sample": 1, "warmup": 0}, "freshness": {"enabled": False},
    }
    (out,) = run_arms(validate(Suite, config, "test"), load_eval(small_run["eval"]))
    assert out.context_weight == 1.0
    source = resolve_source(model=str(lively_dir), adapter=str(raft), index=str(small_run["index"]))
    state = build_state(source, ServeConfig(context_weight=1.0, max_tokens=12))
    with TestClient(create_app(state)) as http:
        for row in out.rows:
            body = {"messages": [{"role": "user", "content": row["question"]}]}
            answer = http.post("/v1/chat/completions", json=body).json()["choices"][0]["message"]["content"]
            assert answer == row["answer"], row["item"]
    state.batcher.close()


def test_serve_shots_or_context_weight_with_a_run_or_without_an_index_is_one_line(small_run):  # noqa: F811
    from kit.chat.backend import resolve_source
    from kit.serve.server import ServeConfig, build_state

    with pytest.raises(ChatkitError, match="--context-weight needs an index"):
        build_state(resolve_source(model=str(small_run["model"])), ServeConfig(context_weight=0.5))
    with pytest.raises(ChatkitError, match="--shots is for a base model's RAG answers"):
        build_state(resolve_source(model=str(small_run["model"]), adapter=str(small_run["run"]),
                                   index=str(small_run["index"])), ServeConfig(shots=2))


def test_a_system_prompt_other_than_the_commands_default_travels_as_system_and_serve_answers_as_compare(  # noqa: F811
    small_run, lively_dir, tmp_path, capsys  # noqa: F811
):
    import shlex
    import shutil

    import yaml
    from starlette.testclient import TestClient

    from kit.chat.backend import resolve_source
    from kit.compare.arms import load_eval, run_arms
    from kit.compare.config import Suite
    from kit.compare.cost import load_prices
    from kit.compare.run import arm_records, settings_of, warn_trained_prompts
    from kit.compare.ship import commands
    from kit.config import validate
    from kit.prompts import DEFAULT_SYSTEM_PROMPT
    from kit.serve.app import create_app
    from kit.serve.server import ServeConfig, build_state

    own = "Eres Colibrí, agente de pruebas. Contesta con una cifra."
    run = tmp_path / "run"  # a run trained under its own system prompt (its recipe's, in resolved_config.yaml)
    shutil.copytree(small_run["run"], run)
    (run / "resolved_config.yaml").write_text(yaml.safe_dump({"system_prompt": own}, allow_unicode=True), encoding="utf-8")
    config = {
        "eval": str(small_run["eval"]), "model": {"name": str(lively_dir), "device": "cpu"}, "adapter": str(run),
        "arms": ["base", "lora"], "generation": {"max_new_tokens": 12, "batch_size": 4, "threads": 1},
        "latency": {"sample": 1, "warmup": 0}, "freshness": {"enabled": False},
    }
    suite = validate(Suite, config, "test")  # the suite's system prompt: the default, not the run's
    warn_trained_prompts(suite)
    warned = " ".join(capsys.readouterr().err.split())
    assert warned.startswith("warning: arm lora: ") and "trained with another system prompt" in warned, warned
    outs = run_arms(suite, load_eval(small_run["eval"]))
    base, lora = arm_records(suite, outs, load_prices(ROOT / "eval" / "prices.yaml"), 1.0)
    assert "system_prompt" not in base  # chat/serve --model answer with the default already
    assert lora["system_prompt"] == DEFAULT_SYSTEM_PROMPT  # --adapter alone would answer with the run's own
    words = shlex.split(commands(lora, settings_of(suite))["serve"])
    assert words[words.index("--system") + 1] == DEFAULT_SYSTEM_PROMPT
    rows = {r["item"]: r["answer"] for r in outs[1].rows}
    answers = {}
    for system in (words[words.index("--system") + 1], None):  # as printed, then without --system
        source = resolve_source(model=str(lively_dir), adapter=str(run))
        assert source.system_prompt == own
        if system:
            source.system_prompt = system  # what `chatkit serve --system` does
        state = build_state(source, ServeConfig(max_tokens=12))
        with TestClient(create_app(state)) as http:
            answers[system] = {item: http.post("/v1/chat/completions", json={"messages": [
                {"role": "user", "content": question}]}).json()["choices"][0]["message"]["content"]
                for item, question, *_ in ITEMS}
        state.batcher.close()
    assert answers[DEFAULT_SYSTEM_PROMPT] == rows
    assert answers[None] != rows  # the run's own prompt would have answered otherwise
    same = validate(Suite, {**config, "system_prompt": own}, "test")
    capsys.readouterr()
    warn_trained_prompts(same)
    assert capsys.readouterr().err == ""  # the suite measures the run under its own prompt: nothing to warn
    (_, again) = arm_records(same, [outs[0], outs[1]], load_prices(ROOT / "eval" / "prices.yaml"), 1.0)
    assert "system_prompt" not in again


def test_serve_system_with_extractive_or_shots_is_refused_naming_the_flag_without_a_traceback(small_run):  # noqa: F811
    for flags in (["--extractive"], ["--shots", "1"]):
        res = subprocess.run([sys.executable, "-m", "kit", "serve", "--model", str(small_run["model"]), "--index",
                              str(small_run["index"]), "--system", "Hola", "--port", "0", *flags],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr[-2000:]
        assert "--system" in res.stderr and "drop --system" in res.stderr
