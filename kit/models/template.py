"""Chat-template pre-flight: exactly which tokens the loss trains, checked before the first step.

The famous failure of fine-tuning kits is a template that trains the wrong tokens, or never trains the
assistant's end-of-turn token so the model never stops. `ChatEncoder` turns a conversation into
(input_ids, labels) with assistant-only loss for any template:

1. the template has `{% generation %}` markers: use them (transformers' assistant mask);
2. a known family without markers (ChatML/Qwen, Llama 3, Gemma, ...): TRL's patched training copy;
3. anything else: derive the mask from rendered prefixes: the assistant turn i is the text between
   render(messages[:i], add_generation_prompt=True) and render(messages[:i+1]), trailing whitespace off.

`ChatEncoder.verify` then checks the result independently of how it was made: every assistant token
and its end-of-turn token trained, nothing else, and that end-of-turn token is one generation stops at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kit.errors import ChatkitError

IGNORE = -100  # label of a masked token (PyTorch cross-entropy ignore_index)
PAD_CANDIDATES = ("<|finetune_right_pad_id|>", "<|pad|>", "<pad>", "[PAD]", "<|endoftext|>")


@dataclass
class Encoded:
    """One rendered conversation: token ids, labels (IGNORE = masked) and char offsets into `text`."""

    input_ids: list[int]
    labels: list[int]
    offsets: list[tuple[int, int]]
    text: str

    @property
    def trained(self) -> int:
        return sum(label != IGNORE for label in self.labels)


@dataclass
class PreflightReport:
    """What the pre-flight found; `problems` non-empty means training must not start."""

    strategy: str
    examples: int
    max_length: int
    truncated: int = 0
    empty_after_truncation: int = 0
    system_tokens: int = 0
    eos: str = ""
    pad: str | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sample: Encoded | None = None

    @property
    def truncated_share(self) -> float:
        return self.truncated / self.examples if self.examples else 0.0


def _plain(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"role": str(m["role"]), "content": str(m["content"])} for m in messages]


def has_generation_markers(template: str) -> bool:
    """True when the Jinja template marks assistant output with {% generation %}."""
    from trl.chat_template_utils import has_generation_markers as trl_has_markers

    return trl_has_markers(template)


class ChatEncoder:
    """Conversations -> (input_ids, labels) with assistant-only loss, whatever the chat template.

    Args:
        tokenizer: a fast tokenizer with a chat template.
        stop_ids: token ids generation stops at (eos, generation_config.eos_token_id); None = tokenizer eos.
        assistant_only: False trains every token (plain LM loss).
    """

    def __init__(self, tokenizer: Any, stop_ids: set[int] | None = None, assistant_only: bool = True):
        template = tokenizer.chat_template
        if isinstance(template, dict):
            template = template.get("default")
        if not template:
            raise ChatkitError(
                "the tokenizer has no chat template",
                "set model.chat_template to a Jinja file (e.g. a ChatML template)",
            )
        if not getattr(tokenizer, "is_fast", False):
            raise ChatkitError("chatkit needs a fast tokenizer (tokenizer.json) to locate assistant tokens")
        self.tok = tokenizer
        self.template: str = template
        self.assistant_only = assistant_only
        self.fold_system = False
        self.stop_ids = set(stop_ids or ()) | (
            {tokenizer.eos_token_id} if tokenizer.eos_token_id is not None else set()
        )
        self.special_ids = set(tokenizer.all_special_ids) | set(tokenizer.get_added_vocab().values())
        if has_generation_markers(template):
            self.strategy = "generation markers (the tokenizer's template)"
        else:
            patched = _trl_training_template(tokenizer)
            if patched:
                self.template = patched
                self.strategy = "generation markers (TRL's training copy of this known template)"
            else:
                self.strategy = "rendered prefixes (template has no generation markers)"

    # rendering -----------------------------------------------------------------------------------
    def messages(self, messages: list[dict[str, Any]]) -> list[dict[str, str]]:
        """The messages as rendered: the system turn folded into the first user turn if the template has none."""
        msgs = _plain(messages)
        if self.fold_system and msgs and msgs[0]["role"] == "system" and len(msgs) > 1:
            system, first = msgs[0], msgs[1]
            msgs = [
                {"role": first["role"], "content": f"{system['content']}\n\n{first['content']}"},
                *msgs[2:],
            ]
        return msgs

    def render(self, msgs: list[dict[str, str]], add_generation_prompt: bool = False) -> str:
        from jinja2 import TemplateError

        try:
            return self.tok.apply_chat_template(
                msgs, chat_template=self.template, tokenize=False, add_generation_prompt=add_generation_prompt
            )
        except TemplateError as e:
            if not self.fold_system and msgs and msgs[0]["role"] == "system" and "system" in str(e).lower():
                self.fold_system = True  # e.g. Gemma: "System role not supported"
                return self.render(self.messages(msgs), add_generation_prompt)
            raise ChatkitError(f"the chat template cannot render this conversation: {e}") from None

    # encoding ------------------------------------------------------------------------------------
    def encode(self, messages: list[dict[str, Any]]) -> Encoded:
        """Render and tokenize one conversation; labels keep assistant tokens + end-of-turn only."""
        text = self.render(self.messages(messages))
        msgs = self.messages(messages)  # after render: fold_system may have just switched on
        enc = self.tok(text, add_special_tokens=False, return_offsets_mapping=True)
        ids, offsets = list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]
        if not self.assistant_only:
            mask = [1] * len(ids)
        elif self.strategy.startswith("generation markers"):
            out = self.tok.apply_chat_template(
                msgs,
                chat_template=self.template,
                tokenize=True,
                return_dict=True,
                return_assistant_tokens_mask=True,
            )
            if list(out["input_ids"]) != ids:
                raise ChatkitError("the chat template tokenizes differently through apply_chat_template")
            mask = self._trim(ids, list(out["assistant_masks"]))
        else:
            mask = self._prefix_mask(msgs, text, ids, offsets)
        labels = [t if m else IGNORE for t, m in zip(ids, mask, strict=True)]
        return Encoded(ids, labels, offsets, text)

    def _prefix_mask(self, msgs: list[dict[str, str]], text: str, ids: list[int], offsets: list) -> list[int]:
        mask = [0] * len(ids)
        for i, m in enumerate(msgs):
            if m["role"] != "assistant":
                continue
            before = self.render(msgs[:i], add_generation_prompt=True)
            upto = self.render(msgs[: i + 1])
            if not (text.startswith(before) and text.startswith(upto) and len(upto) > len(before)):
                raise ChatkitError(
                    "the chat template renders earlier turns differently when more turns follow and has no "
                    "{% generation %} markers, so the assistant tokens cannot be located",
                    "give model.chat_template a template with {% generation %}...{% endgeneration %} around each "
                    "assistant turn, end-of-turn token included",
                )
            for k, (s, e) in enumerate(offsets):
                if len(before) <= s < len(upto) and e > s:
                    mask[k] = 1
        return self._trim(ids, mask)

    def _trim(self, ids: list[int], mask: list[int]) -> list[int]:
        """Untrain whitespace around each trained run: after its end-of-turn token, and before its first word."""
        for end in range(len(mask) - 1, -1, -1):
            if not mask[end] or (end + 1 < len(mask) and mask[end + 1]):
                continue  # not the last token of a trained run
            j = end
            while (
                j >= 0
                and mask[j]
                and ids[j] not in self.special_ids
                and not self.tok.decode([ids[j]]).strip()
            ):
                j -= 1
            if j >= 0 and mask[j] and ids[j] in self.special_ids:
                mask[j + 1 : end + 1] = [0] * (end - j)
        for k in range(len(mask)):  # a run starting with whitespace took the generation prompt's newline
            starts_run = mask[k] and (k == 0 or not mask[k - 1])
            if starts_run and ids[k] not in self.special_ids and not self.tok.decode([ids[k]]).strip():
                mask[k] = 0  # the next token now starts the run and is looked at next
        return mask

    # verification --------------------------------------------------------------------------------
    def verify(self, messages: list[dict[str, Any]], enc: Encoded) -> tuple[list[str], int]:
        """Problems with one encoded conversation, and the token count of its system turn.

        Independent of the masking strategy: located by the message texts in the rendering.
        """
        msgs = self.messages(messages)
        trained = [label != IGNORE for label in enc.labels]
        problems: list[str] = []
        regions: list[tuple[int, int]] = []
        cursor, system_tokens = 0, 0
        for i, m in enumerate(msgs):
            content = m["content"].strip()
            pos = enc.text.find(content, cursor) if content else -1
            if pos < 0:
                if m["role"] == "assistant":
                    problems.append(f"assistant turn {i}: its text is not in the rendered conversation")
                continue
            start, end = pos, pos + len(content)
            cursor = end
            eot = next(
                (
                    k
                    for k, (s, _) in enumerate(enc.offsets)
                    if s >= end and enc.input_ids[k] in self.special_ids
                ),
                None,
            )
            if i == 0 and m["role"] == "system":
                system_tokens = (eot + 1) if eot is not None else sum(1 for s, _ in enc.offsets if s < end)
            if m["role"] != "assistant" or not self.assistant_only:
                continue
            inside = [k for k, (s, e) in enumerate(enc.offsets) if s >= start and e <= end and e > s]
            masked = [k for k in inside if not trained[k]]
            if masked:
                problems.append(
                    f"assistant turn {i}: {len(masked)} of {len(inside)} content tokens are masked"
                )
            if eot is None:
                problems.append(
                    f"assistant turn {i} ends without an end-of-turn token: the model would never stop"
                )
                regions.append((start, end))
                continue
            name = self.tok.convert_ids_to_tokens(enc.input_ids[eot])
            if not trained[eot]:
                problems.append(
                    f"assistant turn {i}: its end-of-turn token {name} is masked, so the model never learns to stop"
                )
            elif enc.input_ids[eot] not in self.stop_ids:
                stops = ", ".join(self.tok.convert_ids_to_tokens(sorted(self.stop_ids))) or "none"
                problems.append(
                    f"assistant turns end with {name} but generation stops at {stops}: it would not stop"
                )
            before = self.render(msgs[:i], add_generation_prompt=True)
            regions.append((len(before) if enc.text.startswith(before) else start, enc.offsets[eot][1]))
        if self.assistant_only:
            outside = [
                k
                for k, (s, _) in enumerate(enc.offsets)
                if trained[k] and not any(a <= s < b for a, b in regions)
            ]
            if outside:
                shown = " ".join(repr(self.tok.decode([enc.input_ids[k]])) for k in outside[:5])
                problems.append(f"{len(outside)} tokens outside assistant turns are trained (first: {shown})")
        return problems, system_tokens


def _trl_training_template(tokenizer: Any) -> str | None:
    """TRL's generation-marked copy of a known template (Qwen2.5, Llama 3, Gemma, Phi-3, ...), else None."""
    try:
        from trl.chat_template_utils import get_training_chat_template

        return get_training_chat_template(tokenizer)
    except Exception:  # unknown family (ValueError) or a template TRL's probes cannot render
        return None


