"""`chatkit serve` started on a free loopback port: the openai client and raw HTTP, streaming, greedy answers equal
to LocalGenerator's, a bounded load test, bad requests, compare's api arms against it, chat --endpoint, and
the web chat in headless Chromium. Tiny random model + five-passage index, as tests/test_chat.py builds them."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_chat import PASSAGES, make_index, make_readable_model, make_run_folder

KEY_ENV, KEY = "CHATKIT_TEST_SERVE_KEY", "clave-de-prueba"
SYSTEM = "Eres el asistente de MercaColibrí. Responde en español."
QUESTIONS = ["¿Cuánto tarda el envío a Monterrey?", "¿Puedo devolver un producto?", "¿Aceptan OXXO?",
             "¿Cómo cambio mi contraseña?", "¿Cuánto tardan los reembolsos?", "Hola, ¿qué tal?"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tiny_model_dir, tmp_path_factory):
    """A `chatkit serve` subprocess with a run (adapter) and an index; yields (base_url, name, pid, log, run)."""
    import httpx

    root = tmp_path_factory.mktemp("serve")
    model = make_readable_model(tiny_model_dir, root / "model")
    run = make_run_folder(model, root / "run", SYSTEM)
    index = make_index(root / "index")
    port = free_port()
    log = root / "server.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), KEY_ENV: KEY, "HF_HUB_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "kit", "serve", "--run", str(run), "--index", str(index), "--port", str(port),
           "--max-batch", "16", "--max-queue", "256", "--max-tokens", "16", "--api-key-env", KEY_ENV,
           "--served-name", "tienda", "--threads", "1"]
    with log.open("w") as f:
        proc = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise AssertionError("server did not start within 180 s")
    yield {"url": base, "name": "tienda", "pid": proc.pid, "log": log, "run": run, "index": index, "model": model}
    proc.terminate()
    proc.wait(timeout=30)


def post(served, body, stream=False, key=KEY, raw: bytes | None = None):
    import httpx

    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    data = raw if raw is not None else json.dumps(body).encode()
    return httpx.post(served["url"] + "/v1/chat/completions", content=data, headers=headers, timeout=60)


def client(served):
    import openai

    return openai.OpenAI(base_url=served["url"] + "/v1", api_key=KEY, max_retries=0)


def user(q):
    return [{"role": "user", "content": q}]


def test_openai_client_and_raw_http_get_the_same_answer_with_passages(served):
    answer = client(served).chat.completions.create(model="tienda", messages=user(QUESTIONS[0]), max_tokens=12)
    text = answer.choices[0].message.content
    assert isinstance(text, str) and text.strip()
    assert answer.usage.prompt_tokens > 0 and 1 <= answer.usage.completion_tokens <= 12
    raw = post(served, {"model": "tienda", "messages": user(QUESTIONS[0]), "max_tokens": 12})
    assert raw.status_code == 200
    body = raw.json()
    assert body["choices"][0]["message"]["content"] == text
    ids = [p["id"] for p in body["chatkit"]["passages"]]
    assert ids and set(ids) <= {pid for pid, _ in PASSAGES} and body["chatkit"]["rag"] is True
    models = client(served).models.list()
    assert [m.id for m in models.data] == ["tienda"]


def test_streamed_answer_equals_non_streamed(served):
    c = client(served)
    for q in QUESTIONS[:3]:
        for rag in (True, False):
            whole = c.chat.completions.create(model="tienda", messages=user(q), max_tokens=16, extra_body={"rag": rag})
            pieces, finish, usage = [], None, None
            stream = c.chat.completions.create(model="tienda", messages=user(q), max_tokens=16, stream=True,
                                               stream_options={"include_usage": True}, extra_body={"rag": rag})
            for chunk in stream:
                usage = chunk.usage or usage
                for choice in chunk.choices:
                    pieces.append(choice.delta.content or "")
                    finish = choice.finish_reason or finish
            assert "".join(pieces) == whole.choices[0].message.content
            assert finish == whole.choices[0].finish_reason
            assert (usage.prompt_tokens, usage.completion_tokens) == (whole.usage.prompt_tokens,
                                                                      whole.usage.completion_tokens)


@pytest.fixture(scope="module")
def local_generator(served):
    from kit.generate.local import LocalGenerator
    from kit.models.config import ModelConfig
    from kit.models.load import load_model

    model, tok = load_model(ModelConfig(name=str(served["model"]), device="cpu"), adapter=str(served["run"]), merge=True)
    return LocalGenerator(model, tok)


def test_greedy_answers_equal_local_generator(served, local_generator):
    from kit.prompts import build_messages

    c = client(served)
    for q in QUESTIONS:
        messages = build_messages(SYSTEM, q)
        expected = local_generator.generate([messages], max_new_tokens=16, batch_size=1)[0]
        got = c.chat.completions.create(model="tienda", messages=messages, max_tokens=16, extra_body={"rag": False})
        assert got.choices[0].message.content == expected.text
        assert (got.usage.prompt_tokens, got.usage.completion_tokens) == (expected.prompt_tokens,
                                                                          expected.completion_tokens)


def test_api_arm_against_the_server_reproduces_the_local_lora_arm(served, chatkit, tmp_path, monkeypatch):
    eval_file = tmp_path / "eval.jsonl"
    eval_file.write_text("".join(json.dumps({"id": f"q{i}", "question": q, "reference": "Respuesta.",
                                             "required_facts": []}, ensure_ascii=False) + "\n"
                                 for i, q in enumerate(QUESTIONS[:4])), encoding="utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    out = tmp_path / "cmp"
    suite = {
        "eval": str(eval_file), "model": {"name": str(served["model"]), "device": "cpu"}, "adapter": str(served["run"]),
        "system_prompt": SYSTEM, "arms": ["lora", {"name": "api:tienda", "api": "tienda", "price_model": "gpt-4o-mini"}],
        "api": {"base_url": served["url"] + "/v1", "concurrency": 1, "extra_body": {"rag": False}},
        "generation": {"batch_size": 1, "max_new_tokens": 16, "warmup": 0},
        "metrics": {"cosine": False}, "freshness": {"enabled": False}, "report": {"out": str(out)},
        "stats": {"baseline": "lora"},
    }
    (tmp_path / "suite.yaml").write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    r = chatkit("compare", str(tmp_path / "suite.yaml"))
    assert r.returncode == 0, r.stderr
    rows = json.loads((out / "report.json").read_text(encoding="utf-8"))["rows"]
    by = {(row["arm"], row["item"]): row for row in rows}
    for i in range(4):
        local, api = by[("lora", f"q{i}")], by[("api:tienda", f"q{i}")]
        assert api["answer"] == local["answer"]
        assert (api["prompt_tokens"], api["completion_tokens"]) == (local["prompt_tokens"], local["completion_tokens"])


def test_bounded_load_leaves_no_error_no_lost_request_and_flat_memory(served):
    import httpx
    import psutil

    proc = psutil.Process(served["pid"])

    async def burst(n: int, concurrency: int) -> list[tuple[int, str]]:
        sem = asyncio.Semaphore(concurrency)
        headers = {"Authorization": f"Bearer {KEY}"}
        async with httpx.AsyncClient(base_url=served["url"], headers=headers, timeout=120) as http:
            async def one(i: int) -> tuple[int, str]:
                async with sem:
                    body = {"messages": user(QUESTIONS[i % len(QUESTIONS)] + f" #{i}"), "max_tokens": 8,
                            "stream": i % 2 == 0}
                    r = await http.post("/v1/chat/completions", json=body)
                    return r.status_code, r.text
            return await asyncio.gather(*(one(i) for i in range(n)))

    before_served = httpx.get(served["url"] + "/health").json()["served"]
    asyncio.run(asyncio.wait_for(burst(48, 16), timeout=300))  # warm-up: allocator and caches reach steady state
    rss_before = proc.memory_info().rss
    results = asyncio.run(asyncio.wait_for(burst(200, 16), timeout=600))
    rss_after = proc.memory_info().rss
    assert [code for code, _ in results] == [200] * 200
    ids = set()
    for _, text in results:
        assert '"error"' not in text
        if text.startswith("data: "):  # streamed: every chunk of one answer carries its id, ending in [DONE]
            assert text.rstrip().endswith("data: [DONE]")
            ids.add(json.loads(text.split("\n", 1)[0][len("data: "):])["id"])
        else:
            ids.add(json.loads(text)["id"])
    assert len(ids) == 200  # every request got its own answer
    health = httpx.get(served["url"] + "/health").json()
    assert health["served"] - before_served == 248 and health["waiting"] == 0 and health["running"] == 0
    assert rss_after - rss_before < 40 * 2**20, f"RSS grew {(rss_after - rss_before) / 2**20:.1f} MB"


@pytest.mark.parametrize(
    "raw, status, param",
    [
        (b"{not json", 400, None),
        (json.dumps({"model": "tienda"}).encode(), 400, "messages"),
        (json.dumps({"messages": [{"role": "robot", "content": "hola"}]}).encode(), 400, "messages.0.role"),
        (json.dumps({"messages": user("hola"), "max_tokens": 0}).encode(), 400, "max_tokens"),
        (json.dumps({"messages": user("hola"), "max_tokens": -5}).encode(), 400, "max_tokens"),
        (json.dumps({"messages": user("envío " * 3000), "rag": False}).encode(), 400, "messages"),
        (json.dumps({"model": "gpt-4o", "messages": user("hola")}).encode(), 404, "model"),
    ],
    ids=["malformed-json", "missing-messages", "unknown-role", "max-tokens-0", "max-tokens-negative",
         "oversized-prompt", "unknown-model"],
)
def test_bad_request_gets_openai_error_shape_and_server_keeps_serving(served, raw, status, param):
    r = post(served, None, raw=raw)
    assert r.status_code == status
    err = r.json()["error"]
    assert set(err) == {"message", "type", "param", "code"} and err["message"]
    assert err["param"] == param
    assert post(served, {"messages": user("hola"), "max_tokens": 4}).status_code == 200


def test_bad_key_gets_401_and_client_disconnect_mid_stream_is_cleaned_up(served):
    import httpx

    assert post(served, {"messages": user("hola")}, key="otra").status_code == 401
    body = {"messages": user(QUESTIONS[1]), "max_tokens": 200, "stream": True, "rag": False}
    headers = {"Authorization": f"Bearer {KEY}"}
    with httpx.stream("POST", served["url"] + "/v1/chat/completions", json=body, headers=headers, timeout=60) as r:
        lines = r.iter_lines()
        assert next(lines).startswith("data: ")
    deadline = time.time() + 30
    while "chat 499" not in served["log"].read_text() and time.time() < deadline:
        time.sleep(0.2)
    assert "chat 499" in served["log"].read_text()  # the request was seen as abandoned (its row cancelled)
    assert post(served, {"messages": user("hola"), "max_tokens": 4}).status_code == 200


def test_request_log_has_figures_but_no_message_text(served):
    post(served, {"messages": user("¿Dónde está mi pedido 12345?"), "max_tokens": 4})
    text = served["log"].read_text()
    assert "completion_tokens=" in text and "latency_ms=" in text
    assert "12345" not in text and "pedido" not in text


def test_compare_api_arm_unreachable_endpoint_or_bad_key_is_one_line_and_no_report(served, chatkit, tmp_path,
                                                                                 monkeypatch):
    eval_file = tmp_path / "eval.jsonl"
    eval_file.write_text(json.dumps({"id": "q1", "question": "hola", "reference": "hola"}) + "\n", encoding="utf-8")
    dead = f"http://127.0.0.1:{free_port()}/v1"
    cases = [(dead, KEY, "cannot reach " + dead), (served["url"] + "/v1", "mala", "rejected the API key")]
    for url, key, says in cases:
        monkeypatch.setenv("OPENAI_API_KEY", key)
        out = tmp_path / f"cmp-{key}"
        r = chatkit("compare", "--arms", "api:gpt-4o-mini", "--eval", str(eval_file), "--out", str(out),
                    "--no-freshness", "--set", f"api.base_url={url}", "--set", "api.max_retries=0")
        assert r.returncode == 1
        lines = [line for line in r.stderr.splitlines() if line.startswith("error:")]
        assert len(lines) == 1 and "arm 'api:gpt-4o-mini'" in lines[0] and says in lines[0], r.stderr
        assert not (out / "report.json").exists()


def test_chat_endpoint_answers_like_the_server(served, chatkit, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    r = chatkit("ask", QUESTIONS[2], "--json", "--endpoint", served["url"] + "/v1", "--model", "tienda",
                "--max-new-tokens", "12", "--no-rag", "--system", SYSTEM)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    messages = [{"role": "system", "content": SYSTEM}, *user(QUESTIONS[2])]
    want = post(served, {"messages": messages, "max_tokens": 12}).json()  # the server retrieves, as for the chat
    assert got["answer"] == want["choices"][0]["message"]["content"]


def test_vllm_engine_without_cuda_is_one_line(chatkit, tiny_model_dir):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA: the gpu test covers vLLM")
    r = chatkit("serve", "--model", str(tiny_model_dir), "--engine", "vllm")
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 1 and len(lines) == 1
    assert lines[0].startswith("error: --engine vllm needs a CUDA GPU and this machine has none")


@pytest.mark.gpu
def test_vllm_engine_serves_the_adapter(served, tmp_path):
    import httpx

    pytest.importorskip("vllm")
    port = free_port()
    cmd = [sys.executable, "-m", "kit", "serve", "--run", str(served["run"]), "--engine", "vllm", "--port", str(port),
           "--served-name", "tienda"]
    proc = subprocess.Popen(cmd, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    try:
        deadline = time.time() + 600
        while time.time() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(2)
        import openai

        c = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="x")
        answer = c.chat.completions.create(model="tienda", messages=user("hola"), max_tokens=8, temperature=0)
        assert answer.usage.completion_tokens >= 1
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def test_web_chat_streams_an_answer_with_sources_in_headless_chromium(served, tmp_path):
    import base64

    from cdp import Chromium

    browser = Chromium(tmp_path / "profile")
    try:
        browser.call("Page.navigate", url=served["url"] + "/#key=" + KEY)
        browser.wait_for("document.getElementById('model').textContent.startsWith('modelo: tienda')")
        assert browser.eval("document.getElementById('rag').checked") is True
        browser.eval("document.getElementById('question').focus()")
        browser.call("Input.insertText", text=QUESTIONS[4])  # typed into the box, as a user would
        browser.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", windowsVirtualKeyCode=13)
        stats = browser.wait_for("(document.querySelector('.assistant .stats') || {}).textContent")
        answer = browser.eval("document.querySelector('.assistant .body').textContent")
        sources = browser.eval("[...document.querySelectorAll('.assistant details.sources code')].map(c => c.textContent)")
        browser.eval("document.querySelector('.assistant details.sources').open = true")  # passages in the picture
        png = base64.b64decode(browser.call("Page.captureScreenshot", format="png")["data"])
        (tmp_path / "webchat.png").write_bytes(png)
        if os.environ.get("CHATKIT_SCREENSHOT"):  # to look at it: CHATKIT_SCREENSHOT=/tmp/webchat.png pytest ...
            Path(os.environ["CHATKIT_SCREENSHOT"]).write_bytes(png)
        errors = browser.errors()
    finally:
        browser.close()
    assert "latencia" in stats and "tokens" in stats and "costo" in stats and "error" not in stats
    want = post(served, {"messages": user(QUESTIONS[4]), "max_tokens": 16}).json()
    assert answer == want["choices"][0]["message"]["content"] and answer.strip()
    assert sources == [f"[{p['id']}] " for p in want["chatkit"]["passages"]] and sources
    assert errors == []
    web_line = [line for line in served["log"].read_text().splitlines() if "stream=1" in line]
    assert web_line  # the page's request was a streamed one


def test_stop_sequence_cuts_the_answer_streamed_and_not(served):
    c = client(served)
    messages = [{"role": "system", "content": SYSTEM}, *user(QUESTIONS[0])]
    full = c.chat.completions.create(model="tienda", messages=messages, max_tokens=16).choices[0].message.content
    assert len(full) > 6
    stop = full[3:5]
    cut = c.chat.completions.create(model="tienda", messages=messages, max_tokens=16, stop=[stop])
    assert cut.choices[0].message.content == full[: full.find(stop)].strip()
    assert cut.choices[0].finish_reason == "stop"
    streamed = c.chat.completions.create(model="tienda", messages=messages, max_tokens=16, stop=[stop], stream=True)
    assert "".join(ch.choices[0].delta.content or "" for ch in streamed if ch.choices) == cut.choices[0].message.content
    sampled = c.chat.completions.create(model="tienda", messages=messages, max_tokens=8, temperature=0.8)
    assert 1 <= sampled.usage.completion_tokens <= 8


def test_full_queue_answers_429_and_a_closed_server_503(served):
    from fastapi.testclient import TestClient

    from kit.chat.backend import load_backend, resolve_source
    from kit.serve.app import ServeState, create_app
    from kit.serve.batcher import Batcher, Job

    class Paused(Batcher):  # admits requests but never runs them
        def _loop(self) -> None:
            return

    backend = load_backend(resolve_source(model=str(served["model"])))
    batcher = Paused(backend.generator, max_batch=1, max_queue=1)
    batcher.waiting.append(Job([1, 2], 4, lambda kind, payload: None))
    http = TestClient(create_app(ServeState(backend, batcher, "m")))
    r = http.post("/v1/chat/completions", json={"messages": user("hola"), "max_tokens": 4})
    assert r.status_code == 429 and r.headers["retry-after"] == "1"
    assert r.json()["error"]["type"] == "rate_limit_error" and r.json()["error"]["code"] == "queue_full"
    batcher.close()
    r = http.post("/v1/chat/completions", json={"messages": user("hola"), "max_tokens": 4})
    assert r.status_code == 503 and r.json()["error"]["code"] == "unavailable"
    assert http.get("/nope").json()["error"]["message"].startswith("GET /nope")


def test_serve_and_export_help(chatkit):
    for args in (("serve", "--help"), ("export", "openai", "--help")):
        r = chatkit(*args)
        assert r.returncode == 0 and "Usage" in r.stdout


def test_llm_judge_goes_through_the_openai_client_and_fails_in_one_line(served, monkeypatch):
    from kit.compare.config import JudgeConfig
    from kit.compare.judge import judge_one
    from kit.errors import ChatkitError

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    cfg = JudgeConfig(enabled=True, base_url=served["url"] + "/v1", model="tienda")
    # The judge prompt plus the server's passages overflow the tiny model's 512 tokens: the server's own
    # error comes back through the client as one line naming the judge.
    with pytest.raises(ChatkitError, match=r"metrics.judge: .* answered HTTP 400 \(the prompt has \d+ tokens"):
        judge_one(cfg, "¿Aceptan OXXO?", "Sí, aceptamos OXXO.", "Sí.")
    dead = JudgeConfig(enabled=True, base_url=f"http://127.0.0.1:{free_port()}/v1", model="tienda", timeout_s=5)
    with pytest.raises(ChatkitError, match="metrics.judge: cannot reach"):
        judge_one(dead, "q", "r", "a")
