"""The corpus generator: the shipped sample reproduces byte for byte, counts hold, eval questions never
leak into conversations, planted values sit at their offsets, and every format reads back exactly."""

from __future__ import annotations

import filecmp
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

from kit.corpus.export import export, write_index
from kit.corpus.formats import read_conversations
from kit.corpus.generate import COMPANIES, generate, load_company
from kit.corpus.pii_text import PUBLIC_ADDRESSES
from kit.corpus.validate import check_company, normalise

SAMPLE = ROOT / "conversations"
MINIMUM = {"shop": 2000, "operator": 1000, "bank": 1000}


@pytest.fixture(scope="module")
def outputs():
    return {key: generate(key, 7) for key in COMPANIES}


def _tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_shipped_sample_regenerates_byte_for_byte(outputs, tmp_path):
    out = tmp_path / "conversations"
    for key in COMPANIES:
        export(outputs[key], out, seed=7)
    write_index(out, [outputs[key] for key in COMPANIES], seed=7)
    assert _tree(out) == _tree(SAMPLE), "file list differs: run `chatkit corpus generate --company all --seed 7 --out conversations`"
    _, mismatch, errors = filecmp.cmpfiles(SAMPLE, out, _tree(SAMPLE), shallow=False)
    assert mismatch == [] and errors == [], f"stale sample files: {mismatch[:5]} (regenerate conversations/)"
    assert sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file()) < 15 * 1024 * 1024


def test_same_seed_same_corpus_other_seed_other_corpus():
    first, again, other = generate("shop", 3, n=150), generate("shop", 3, n=150), generate("shop", 4, n=150)
    assert [c.to_json() for c in again.conversations] == [c.to_json() for c in first.conversations]
    assert [it.to_json() for it in again.pii_labels] == [it.to_json() for it in first.pii_labels]
    assert [c.to_json() for c in other.conversations] != [c.to_json() for c in first.conversations]
    assert len(first.conversations) == 150


@pytest.mark.parametrize("key", COMPANIES)
def test_content_keeps_the_contract(key):
    company = load_company(key)
    assert check_company(company) == []
    assert len(company.facts) >= 40 and len(company.pages) >= 10
    assert sum(f.v2 is not None for f in company.facts.values()) >= 10
    for intent in company.intents:
        assert len(intent.questions) >= 10 and len(intent.eval_questions) >= 10, intent.id


def test_shop_content_sizes():
    shop = load_company("shop")
    assert len(shop.facts) >= 45 and 32 <= len(shop.intents) <= 36
    assert sum(len(i.eval_questions) for i in shop.intents) >= 300
    assert all(len(i.answers) >= 2 for i in shop.intents)
    assert any(i.escalate for i in shop.intents) and any(i.asks_for for i in shop.intents)


@pytest.mark.parametrize("key", COMPANIES)
def test_counts_and_shape(outputs, key):
    out = outputs[key]
    assert len(out.conversations) >= MINIMUM[key]
    assert len({c.id for c in out.conversations}) == len(out.conversations)
    assert len({tuple(m.content for m in c.messages) for c in out.conversations}) == len(out.conversations)
    for conv in out.conversations:
        assert 2 <= len(conv.messages) <= 10, conv.id
        assert [m.role for m in conv.messages] == ["user", "assistant"] * (len(conv.messages) // 2) + ["user"] * (
            len(conv.messages) % 2
        ), conv.id
        assert all(m.content.strip() for m in conv.messages), conv.id
        assert {"company", "intents", "topic", "customer_id", "created_at", "channel"} <= conv.meta.keys()
    used = Counter(i for c in out.conversations for i in c.meta["intents"])
    assert set(used) == {i.id for i in out.company.intents}, "every intent is used"
    assert len(out.eval_items) >= (300 if key == "shop" else 10 * len(out.company.intents))
    office = key in PUBLIC_ADDRESSES  # the office page, with the company's public address
    assert out.update_items and {len(out.kb_pages), len(out.kb_pages_v2)} == {len(out.company.pages) + office}


@pytest.mark.parametrize("key", COMPANIES)
def test_no_eval_question_appears_in_any_conversation(outputs, key):
    out = outputs[key]
    text = "\n".join(normalise(m.content) for c in out.conversations for m in c.messages)
    leaked = [item.question for item in out.eval_items if normalise(item.question) in text]
    assert leaked == []