def choose_pad_token(tokenizer: Any) -> None:
    """Give the tokenizer a pad token distinct from eos when its vocabulary has one (in place)."""
    if tokenizer.pad_token_id is not None and tokenizer.pad_token_id != tokenizer.eos_token_id:
        return
    vocab = tokenizer.get_vocab()
    for candidate in PAD_CANDIDATES:
        if candidate in vocab and vocab[candidate] != tokenizer.eos_token_id:
            tokenizer.pad_token = candidate
            return
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token


def preflight(
    encoder: ChatEncoder,
    conversations: list[list[dict[str, Any]]],
    max_length: int,
    encoded: list[Encoded] | None = None,
    verify_first: int = 32,
) -> PreflightReport:
    """Check the template on the data: masks, end-of-turn, pad vs eos, truncation, system prompt length."""
    tok = encoder.tok
    encoded = encoded if encoded is not None else [encoder.encode(c) for c in conversations]
    report = PreflightReport(
        strategy=encoder.strategy,
        examples=len(encoded),
        max_length=max_length,
        eos=str(tok.eos_token),
        pad=tok.pad_token,
    )
    if not encoded:
        report.problems.append("no training conversations")
        return report
    for conv, enc in zip(conversations[:verify_first], encoded[:verify_first], strict=False):
        problems, system_tokens = encoder.verify(conv, enc)
        report.system_tokens = max(report.system_tokens, system_tokens)
        for p in problems:
            if p not in report.problems:
                report.problems.append(p)
    report.sample = next((e for e in encoded if e.trained and len(e.input_ids) <= max_length), encoded[0])
    if report.system_tokens >= max_length:
        report.problems.insert(
            0,
            f"train.max_length ({max_length}) is shorter than the system prompt ({report.system_tokens} tokens): "
            "no assistant token would be trained",
        )
    report.truncated = sum(len(e.input_ids) > max_length for e in encoded)
    report.empty_after_truncation = sum(
        not any(label != IGNORE for label in e.labels[:max_length]) for e in encoded
    )
    if report.empty_after_truncation == len(encoded):
        report.problems.append(f"no conversation has an assistant token within train.max_length={max_length}")
    if tok.pad_token_id is None or tok.pad_token_id == tok.eos_token_id:
        report.notes.append(
            f"pad = eos ({tok.eos_token}): still learned, labels are built before padding so padding never masks it"
        )
    if encoder.fold_system:
        report.notes.append(
            "the template has no system role: the system prompt is folded into the first user turn"
        )
    return report


