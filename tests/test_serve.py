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
    from kit.rag.prompt import build_messages

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


class Chromium:
    """Headless Chromium driven over the DevTools protocol (websockets), recording console errors."""

    def __init__(self, profile):
        import shutil

        import httpx
        from websockets.sync.client import connect

        exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if exe is None:
            pytest.skip("no Chromium on this machine (apt-get install chromium)")
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-port=0",
             f"--user-data-dir={profile}", "--window-size=1100,800", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.time() + 60
        while not port_file.is_file() or not port_file.read_text().strip():
            assert time.time() < deadline, "Chromium did not start"
            time.sleep(0.2)
        port = port_file.read_text().split()[0]
        pages = [t for t in httpx.get(f"http://127.0.0.1:{port}/json/list").json() if t["type"] == "page"]
        self.ws = connect(pages[0]["webSocketDebuggerUrl"], max_size=None)
        self.next_id, self.events = 0, []
        for domain in ("Runtime", "Log", "Page"):
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv(timeout=60))
            if msg.get("id") == self.next_id:
                assert "error" not in msg, msg
                return msg.get("result", {})
            self.events.append(msg)

    def eval(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def wait_for(self, expression, timeout=90):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.eval(expression)
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {expression}")

    def errors(self):
        out = []
        for e in self.events:
            p = e.get("params", {})
            if e.get("method") == "Runtime.exceptionThrown":
                out.append(p["exceptionDetails"].get("text"))
            elif e.get("method") == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append(str(p.get("args")))
            elif e.get("method") == "Log.entryAdded" and p["entry"].get("level") == "error":
                out.append(p["entry"].get("text"))
        return out

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=30)


def test_web_chat_streams_an_answer_with_sources_in_headless_chromium(served, tmp_path):
    import base64

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


def write_messages(path: Path, rows: list) -> None:
    path.write_text("".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def good(i: int) -> dict:
    return {"id": f"c{i}", "meta": {"x": 1}, "messages": [
        {"role": "system", "content": SYSTEM}, {"role": "user", "content": f"¿Dónde está mi pedido {i}?"},
        {"role": "assistant", "content": "Su pedido llega en 3 a 5 días hábiles. ¡Gracias!"}]}


def test_export_openai_validates_counts_tokens_and_prices(chatkit, tmp_path):
    from kit.generate.encodings import encoding_for

    data = tmp_path / "data"
    data.mkdir()
    bad = [
        '{"messages": [}\n',
        {"messages": [{"role": "robot", "content": "hola"}, {"role": "assistant", "content": "hola"}]},
        {"messages": [{"role": "user", "content": "hola"}, {"role": "assistant", "content": "  "}]},
        {"messages": [{"role": "user", "content": "hola"}]},
        {"messages": [{"role": "user", "content": "envío " * 400}, {"role": "assistant", "content": "ok"}]},
    ]
    write_messages(data / "train.jsonl", [good(i) for i in range(12)] + bad)
    write_messages(data / "val.jsonl", [good(i) for i in range(3)])
    out = tmp_path / "openai"
    r = chatkit("export", "openai", str(data), "--out", str(out), "--max-tokens", "300", "--epochs", "2", "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    reasons = {p["where"]: p["reason"] for p in report["problems"]}
    assert set(reasons) == {f"train.jsonl:{n}" for n in range(13, 18)}
    assert "not valid JSON" in reasons["train.jsonl:13"] and "unknown role" in reasons["train.jsonl:14"]
    assert "empty turn" in reasons["train.jsonl:15"] and "no assistant" in reasons["train.jsonl:16"]
    assert "over the model's 300" in reasons["train.jsonl:17"]
    lines = (out / "train.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12 and all(set(json.loads(line)) == {"messages"} for line in lines)
    assert "días hábiles" in lines[0]  # UTF-8 kept as written
    enc = encoding_for("gpt-4o-mini")
    per = 3 + sum(3 + len(enc.encode(m["role"])) + len(enc.encode(m["content"])) for m in good(0)["messages"])
    tokens = sum(3 + sum(3 + len(enc.encode(m["role"])) + len(enc.encode(m["content"])) for m in good(i)["messages"])
                 for i in range(12))
    assert per > 20 and report["files"]["train"]["tokens"] == tokens
    assert report["training_cost"] == pytest.approx(tokens * 2 * 3.00 / 1e6)  # gpt-4o-mini: 3.00 per 1M, 2 epochs
    assert report["files"]["validation"]["examples"] == 3

    write_messages(data / "train.jsonl", [good(i) for i in range(9)])
    r = chatkit("export", "openai", str(data), "--out", str(tmp_path / "few"))
    assert r.returncode == 1 and "9 valid examples; OpenAI needs at least 10" in r.stderr


def test_serve_and_export_help(chatkit):
    for args in (("serve", "--help"), ("export", "openai", "--help")):
        r = chatkit(*args)
        assert r.returncode == 0 and "Usage" in r.stdout


def test_api_arms_parse_and_price_with_their_own_and_fine_tuned_prices():
    from kit.compare.api_arms import is_fine_tuned, price_api_row, price_key
    from kit.compare.config import Suite
    from kit.compare.cost import load_prices

    suite = Suite(arms=["api:gpt-4o-mini+rag", "api:ft:gpt-4o-mini-2024-07-18:acme::x1", "api:gpt-4.1-nano"])
    rag, ft, nano = suite.arms
    assert (rag.api, rag.rag, price_key(rag), is_fine_tuned(rag)) == ("gpt-4o-mini", True, "gpt-4o-mini", False)
    assert (ft.api, price_key(ft), is_fine_tuned(ft)) == ("ft:gpt-4o-mini-2024-07-18:acme::x1", "gpt-4o-mini", True)
    prices = load_prices(ROOT / "eval/prices.yaml")
    for arm, (price_in, price_out) in [(rag, (0.15, 0.60)), (ft, (0.30, 1.20)), (nano, (0.10, 0.40))]:
        row = {"prompt_tokens": 1000, "completion_tokens": 100}
        price_api_row(suite, arm, row, prices, rate=19.0)
        assert row["cost_api"] == row["cost_self"] == pytest.approx(19.0 * (1000 * price_in + 100 * price_out) / 1e6)
    with pytest.raises(Exception, match="api arm"):
        Suite(arms=[{"name": "x", "api": "gpt-4o-mini", "lora": True}])


def test_self_hosted_seconds_come_from_the_serve_bench_when_it_measured_the_suite_model(tmp_path):
    from kit.compare.config import Suite
    from kit.compare.throughput import served_seconds

    bench = tmp_path / "serve.json"
    levels = [{"concurrency": 1, "answers_per_s": 2.0}, {"concurrency": 16, "answers_per_s": 8.0}]
    bench.write_text(json.dumps({"model_name": "tiny-es", "device": "cpu", "levels": levels}), encoding="utf-8")
    suite = Suite(model={"name": "tiny-es"}, cost={"serve_bench": str(bench)})
    seconds, basis = served_seconds(suite, "cpu")
    assert seconds == pytest.approx(1 / 8.0) and "concurrency 16" in basis
    assert served_seconds(suite.model_copy(update={"cost": suite.cost.model_copy(update={"serve_concurrency": 1})}),
                          "cpu")[0] == pytest.approx(0.5)
    assert served_seconds(suite, "cuda:0") is None  # measured on another kind of device
    assert served_seconds(Suite(model={"name": "otro"}, cost={"serve_bench": str(bench)}), "cpu") is None
    assert served_seconds(Suite(model={"name": "tiny-es"}, cost={"serve_bench": str(tmp_path / "no.json")}),
                          "cpu") is None


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