@pytest.mark.parametrize("key", COMPANIES)
def test_answers_are_in_the_kb_and_the_update_is_fresh(outputs, key):
    out = outputs[key]
    v1 = {page_id: md for page_id, _, md in out.kb_pages}
    v2 = {page_id: md for page_id, _, md in out.kb_pages_v2}
    for item in out.eval_items:
        pages = " ".join(v1[p] for p in item.kb_ids)
        assert all(f in pages for f in item.required_facts), item.id
        assert all(f in item.reference for f in item.required_facts), item.id
    for item in out.update_items:
        pages = " ".join(v2[p] for p in item.kb_ids)
        assert item.stale_facts and all(f in pages for f in item.required_facts), item.id
        assert not any(s in pages for s in item.stale_facts), item.id
        assert not any(s in item.reference for s in item.stale_facts), item.id


@pytest.mark.parametrize("key", COMPANIES)
def test_planted_offsets_point_at_the_value(outputs, key):
    out = outputs[key]
    messages = {c.id: c.messages for c in out.conversations}
    assert out.pii_labels
    for item in out.pii_labels:
        assert messages[item.conversation_id][item.message].content[item.start:item.end] == item.value, item
    public = set(out.company.public_contacts)
    assert not [it for it in out.pii_labels if it.pii and it.value in public]


@pytest.mark.parametrize("key", COMPANIES)
def test_shipped_logs_read_back_exactly_and_labels_match_them(outputs, key):
    folder = SAMPLE / key
    back = {c.id: c for c in read_conversations(folder)}
    assert set(back) == {c.id for c in outputs[key].conversations}
    for conv in outputs[key].conversations:
        assert [(m.role, m.content) for m in back[conv.id].messages] == [(m.role, m.content) for m in conv.messages]
    with (folder / "labels.jsonl").open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            messages = back[record["id"]].messages
            assert record["messages"] == len(messages)
            for item in record["items"]:
                assert messages[item["message"]].content[item["start"]:item["end"]] == item["value"]


def test_operator_csv_and_bank_transcripts_look_like_helpdesk_exports():
    csv_text = (SAMPLE / "operator" / "tickets.csv").read_text(encoding="utf-8")
    assert csv_text.startswith("ticket_id,created_at,author_type,author_name,body\n")
    for marker in ("<p>", "<br>", "<b>", "&nbsp;", "&amp;", ",system,", "Ticket asignado a Soporte Nivel 1", "/5"):
        assert marker in csv_text, marker
    days = sorted((SAMPLE / "bank" / "transcripts").glob("*.txt"))
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d\.txt", p.name) for p in days) and len(days) > 100
    text = days[0].read_text(encoding="utf-8")
    assert re.match(r"=== Chat \S+ · .+ · cliente \S+ ===\n\[\d\d:\d\d\] Cliente: ", text)
    assert re.search(r"^\[\d\d:\d\d\] Agente \w+: ", text, re.MULTILINE)
    assert "\n\n=== Chat " in text
    all_text = "".join(p.read_text(encoding="utf-8") for p in days)
    assert re.search(r"\n  \S", all_text), "multi-line messages have indented continuation lines"


def test_kb_files_have_front_matter():
    import yaml

    for key in COMPANIES:
        for version, name in ((1, "kb"), (2, "kb_v2")):
            pages = sorted((SAMPLE / key / name).glob("*.md"))
            assert len(pages) >= 10
            for page in pages:
                _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
                meta = yaml.safe_load(front)
                assert meta["id"] == page.stem and meta["version"] == version and meta["title"]
                assert body.strip().startswith("# ")


def test_shipped_eval_items_leave_the_dev_test_split_to_prepare():
    import json

    from kit.data.split import assign_eval_splits

    items = [json.loads(line) for line in (SAMPLE / "shop" / "eval.jsonl").open(encoding="utf-8")]
    assert all("split" not in it for it in items)  # a named split would be kept, and nothing would go to dev
    splits = assign_eval_splits(items, 0.3, 0)
    assert 0.25 <= splits.count("dev") / len(items) <= 0.35
