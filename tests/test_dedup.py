"""Exact and near-duplicate detection (datasketch MinHash + LSH, verified, grouped in a union-find)."""

from __future__ import annotations

import random

from kit.data.dedup import Deduper, Signer, UnionFind, conversation_words, exact_key
from kit.data.schema import Conversation, Message

WORDS = ("pedido envío factura devolución tarjeta cuenta plazo días hábiles reembolso cambio talla color "
         "dirección paquete sucursal código postal precio descuento cupón garantía pantalla batería cargador").split()


def conv(user: str, agent: str, cid: str = "c") -> Conversation:
    return Conversation(cid, [Message("user", user), Message("assistant", agent)])


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def test_exact_key_ignores_case_punctuation_and_spacing_but_not_roles():
    a = conv("¡Hola! ¿Dónde está mi pedido?", "Llega mañana.")
    b = conv("hola   dónde está mi PEDIDO", "llega mañana")
    swapped = Conversation("c", [Message("assistant", a.messages[0].content), Message("user", a.messages[1].content)])
    key = exact_key(a, conversation_words(a))
    assert key == exact_key(b, conversation_words(b))
    assert key != exact_key(swapped, conversation_words(swapped))


def test_near_duplicates_are_grouped_and_different_ones_are_not():
    rng = random.Random(0)
    signer, dedup = Signer(), Deduper(threshold=0.85)
    base = [sentence(rng, 60), sentence(rng, 60)]
    variants = []
    for k in range(5):  # one word changed each: near-duplicates of the base
        words = base[1].split()
        words[10 + k] = "modificado"
        variants.append(conv(base[0], " ".join(words), f"v{k}"))
    others = [conv(sentence(rng, 60), sentence(rng, 60), f"o{k}") for k in range(30)]
    for c in [conv(*base, "base"), *variants, *others]:
        dedup.add(exact_key(c, conversation_words(c)), signer.signature(conversation_words(c)))
    stats = dedup.finish()
    roots = [dedup.near.find(i) for i in range(36)]
    assert len(set(roots[:6])) == 1  # base + 5 variants: one group
    assert len(set(roots[6:])) == 30 and roots[0] not in roots[6:]
    assert stats.groups == 1 and stats.grouped == 6


def test_signatures_are_deterministic_across_instances():
    words = conversation_words(conv("¿Cuánto tarda el envío a Monterrey?", "De 3 a 5 días hábiles."))
    assert (Signer().signature(words) == Signer().signature(words)).all()
    assert Signer().signature([[]]).shape == (64,)  # an empty conversation still has a signature


def test_signature_equals_datasketch_fed_one_shingle_at_a_time():
    # Signer hands datasketch all shingle hashes as one array; the minima must be those of one update per shingle.
    import zlib

    import numpy as np

    signer = Signer()
    rng = random.Random(5)
    for n_words in (0, 1, 2, 3, 40):
        words = [[rng.choice(WORDS) for _ in range(n_words)], [rng.choice(WORDS) for _ in range(n_words // 2)]]
        flat = [w for turn in words for w in (*turn, "\x1f")]
        h = np.fromiter(map(zlib.crc32, map(str.encode, flat)), dtype=np.uint32, count=len(flat))
        n = min(signer.n, len(h))
        shingles = sum(h[j : len(h) - n + 1 + j] * signer._mult[j] for j in range(n))
        expected = signer._sketch.copy()
        expected.hashvalues = signer._empty.copy()
        for value in shingles.tolist():
            expected.update(value)
        assert (signer.signature(words) == expected.hashvalues).all()


def test_union_find_groups():
    uf = UnionFind()
    for _ in range(6):
        uf.add()
    uf.union(0, 1)
    uf.union(2, 3)
    uf.union(1, 3)
    assert len({uf.find(i) for i in range(4)}) == 1 and uf.find(4) != uf.find(5)


def test_compact_buckets_behave_as_a_storage():
    from kit.data.dedup import _bucket_storage

    buckets = _bucket_storage()[0]()
    buckets.insert(7, 1, 2)
    buckets.insert(9, 3)
    buckets.insert(-4, 5)
    assert buckets.get(7) == {1, 2} and buckets.get(9) == {3} and buckets.size() == 3
    assert buckets.itemcounts() == {-4: 1, 7: 2, 9: 1}
    assert [sorted(r.tolist()) for r in buckets.runs()] == [[1, 2]]
    buckets.remove_val(7, 1)
    assert buckets.get(7) == {2} and buckets.entries() == 3
    buckets.remove(7, -4)
    assert buckets.keys() == [9] and not buckets.has_key(7) and buckets.entries() == 1
