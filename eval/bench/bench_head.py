"""The LM head on the prefill's last position: a strided view against a contiguous copy (kit.models.load).

After a prefill, generation keeps the last position's hidden state (`logits_to_keep=1`), a strided view of the
whole prompt's. torch's CPU linear is slow for such a 3-D input; `load_model` hands the head a contiguous copy
(`contiguous_head_input`). Measured on a Gemma-3-270M-shaped head (262,144 x 640, random weights: the path
taken does not depend on the values), 16 prompts of 72 positions, bf16 and fp32, best of 3 calls each; the
hooked head is timed on the strided view. Speed is the strided time over the hooked time; the logits are
compared too (the two kernels may round differently in fp32).
"""

from __future__ import annotations

import os
import time

VOCAB, HIDDEN, ROWS, POSITIONS = 262_144, 640, 16, 72


def _best(call, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - t)
    return best


def run(quick: bool = False) -> dict:
    import torch

    from kit.models.load import contiguous_head_input

    threads = int(os.environ.get("BENCH_THREADS", str(torch.get_num_threads())))
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    out: dict = {"head": f"{VOCAB} x {HIDDEN}", "rows": ROWS, "prompt_positions": POSITIONS, "torch_threads": threads}

    class Model(torch.nn.Module):  # what contiguous_head_input looks for
        def __init__(self, head: torch.nn.Linear):
            super().__init__()
            self.head = head

        def get_output_embeddings(self) -> torch.nn.Linear:
            return self.head

    for dtype in (torch.bfloat16, torch.float32):
        head = torch.nn.Linear(HIDDEN, VOCAB, bias=False, dtype=dtype).requires_grad_(False)
        hidden = torch.randn(ROWS, POSITIONS, HIDDEN, dtype=dtype)
        last = hidden[:, -1:, :]  # what generate hands the head after the prefill
        with torch.inference_mode():
            strided = _best(lambda h=head, x=last: h(x), 1 if quick else 3)
            contiguous = _best(lambda h=head, x=last.contiguous(): h(x))
            plain = head(last)
            contiguous_head_input(Model(head))
            hooked = _best(lambda h=head, x=last: h(x))
            after = head(last)
            same = bool(torch.equal(plain, after))
            diff = float((plain.float() - after.float()).abs().max())
            argmax = bool(torch.equal(plain.argmax(-1), after.argmax(-1)))
        out[str(dtype).removeprefix("torch.")] = {
            "strided_s": round(strided, 4), "contiguous_s": round(contiguous, 4), "hooked_s": round(hooked, 4),
            "speedup": round(strided / hooked, 1), "same_logits": same,
            "max_abs_logit_diff": diff, "same_greedy_token": argmax,
        }
    return out
