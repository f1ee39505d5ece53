"""Continuous batching over one KV cache: rows join and leave between decode steps.

transformers' generate() keeps its batch for the whole call, so a batch runs as long as its longest answer and a
request that arrives meanwhile waits for the next one. Here the batch changes at every step: new prompts are
prefilled together (left padded, as generate() does) and their cache is joined to the running rows' (left padded
to a common length); a finished row leaves the cache at once. Each step is one forward of every running row's
newest token with an explicit attention mask and positions (positions count each row's real tokens, as
generate() derives them from the attention mask), so a row computes what generate() computes for it; each row's
logits go through the logits processors generate() builds from the model's generation_config, then greedy rows
take the argmax and sampled rows draw, as generate() does. The serve tests and the serve bench check that the
answers equal LocalGenerator's.
"""

from __future__ import annotations

from typing import Any


class Decoder:
    """The running rows of one model: `add` prefills new rows, `step` decodes one token for every row,
    `keep` drops the others. Tokens are picked per row: greedy at temperature 0, sampled otherwise."""

    def __init__(self, model: Any, pad_id: int, min_prefix: int = 16):
        self.model = model
        self.min_prefix = min_prefix  # shortest shared start worth caching (0: no prefix cache)
        self._prefix: list[int] = []
        self._prefix_kv: list[tuple[Any, Any]] = []
        self._last_prompt: list[int] = []
        self.pad = pad_id
        self.device = getattr(model, "device", None) or "cpu"
        self.rows: list[Any] = []  # one payload per row, in batch order
        self.temps: list[float] = []
        self.hist: list[list[int]] = []  # each row's prompt and tokens so far (what logits processors see)
        self.procs: list[Any] = []  # each row's logits processors (generate()'s, from the generation config)
        self._procs: dict[tuple[float, int], Any] = {}
        self.cache: Any = None  # DynamicCache, [rows, heads, length, dim] per layer
        self.mask: Any = None  # [rows, length]: 1 where a row has a real token
        self.last: Any = None  # [rows, 1]: each row's newest token, the next step's input

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, rows: list[Any], prompts: list[list[int]], temps: list[float]) -> list[int]:
        """Prefill `prompts` and join them to the running rows; returns each one's first token."""
        tokens: list[int | None] = [None] * len(prompts)
        groups: dict[tuple[int, int], tuple[list[Any], list[int]]] = {}  # prompts prefilled together
        for i, prompt in enumerate(prompts):
            used = self._prefix_for(prompt)
            kv = self._prefix_kv if used else []
            groups.setdefault((used, id(kv)), (kv, []))[1].append(i)
        for (used, _), (kv, members) in groups.items():
            got = self._prefill([rows[i] for i in members], [prompts[i] for i in members],
                                [temps[i] for i in members], used, kv)
            for i, token in zip(members, got, strict=True):
                tokens[i] = token
        return [t for t in tokens if t is not None]

    def _prefill(self, rows: list[Any], prompts: list[list[int]], temps: list[float], used: int,
                 kv: list[Any]) -> list[int]:
        """Prefill prompts that start with the first `used` tokens of a prefix whose cache is `kv`, left padding
        their rest; the padding sits between the prefix and the rest, masked out like any padding."""
        import torch
        from transformers import DynamicCache

        rest = [p[used:] for p in prompts]
        width = max(len(r) for r in rest)
        ids = torch.tensor([[self.pad] * (width - len(r)) + r for r in rest], device=self.device)
        mask = torch.tensor([[1] * used + [0] * (width - len(r)) + [1] * len(r) for r in rest], device=self.device)
        cache = DynamicCache(config=self.model.config)
        if used:
            for layer, (keys, values) in zip(cache.layers, kv, strict=True):
                layer.update(keys[:, :, :used].expand(len(rest), -1, -1, -1),
                             values[:, :, :used].expand(len(rest), -1, -1, -1))
        logits = self._forward(ids, mask, cache)
        first = not self.rows
        self.rows += rows
        self.temps += temps
        self.hist += [list(p) for p in prompts]
        self.procs += [self._processors(t, len(p)) for t, p in zip(temps, prompts, strict=True)]
        tokens = self._pick(logits, len(self.rows) - len(rows))
        if first:
            self.cache, self.mask, self.last = cache, mask, tokens[:, None]
        else:
            self._join(cache, mask)
            self.last = torch.cat([self.last, tokens[:, None]])
        return tokens.tolist()

    def _prefix_for(self, prompt: list[int]) -> int:
        """How many leading tokens of `prompt` come from the cached prefix (0: none).

        The prefix is the start the last prompts shared (in a server: the chat template's system turn, which
        every request without its own system prompt gets). Its keys and values are computed once; a row's
        cache starts with them, as a causal model's cache of a prompt starts with its prefix's. When a prompt
        shares less of it, the prefix is cut to what they share (the cut prefix's keys and values are the
        first ones of the longer's)."""
        if self.min_prefix <= 0:
            return 0
        last, self._last_prompt = self._last_prompt, prompt
        room = len(prompt) - 1  # the prefill needs at least one token of its own
        if self._prefix:
            shared = min(_common(self._prefix, prompt), room)
            if shared >= self.min_prefix:
                if shared < len(self._prefix):
                    self._prefix = self._prefix[:shared]
                    self._prefix_kv = [(k[:, :, :shared], v[:, :, :shared]) for k, v in self._prefix_kv]
                return shared
        shared = min(_common(last, prompt), room) if last else 0
        if shared < self.min_prefix:
            return 0
        import torch
        from transformers import DynamicCache

        cache = DynamicCache(config=self.model.config)
        ids = torch.tensor([prompt[:shared]], device=self.device)
        self._forward(ids, torch.ones_like(ids), cache)
        self._prefix = prompt[:shared]
        self._prefix_kv = [(layer.keys, layer.values) for layer in cache.layers]
        return shared

    def step(self) -> list[int]:
        """One new token for every running row."""
        import torch

        mask = torch.cat([self.mask, self.mask.new_ones((len(self.rows), 1))], dim=1)
        tokens = self._pick(self._forward(self.last, mask, self.cache), 0)
        self.mask, self.last = mask, tokens[:, None]
        return tokens.tolist()

    def keep(self, keep: list[int]) -> None:
        """Keep only the rows at these batch positions (in this order); the rest leave the cache."""
        if len(keep) == len(self.rows):
            return
        if not keep:
            self.rows, self.temps, self.hist, self.procs = [], [], [], []
            self.cache = self.mask = self.last = None
            return
        import torch

        idx = torch.tensor(keep, device=self.device)
        self.cache.batch_select_indices(idx)
        self.mask, self.last = self.mask[idx], self.last[idx]
        self.rows = [self.rows[i] for i in keep]
        self.temps = [self.temps[i] for i in keep]
        self.hist = [self.hist[i] for i in keep]
        self.procs = [self.procs[i] for i in keep]
        # Columns that every remaining row pads hold nothing anyone attends to: drop them.
        start = int(self.mask.any(dim=0).nonzero()[0])
        if start:
            self.mask = self.mask[:, start:]
            for layer in self.cache.layers:
                layer.keys, layer.values = layer.keys[:, :, start:], layer.values[:, :, start:]

    def _forward(self, ids: Any, mask: Any, cache: Any) -> Any:
        import torch

        positions = (mask.cumsum(-1) - 1).masked_fill(mask == 0, 0)[:, -ids.shape[1] :]
        with torch.inference_mode():
            out = self.model(input_ids=ids, attention_mask=mask, position_ids=positions, cache=cache,
                             use_cache=True, logits_to_keep=1)
        return out.logits[:, -1, :].float()

    def _processors(self, temp: float, prompt_len: int) -> Any:
        """The logits processors generate() would use for this row: the model's generation_config (suppressed
        tokens, no-repeat n-grams, repetition penalty, ...) with greedy or this temperature's sampling."""
        key = (temp, prompt_len)
        if key not in self._procs:
            kwargs: dict[str, Any] = {"do_sample": True, "temperature": temp} if temp > 0 else {"do_sample": False}
            cfg, _ = self.model._prepare_generation_config(None, **kwargs)
            if len(self._procs) > 512:
                self._procs.clear()
            self._procs[key] = self.model._get_logits_processor(cfg, input_ids_seq_length=prompt_len, device=self.device)
        return self._procs[key]

    def _pick(self, logits: Any, start: int) -> Any:
        """Each row's next token from its logits (rows from `start` on): its processors, then the argmax
        (greedy) or a draw (sampled), as generate() picks; each row's history grows by it."""
        import torch

        tokens = logits.argmax(dim=-1)
        for j in range(logits.shape[0]):
            i = start + j
            procs, temp = self.procs[i], self.temps[i]
            if procs or temp > 0:
                scores = procs(torch.tensor([self.hist[i]], device=self.device), logits[j : j + 1]) if procs \
                    else logits[j : j + 1]
                pick = torch.multinomial(torch.softmax(scores[0], dim=-1), 1)[0] if temp > 0 else scores[0].argmax()
                tokens[j] = pick
        for j, token in enumerate(tokens.tolist()):
            self.hist[start + j].append(token)
        return tokens

    def _join(self, cache: Any, mask: Any) -> None:
        """Append the new rows' cache and mask below the running ones, left padding the shorter to one length."""
        import torch
        import torch.nn.functional as F

        old, new = self.mask.shape[1], mask.shape[1]
        width = max(old, new)
        self.mask = torch.cat([F.pad(self.mask, (width - old, 0)), F.pad(mask, (width - new, 0))])
        for mine, theirs in zip(self.cache.layers, cache.layers, strict=True):
            mine.keys = torch.cat([F.pad(mine.keys, (0, 0, width - old, 0)), F.pad(theirs.keys, (0, 0, width - new, 0))])
            mine.values = torch.cat([F.pad(mine.values, (0, 0, width - old, 0)),
                                     F.pad(theirs.values, (0, 0, width - new, 0))])


def _common(a: list[int], b: list[int]) -> int:
    """Length of the common start of two token lists."""
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n