def token_rows(
    tokenizer: Any, enc: Encoded, context: int = 2, full: bool = False
) -> list[tuple[str, str, str, str]]:
    """(index, token, id, loss) rows around every trained/masked boundary ('…' rows skip the rest)."""
    n = len(enc.input_ids)
    trained = [label != IGNORE for label in enc.labels]
    if full:
        keep = set(range(n))
    else:
        keep = {0, n - 1}
        for k in range(1, n):
            if trained[k] != trained[k - 1]:
                keep.update(range(max(0, k - context), min(n, k + context)))
    rows: list[tuple[str, str, str, str]] = []
    last = -1
    for k in sorted(keep):
        if k > last + 1:
            rows.append(("…", f"({k - last - 1} tokens)", "", ""))
        token = tokenizer.decode([enc.input_ids[k]])
        rows.append((str(k), repr(token)[1:-1], str(enc.input_ids[k]), "trained" if trained[k] else "masked"))
        last = k
    return rows


def print_report(tokenizer: Any, report: PreflightReport, full: bool = False) -> None:
    """The pre-flight on stderr: a token table of one example, then the checks."""
    from rich.table import Table

    from kit.console import err

    if report.sample is not None:
        table = Table(
            title=f"pre-flight: one example ({len(report.sample.input_ids)} tokens, {report.sample.trained} trained)"
        )
        for col in ("#", "token", "id", "loss"):
            table.add_column(col, justify="right" if col in ("#", "id") else "left")
        for idx, token, tid, loss in token_rows(tokenizer, report.sample, full=full):
            style = "green" if loss == "trained" else ("dim" if loss == "masked" else "")
            table.add_row(idx, token, tid, loss, style=style)
        err.print(table)
    share = f"{report.truncated_share:.1%}"
    err.print(f"mask: {report.strategy}")
    err.print(f"eos {report.eos} · pad {report.pad} · system prompt {report.system_tokens} tokens")
    err.print(
        f"truncated at max_length={report.max_length}: {report.truncated}/{report.examples} ({share}); "
        f"left without assistant tokens: {report.empty_after_truncation}"
    )
    for note in report.notes:
        err.print(f"note: {note}")
    for problem in report.problems:
        err.print(f"[red]problem:[/red] {problem}")
    if not report.problems:
        err.print(
            "[green]pre-flight ok[/green]: assistant turns and their end-of-turn token are trained, nothing else"
        )
