"""Normalisation: text cleaning, roles, notices, signatures, merging, filters and the language flag."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kit.data.config import DataConfig
from kit.data.normalise import Normaliser, clean_text
from kit.data.readers import RawConversation, Rejection
from kit.data.roles import map_role
from kit.data.schema import Conversation


def norm(turns, free=False, **overrides) -> Conversation | Rejection:
    return Normaliser(DataConfig(**overrides)).normalise(RawConversation("f.jsonl", 3, "c1", turns, {}, free_text_roles=free))


def test_clean_text_nfc_html_whitespace_and_invisibles():
    assert clean_text("Espan\u0303a") == ("España", False)
    text, was_html = clean_text("<p>Hola&nbsp;<b>mundo</b> &amp; más</p><br>línea<script>x()</script>")
    assert was_html and text == "Hola mundo & más\n\nlínea"
    assert clean_text("  a \t b\u200b \r\n\r\n\r\n\r\n c  ")[0] == "a b\n\nc"
    assert clean_text("precio <5 y >3")[0] == "precio <5 y >3"  # not HTML


def test_roles_defaults_first_word_and_overrides():
    assert map_role("Agente Laura", {}) == "assistant"
    assert map_role("end-user", {}) == "user"
    assert map_role("Cliente", {}) == "user"
    assert map_role("gpt", {}) == "assistant"
    assert map_role("sistema", {}) == "system"
    assert map_role("Pedro", {}) is None
    assert map_role("Pedro", {"pedro": "user"}) == "user"


def test_conversation_is_cleaned_merged_and_stripped():
    conv = norm([
        ("system", "Ticket asignado a Soporte Nivel 1"),
        ("user", "Hola"),
        ("user", "¿me ayudan con mi pedido?"),
        ("agent", "La conversación ha sido transferida a otro agente"),
        ("agent", "Claro, llega en 3 días.\n--\nLaura | Soporte Tienda"),
        ("tool", "{}"),
    ])
    assert isinstance(conv, Conversation)
    assert [(m.role, m.content) for m in conv.messages] == [
        ("user", "Hola\n¿me ayudan con mi pedido?"),
        ("assistant", "Claro, llega en 3 días."),
    ]
    assert conv.meta == {"source": "f.jsonl:3", "language": "es"}


def test_rejections_have_codes_and_reasons_without_raw_values():
    assert norm([]).code == "empty"
    assert norm([("user", "   "), ("assistant", "")]).code == "empty"
    assert norm([("user", "hola, ¿me ayudan?"), ("user", "¿hay alguien?")]).code == "customer_only"
    assert norm([("assistant", "Buenos días, ¿en qué le ayudo?")]).code == "agent_only"
    big = norm([("user", "x" * 5_000_000), ("assistant", "vale")])
    assert big.code == "message_too_long" and "5,000,000 characters" in big.reason and "max_message_chars" in big.reason
    unknown = norm([("operadorx2", "hola"), ("assistant", "hola")])
    assert unknown.code == "unknown_role" and "--roles operadorx2=user" in unknown.reason
    speaker = norm([("María Pérez", "hola"), ("Agente Ana", "hola")], free=True)
    assert speaker.code == "unknown_role" and "María" not in speaker.reason  # speaker names are hashed
    assert norm([("user", "ok"), ("assistant", "sí")], min_chars=10).code == "too_short"


def test_language_is_flagged_and_dropped_only_when_asked():
    english = [("user", "Hello, I want to cancel my order please"), ("assistant", "Sure, you can cancel it from your account page.")]
    kept = norm(english)
    assert isinstance(kept, Conversation) and kept.meta["language"] == "en"
    dropped = norm(english, language_action="drop")
    assert dropped.code == "language" and "'en'" in dropped.reason


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["user", "assistant", "cliente", "agente", "system", "???"]), st.text(max_size=80)), max_size=6))
def test_normalise_never_crashes_and_output_is_clean(turns):
    out = norm(turns)
    if isinstance(out, Rejection):
        assert out.code and out.reason
        return
    for m in out.messages:
        assert m.role in ("user", "assistant") and m.content == m.content.strip() and m.content
        m.content.encode("utf-8")  # lone surrogates are gone


def test_closing_signature_line_is_stripped_but_content_lines_are_not():
    conv = norm([("user", "¿Qué planes tienen?"), ("assistant", "Tenemos dos.\nAltavía Básica · 15 GB"),
                 ("user", "Gracias"), ("assistant", "¡Saludos!\nXimena · MercaColibrí Soporte")])
    assert [m.content for m in conv.messages if m.role == "assistant"] == ["Tenemos dos.\nAltavía Básica · 15 GB", "¡Saludos!"]
