"""Generation through any OpenAI-compatible endpoint (OpenAI itself, `chatkit serve`, vLLM, ...).

The `openai` client does the HTTP work: retries with exponential backoff on connection errors, 408/409/429
and 5xx (max_retries), timeouts. Answers are always streamed so the time to first token is measured where
the user would feel it; token counts come from the response's `usage` (stream_options.include_usage), and
only when an endpoint sends none are they counted locally with tiktoken (then meta["usage"] = "estimated").
The interface matches LocalGenerator (generate / stream / encode / count_tokens / tokenizer / max_context),
so compare's arms and the chat session take either.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from kit.config import Field, Section
from kit.errors import ChatkitError
from kit.generate.local import Generation, Messages

# Tokens a chat message adds beyond its content in OpenAI's format (role and separators), and the answer
# primer; used only to fit prompts and when an endpoint reports no usage.
PER_MESSAGE = 4
PRIMER = 3


class EndpointConfig(Section):
    base_url: str = Field("https://api.openai.com/v1", description="OpenAI-compatible endpoint, ending in /v1.")
    api_key_env: str = Field("OPENAI_API_KEY", description="Environment variable holding the API key.")
    timeout_s: float = Field(60.0, gt=0, description="Seconds before one request is abandoned (then retried).")
    max_retries: int = Field(3, ge=0, description="Retries with exponential backoff (connection, 429, 5xx).")
    concurrency: int = Field(8, ge=1, description="Requests in flight at once.")
    max_context: int = Field(128_000, ge=16, description="The model's context window, in tokens.")
    extra_body: dict[str, Any] = Field(
        default_factory=dict, description="Extra JSON fields sent with every request, e.g. {rag: false} to a chatkit server."
    )


class _TiktokenAsTokenizer:
    """The slice of a transformers tokenizer the chat session uses (call, decode), backed by tiktoken."""

    def __init__(self, encoding: Any):
        self.encoding = encoding
        self.chat_template = None

    def __call__(self, text: str, add_special_tokens: bool = False) -> dict[str, list[int]]:
        return {"input_ids": self.encoding.encode(text, disallowed_special=())}

    def decode(self, ids: Sequence[int], skip_special_tokens: bool = True) -> str:
        return self.encoding.decode(list(ids))


def endpoint_error(e: BaseException, who: str, base_url: str) -> ChatkitError:
    """One line naming who called (an arm, the chat) and the endpoint, for an openai exception."""
    import openai

    if isinstance(e, openai.AuthenticationError):
        return ChatkitError(
            f"{who}: {base_url} rejected the API key (401)", "check the key in the environment variable it names"
        )
    if isinstance(e, openai.PermissionDeniedError):
        return ChatkitError(f"{who}: {base_url} refused access (403)", "check the key's permissions")
    if isinstance(e, openai.NotFoundError):
        return ChatkitError(f"{who}: {base_url} does not know this model or path (404)", "check the model name")
    if isinstance(e, openai.APITimeoutError):
        return ChatkitError(f"{who}: {base_url} did not answer in time", "raise timeout_s or check the server")
    if isinstance(e, openai.APIConnectionError):
        return ChatkitError(f"{who}: cannot reach {base_url}", "check the URL and that the server is running")
    if isinstance(e, openai.APIStatusError):
        return ChatkitError(f"{who}: {base_url} answered HTTP {e.status_code}", _short(e))
    return ChatkitError(f"{who}: {base_url} failed ({type(e).__name__})")


def _short(e: Any) -> str:
    body = getattr(e, "body", None)
    message = body.get("message") if isinstance(body, dict) else None
    return " ".join(str(message or e).split())[:200]


class ApiGenerator:
    """Answers chat messages through an OpenAI-compatible endpoint (greedy: temperature 0)."""

    def __init__(self, model: str, endpoint: EndpointConfig | None = None, who: str = "endpoint"):
        import openai

        from kit.generate.encodings import encoding_for

        self.endpoint = endpoint or EndpointConfig()
        self.model_name = model
        self.who = who
        key = os.environ.get(self.endpoint.api_key_env) or "none"  # local servers take any key
        self.client = openai.OpenAI(
            base_url=self.endpoint.base_url, api_key=key, timeout=self.endpoint.timeout_s,
            max_retries=self.endpoint.max_retries,
        )
        self.tokenizer = _TiktokenAsTokenizer(encoding_for(model))
        self.max_context = self.endpoint.max_context
        self.model = None  # no local weights (ChatBackend.base_model checks for an adapter switch)

    # -- token counting (the LocalGenerator interface) ----------------------------------------------

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text)["input_ids"])

    def encode(self, messages: Messages) -> list[int]:
        """An estimate of the prompt's tokens (content + per-message overhead) for fitting the context."""
        ids: list[int] = []
        for m in messages:
            ids.extend([0] * PER_MESSAGE)
            ids.extend(self.tokenizer(m["content"])["input_ids"])
        return ids + [0] * PRIMER

    # -- calls ---------------------------------------------------------------------------------------

    def check(self) -> None:
        """Fail early, one line, when the endpoint is unreachable or refuses the key (GET /models)."""
        try:
            self.client.with_options(max_retries=0).models.list()
        except Exception as e:
            raise endpoint_error(e, self.who, self.endpoint.base_url) from None

    def stream(
        self,
        messages: Messages,
        max_new_tokens: int = 256,
        cancel: threading.Event | None = None,
        temperature: float = 0.0,
        extra_body: dict[str, Any] | None = None,
    ) -> Iterator[str | Generation]:
        """Yield text pieces as they arrive, then the Generation (usage from the endpoint, TTFT measured)."""
        start = time.perf_counter()
        first: float | None = None
        pieces: list[str] = []
        usage, finish, extra = None, None, {}
        try:
            response = self.client.chat.completions.create(
                model=self.model_name, messages=list(messages), max_tokens=max_new_tokens,
                temperature=temperature, stream=True, stream_options={"include_usage": True},
                extra_body={**self.endpoint.extra_body, **(extra_body or {})} or None,
            )
            with response:
                for chunk in response:
                    if cancel is not None and cancel.is_set():
                        finish = "cancelled"
                        break
                    if chunk.usage is not None:
                        usage = chunk.usage
                    extra.update(getattr(chunk, "model_extra", None) or {})
                    for choice in chunk.choices or []:
                        text = choice.delta.content if choice.delta else None
                        if text:
                            if first is None:
                                first = time.perf_counter()
                            pieces.append(text)
                            yield text
                        finish = choice.finish_reason or finish
        except ChatkitError:
            raise
        except Exception as e:
            raise endpoint_error(e, self.who, self.endpoint.base_url) from None
        end = time.perf_counter()
        text = "".join(pieces).strip()
        meta: dict[str, Any] = {"endpoint": self.endpoint.base_url, "model": self.model_name, **extra}
        if usage is not None:
            prompt_tokens, completion_tokens = int(usage.prompt_tokens), int(usage.completion_tokens)
            meta["usage"] = "endpoint"
        else:
            prompt_tokens, completion_tokens = len(self.encode(messages)), self.count_tokens(text)
            meta["usage"] = "estimated"
        stopped = {"stop": "eos", "length": "length", "cancelled": "cancelled"}.get(finish or "stop", "eos")
        yield Generation(text, prompt_tokens, completion_tokens, (first or end) - start, end - start, stopped, meta)

    def complete(self, messages: Messages, max_new_tokens: int = 256, **kw: Any) -> Generation:
        """One answer (the last item of stream())."""
        out = None
        for item in self.stream(messages, max_new_tokens, **kw):
            out = item
        assert isinstance(out, Generation)
        return out

    def generate(
        self, conversations: Sequence[Messages], max_new_tokens: int = 128, batch_size: int = 8, greedy: bool = True
    ) -> list[Generation]:
        """Answer each conversation, `endpoint.concurrency` requests in flight (batch_size is the server's)."""
        temperature = 0.0 if greedy else 1.0
        with ThreadPoolExecutor(max_workers=self.endpoint.concurrency) as pool:
            futures = [pool.submit(self.complete, m, max_new_tokens, temperature=temperature) for m in conversations]
            return [f.result() for f in futures]
