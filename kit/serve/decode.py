"""Continuous batching over one preallocated KV cache: rows join and leave between decode steps.

transformers' generate() keeps its batch for the whole call, so a batch runs as long as its longest answer and a
request that arrives meanwhile waits for the next one. Here the batch changes at every step. The keys and values
live in one buffer per layer, [row slots, heads, columns, head dim], allocated once and grown by doubling when
needed (never per step): every running row's next token goes to the same column, so a step writes one column
in place and attends over the window of columns some running row uses, masked per row (a row's own padding and
the columns before its start are masked out). A finished row's slot is refilled by the last running row (one
row's columns copied), so the running rows are always the first slots. When the write column reaches the
buffer's end, the window moves back to column 0 (one copy, every few hundred steps at most).

New prompts are prefilled together straight into free slots, left padded to a common width; a prompt that
starts with the cached prefix (in a server: the chat template's system turn, computed once) gets the prefix's
keys and values copied in, and only its rest goes through the model. Each forward gets explicit positions
(each row's real tokens counted, as generate() derives them from the attention mask) and an explicit mask, so
a row computes what generate() computes for it; each row's logits go through the logits processors generate()
builds from the model's generation_config, then greedy rows take the argmax and sampled rows draw, as
generate() does. The serve tests and the serve bench check that the answers equal LocalGenerator's.
"""

from __future__ import annotations

from typing import Any


class _Slots:
    """The cache object the model's attention layers see: `update` writes this forward's keys and values into
    the slots (rows) and columns set by `at`, and returns the window of columns the forward attends to."""

    def __init__(self, keys: list[Any], values: list[Any]):
        self.keys, self.values = keys, values
        self.rows = self.write = self.read = slice(0, 0)

    def at(self, rows: slice, write: slice, read: slice) -> _Slots:
        self.rows, self.write, self.read = rows, write, read
        return self

    def update(self, key_states: Any, value_states: Any, layer_idx: int, *args: Any, **kwargs: Any) -> tuple:
        keys, values = self.keys[layer_idx], self.values[layer_idx]
        keys[self.rows, :, self.write] = key_states
        values[self.rows, :, self.write] = value_states
        return keys[self.rows, :, self.read], values[self.rows, :, self.read]

    def get_seq_length(self, layer_idx: int = 0) -> int:
        return self.write.start - self.read.start


class Decoder:
    """The running rows of one model: `add` prefills new rows, `step` decodes one token for every row,
    `keep` drops the others. Tokens are picked per row: greedy at temperature 0, sampled otherwise."""

    def __init__(self, model: Any, pad_id: int, min_prefix: int = 16, slots: int = 16, columns: int = 256):
        self.model = model
        self.min_prefix = min_prefix  # shortest shared start worth caching (0: no prefix cache)
        self._prefix: list[int] = []
        self._prefix_kv: list[tuple[Any, Any]] = []
        self._last_prompt: list[int] = []
        self.pad = pad_id
        self.device = getattr(model, "device", None) or "cpu"
        cfg = model.config
        # Models with sliding-window layers take a mask per layer type (positions further back than the window
        # are masked out there); the others one mask.
        self._window = getattr(cfg, "sliding_window", None) \
            if "sliding_attention" in (getattr(cfg, "layer_types", None) or []) else None
        self._sdpa = getattr(cfg, "_attn_implementation", "sdpa") == "sdpa"  # else an additive float mask
        self._size = (max(slots, 1), max(columns, 8))  # initial capacity: row slots, columns
        self.rows: list[Any] = []  # one payload per row, in slot order
        self.temps: list[float] = []
        self.hist: list[list[int]] = []  # each row's prompt and tokens so far (what logits processors see)
        self.procs: list[Any] = []  # each row's logits processors (generate()'s, from the generation config)
        self.starts: list[int] = []  # each row's first column
        self._procs: dict[tuple[float, int], Any] = {}
        self.cache: _Slots | None = None
        self.end = 0  # the column every running row's next token goes to

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, rows: list[Any], prompts: list[list[int]], temps: list[float]) -> list[int]:
        """Prefill `prompts` into free slots; returns each one's first token."""
        tokens: list[int | None] = [None] * len(prompts)
        # prompts prefilled together: by how much of the prefix they use, and which prefix (a later prompt of
        # this call may replace the prefix: the earlier ones keep the keys and values they were matched with)
        groups: dict[tuple[int, int], tuple[list[Any], list[int]]] = {}
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
        """Prefill prompts whose first `used` tokens are a prefix whose keys and values are `kv`, left padding
        their rest; the
        padding sits between the prefix and the rest, masked out like any padding. They take the next free
        slots and end at the running rows' write column."""
        import torch

        rest = [p[used:] for p in prompts]
        width = max(len(r) for r in rest)
        span = used + width
        n, k = len(self.rows), len(rest)
        self._room(n + k, span)
        lo, rs = self.end - span, slice(n, n + k)
        if n and lo < min(self.starts):  # the window grows to the left: the running rows have nothing there
            self.mask[:n, lo : min(self.starts)] = False
        self.mask[rs] = False
        self.pos[rs, lo : self.end] = 0
        self.mask[rs, lo : lo + used] = True
        for j, r in enumerate(rest):
            self.mask[n + j, self.end - len(r) : self.end] = True
            self.pos[n + j, lo : lo + used] = torch.arange(used)
            self.pos[n + j, self.end - len(r) : self.end] = torch.arange(used, used + len(r))
        if used:
            for keys, values, (pk, pv) in zip(self.keys, self.values, kv, strict=True):
                keys[rs, :, lo : lo + used] = pk[:, :, :used]
                values[rs, :, lo : lo + used] = pv[:, :, :used]
        ids = torch.tensor([[self.pad] * (width - len(r)) + r for r in rest], device=self.device)
        # query j (column lo + used + j) sees the row's real columns up to itself; padding sees itself only
        # (a query with nothing to attend to would give NaNs)
        cols = torch.arange(span, device=self.device)[None, :]
        me = used + torch.arange(width, device=self.device)[:, None]
        mask = (self.mask[rs, lo : self.end][:, None, :] & (cols <= me)[None]) | (cols == me)[None]
        qpos = self.pos[rs, self.end - width : self.end]
        cache = self.cache.at(rs, slice(self.end - width, self.end), slice(lo, self.end))
        logits = self._forward(ids, qpos, mask[:, None], self.pos[rs, lo : self.end], cache)
        self.rows += rows
        self.temps += temps
        self.hist += [list(p) for p in prompts]
        self.procs += [self._processors(t, len(p)) for t, p in zip(temps, prompts, strict=True)]
        self.starts += [lo] * k
        self.next_pos[rs] = torch.tensor([len(p) for p in prompts])
        tokens = self._pick(logits, n)
        self.last[rs] = tokens
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

        keys, values = self._buffers(1, shared), self._buffers(1, shared)
        ids = torch.tensor([prompt[:shared]], device=self.device)
        pos = torch.arange(shared, device=self.device)[None]
        mask = pos[0][None, :] <= pos[0][:, None]
        whole = slice(0, shared)
        self._forward(ids, pos, mask[None, None], pos, _Slots(keys, values).at(slice(0, 1), whole, whole))
        self._prefix = prompt[:shared]
        self._prefix_kv = list(zip(keys, values, strict=True))
        return shared

    def step(self) -> list[int]:
        """One new token for every running row."""
        n = len(self.rows)
        self._room(n)
        end, lo, rs = self.end, min(self.starts), slice(0, n)
        self.mask[rs, end] = True
        self.pos[rs, end] = self.next_pos[rs]
        cache = self.cache.at(rs, slice(end, end + 1), slice(lo, end + 1))
        logits = self._forward(self.last[rs, None], self.next_pos[rs, None], self.mask[rs, None, None, lo : end + 1],
                               self.pos[rs, lo : end + 1], cache)
        self.end = end + 1
        self.next_pos[rs] += 1
        tokens = self._pick(logits, 0)
        self.last[rs] = tokens
        return tokens.tolist()

    def keep(self, keep: list[int]) -> None:
        """Keep only the rows at these positions; the others' slots are refilled by the last rows (so the
        survivors' order may change: `rows` says it)."""
        if len(keep) == len(self.rows):
            return
        m, kept = len(keep), set(keep)
        holes = [i for i in range(m) if i not in kept]
        movers = [i for i in sorted(kept) if i >= m]
        if holes:
            lo = min(self.starts[i] for i in keep)  # the survivors' window
            for h, s in zip(holes, movers, strict=True):  # plain slices: copied in place, no index kernels
                for buf in (*self.keys, *self.values):
                    buf[h, :, lo : self.end] = buf[s, :, lo : self.end]
                for buf in (self.mask, self.pos):
                    buf[h, lo : self.end] = buf[s, lo : self.end]
                for buf in (self.next_pos, self.last):
                    buf[h] = buf[s]
        for name in ("rows", "temps", "hist", "procs", "starts"):
            items = getattr(self, name)
            for h, s in zip(holes, movers, strict=True):
                items[h] = items[s]
            del items[m:]
        if not self.rows:
            self.end = 0

    def _room(self, rows: int, span: int = 0) -> None:
        """Make room for `rows` row slots and for a step (a free write column) or, with `span`, for new rows
        taking `span` columns before the write column: allocate, grow (doubling) or move the window of used
        columns (to the left when the buffer is full, to the right when new rows need more columns before the
        write column than there are)."""
        n = len(self.rows)
        if not n:
            self.end = 0
        lo = min(self.starts) if n else self.end
        used = self.end - lo
        size = self.mask.shape[1] if self.cache is not None else 0
        if span:
            target = max(self.end, span)
            if target > size:
                target = max(used, span)
            need = target
        else:
            target = self.end if self.end < size else used
            need = target + 1
        slots = self.mask.shape[0] if self.cache is not None else 0
        if self.cache is None or rows > slots or need > size:
            old = (self.keys, self.values, self.mask, self.pos, self.next_pos, self.last) if self.cache else None
            self._alloc(_grow(max(slots, self._size[0]), rows), _grow(max(size, self._size[1]), 2 * need))
            if old and n:
                dst, src = slice(target - used, target), slice(lo, self.end)
                for new, was in zip((*self.keys, *self.values), (*old[0], *old[1]), strict=True):
                    new[:n, :, dst] = was[:n, :, src]
                self.mask[:n, dst], self.pos[:n, dst] = old[2][:n, src], old[3][:n, src]
                self.next_pos[:n], self.last[:n] = old[4][:n], old[5][:n]
        elif target != self.end and n:
            dst, src = slice(target - used, target), slice(lo, self.end)
            for buf in (*self.keys, *self.values):
                buf[:n, :, dst] = buf[:n, :, src].clone()
            self.mask[:n, dst], self.pos[:n, dst] = self.mask[:n, src].clone(), self.pos[:n, src].clone()
        self.starts = [s + target - self.end for s in self.starts]
        self.end = target

    def _buffers(self, slots: int, size: int) -> list[Any]:
        """One zeroed [slots, kv heads, size, head dim] buffer per layer (zeros, not empty: a masked column
        still meets a weight of 0, and 0 * NaN would be NaN)."""
        import torch

        cfg = self.model.config
        heads = getattr(cfg, "num_key_value_heads", None) or cfg.num_attention_heads
        dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
        dtype = next(self.model.parameters()).dtype
        return [torch.zeros(slots, heads, size, dim, dtype=dtype, device=self.device)
                for _ in range(cfg.num_hidden_layers)]

    def _alloc(self, slots: int, size: int) -> None:
        import torch

        self.keys, self.values = self._buffers(slots, size), self._buffers(slots, size)
        self.mask = torch.zeros(slots, size, dtype=torch.bool, device=self.device)
        self.pos = torch.zeros(slots, size, dtype=torch.long, device=self.device)  # each column's position
        self.next_pos = torch.zeros(slots, dtype=torch.long, device=self.device)  # each row's next position
        self.last = torch.zeros(slots, dtype=torch.long, device=self.device)  # each row's newest token
        self.cache = _Slots(self.keys, self.values)

    def _forward(self, ids: Any, positions: Any, mask: Any, key_pos: Any, cache: Any) -> Any:
        """Logits of each row's last input token. `mask` [rows, 1, queries, keys] says which keys each query
        sees; `key_pos` [rows, keys] the keys' positions (for sliding-window layers)."""
        import torch

        masks: Any = mask
        if self._window:
            near = positions[:, None, :, None] - key_pos[:, None, None, :] < self._window
            masks = {"full_attention": mask, "sliding_attention": mask & near}
        if not self._sdpa:
            low = torch.finfo(next(self.model.parameters()).dtype).min
            masks = {k: torch.zeros(m.shape).masked_fill(~m, low) for k, m in masks.items()} \
                if isinstance(masks, dict) else torch.zeros(masks.shape).masked_fill(~masks, low)
        with torch.inference_mode():
            out = self.model(input_ids=ids, attention_mask=masks, position_ids=positions, cache=cache,
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


def _grow(have: int, need: int) -> int:
    while have < need:
        have *= 2
    return have


def _common(a: list[int], b: list[int]) -> int:
    """Length of the common start of two token lists."""
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n
