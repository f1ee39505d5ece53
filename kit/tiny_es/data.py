"""Training text for the tiny-es base: support conversations and reading exercises, as chat messages.

The base must speak support Spanish and read retrieved context, but must not know the target company's
(the shop's) facts. So everything here comes from the two NON-target companies (operator, bank):

- conversations: the corpus generator's logs of those companies (what support sounds like);
- reading exercises: KB passages in exactly the RAG prompt layout (kit/prompts.py), a customer
  question, and an answer that states the passage's facts and cites its id. Fact values are perturbed
  per exercise (other digits, sometimes another value), so the answer can only be right by copying
  from the context, never from memory: that is the skill the shop's RAG arm needs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kit.corpus.generate import load_company  # noqa: F401 - the tiny-es builder reads companies from here
from kit.corpus.schema import Company, Intent, KBPage
from kit.prompts import build_messages, format_passage

SOURCE_COMPANIES = ("operator", "bank")  # the shop is the target: never used for the base
Messages = list[dict[str, str]]

_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"(?<![\w\x00{])[^\W\d_]{3,}(?![\w\x00}])")  # a word of 3+ letters, not a fence


@dataclass(frozen=True)
class Chunk:
    id: str
    text: str
    units: tuple[str, ...] = ()  # list items / table rows / sentences: what an extractive answer copies




def render(template: str, values: dict[str, str], rng: random.Random | None = None, slots=None) -> str:
    """Fill `{fact_id}` from values and `{slot}` from slot lists; unknown names stay as written."""

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        if slots and rng is not None and slots.get(name):
            return rng.choice(slots[name])
        return match.group(0)

    return _PLACEHOLDER.sub(fill, template)


def chunk_markdown(page_id: str, title: str, markdown: str, with_title: bool = True) -> list[Chunk]:
    """Split a KB page at its headings, one passage per section, as `chatkit prepare` does (kit/data/kb.py):
    id `<page>#<n>` from 0, text `<title> — <heading>` then the section."""
    from kit.data.kb import markdown_sections

    raw = markdown.splitlines()
    # headings are found on stripped lines (the pages are indented literals); bodies keep their indentation
    sections = markdown_sections("\n".join(line.strip() for line in raw))
    chunks = []
    for k, (heading, _, line, stripped) in enumerate(sections):
        first = line + 1 if k else 0
        lines = raw[first : first + len(stripped)]
        body = "\n".join(lines).strip()
        if not body:
            continue
        label = f"{title} — {heading}" if heading and heading != title else title
        text = f"{label}\n\n{body}" if with_title else body
        chunks.append(Chunk(f"{page_id}#{len(chunks)}", text, _units(lines)))
    return chunks


_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+")


def _units(lines: list[str]) -> tuple[str, ...]:
    """List items and paragraphs (with their continuation lines), table rows, split into sentences."""
    items: list[str] = []
    new_item = True
    for line in lines:
        stripped = line.strip()
        if not stripped or set(stripped) <= set("|-: "):
            new_item = True  # a blank line or a table rule ends the item
            continue
        if new_item or _ITEM.match(line) or stripped.startswith("|") or items[-1].startswith("|"):
            items.append(_ITEM.sub("", stripped))
        else:  # a continuation line of the item or paragraph
            items[-1] += " " + stripped
        new_item = False
    units: list[str] = []
    for item in items:
        if item.startswith("|"):
            units.append(" | ".join(c.strip() for c in item.strip("|").split("|")))
        else:
            units.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡])", item) if s)
    return tuple(units)


def perturb_facts(
    company: Company, rng: random.Random, word_pool: Sequence[str], p_digits: float = 0.8, p_word: float = 0.3
) -> dict[str, str]:
    """A counterfactual world: each fact keeps its value, or gets other digits / another fact's words."""
    world = {}
    for fid, fact in company.facts.items():
        value = fact.value if rng.random() > 0.2 or not fact.v2 else fact.v2
        if _DIGITS.search(value):
            if rng.random() < p_digits:
                value = _DIGITS.sub(lambda m: _random_digits(m.group(0), rng), value)
        elif word_pool and rng.random() < p_word:
            value = rng.choice(word_pool)
        world[fid] = value
    return world


def _random_digits(run: str, rng: random.Random) -> str:
    if set(run) == {"0"}:
        return run  # "8:00", "900": keep the shape of times and round numbers
    first = str(rng.randint(1, 9)) if run[0] != "0" else "0"
    return first + "".join(str(rng.randint(0, 9)) for _ in run[1:])


_DICTATION = (
    "¿Qué dice el documento [{id}]?",
    "Léame el documento [{id}], por favor.",
    "¿Qué pone en [{id}]?",
    "Necesito saber qué dice [{id}].",
    "¿Me copia lo que dice [{id}]?",
)


_AGAIN = ("¿Me lo repite, por favor?", "Otra vez, por favor.", "No le entendí, ¿puede repetirlo?", "Repítamelo, por favor.")


def quote(chunk: Chunk, values: Sequence[str] = ()) -> str:
    """`[id] text` exactly as the passage line reads in the prompt (kit.prompts.format_passage), cut
    after the sentence holding the last of `values` (the whole passage when none is found).

    Starting the quote the way the passage line starts lets a copy run straight on from the id: each
    next token follows the same tokens in the prompt (what an induction head continues); a colon or a
    skipped title after the id would break that chain at its first link.
    """
    line = format_passage(chunk.id, chunk.text)
    ends = [line.find(v) + len(v) for v in values if v and line.find(v) > 0]
    if not ends:
        return line
    stop = re.search(r"[.!?](?=\s|$)", line[max(ends) :])
    return line if stop is None else line[: max(ends) + stop.end()]


_ONSETS = ("", "b", "c", "ch", "d", "f", "g", "gu", "j", "l", "ll", "m", "n", "ñ", "p", "qu", "r", "rr", "s", "t",
           "v", "x", "y", "z", "br", "cl", "fr", "pl", "tr")
_VOWELS = ("a", "e", "i", "o", "u", "á", "é", "í", "ó", "ú", "ia", "ue", "io")
_CODAS = ("", "", "", "n", "s", "r", "l", "x")


def made_up_word(rng: random.Random) -> str:
    """A pronounceable word no company uses (its BPE pieces in new orders): what a shop term looks like
    to a base that never read the shop (CFDI, licuadora, regresar...)."""
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.randint(1, 4)))
    return word.upper() if rng.random() < 0.1 else word


def _swap(word: str, rng: random.Random, vocab: Sequence[str], p: float) -> str:
    if rng.random() >= p:
        return word
    new = rng.choice(vocab) if rng.random() < 0.5 else made_up_word(rng)
    return new[:1].upper() + new[1:] if word[:1].isupper() else new.lower()


def word_values(companies: Sequence[Company]) -> list[str]:
    """Fact values without digits, the pool word facts are swapped from."""
    return sorted({f.value for c in companies for f in c.facts.values() if not _DIGITS.search(f.value)})


class ReadingExercises:
    """Reading exercises for one company: passages in the RAG layout, questions, grounded answers."""

    def __init__(
        self,
        company: Company,
        others: Sequence[Company],
        system_prompt: str,
        template_share: float = 0.25,
        gold_first: float = 0.6,
    ):
        self.template_share = template_share  # answers in the agents' words; the rest quote the passage
        self.gold_first = gold_first  # share of exercises with the answer's passage listed first
        self.company = company
        self.others = list(others)
        self.system_prompt = system_prompt
        self.pages = {p.id: p for p in company.pages}
        self.intents = [
            i for i in company.intents if i.required_facts and any(k in self.pages for k in i.kb_ids)
        ]
        self.word_pool = word_values([company, *others])
        self.vocab = sorted({w for c in [company, *others] for p in c.pages for w in _WORD.findall(p.body)})

    def chunks(
        self,
        pages: Sequence[KBPage],
        world: dict[str, str],
        rng: random.Random,
        with_title: bool,
        p_swap: float = 0.0,
    ) -> list[Chunk]:
        """KB pages chunked, facts from `world`; a share p_swap of the other words swapped at random.

        Swapped words make every passage new text, so an answer that quotes it can only be copied, not
        recalled: the model learns to read, which is what it needs for a company it never saw.
        """
        out = []
        for page in pages:
            body = self.fill(page.body, world, rng, p_swap)
            out.extend(chunk_markdown(page.id, page.title, body, with_title))
        return out

    def fill(self, template: str, world: dict[str, str], rng: random.Random, p_swap: float) -> str:
        """`render` with facts from `world` and a share p_swap of the other words swapped."""
        text = render(template, {k: f"\x00{k}\x00" for k in world})  # facts fenced off from swaps
        if p_swap:
            text = _WORD.sub(lambda m: _swap(m.group(0), rng, self.vocab, p_swap), text)
        text = re.sub("\x00(\\w+)\x00", lambda m: world[m.group(1)], text)
        return render(text, {}, rng, self.company.slots)

    def qa_passage(self, intent: Intent, world: dict[str, str], rng: random.Random, p_swap: float) -> Chunk:
        """A question->answer pair mined from a log, as `chatkit prepare` writes them into kb.jsonl."""
        from kit.corpus.generate import ID_FORMATS, ID_OFFSETS

        question = render(rng.choice(intent.questions), world, rng, self.company.slots)
        answer = self.fill(rng.choice(intent.answers), world, rng, p_swap)
        number = ID_OFFSETS.get(self.company.key, 0) + rng.randint(1, 999)
        conv_id = ID_FORMATS.get(self.company.key, "{:d}").format(number)
        return Chunk(
            f"qa:{conv_id}#{rng.randrange(1, 9, 2)}", f"Pregunta: {question}\nRespuesta: {answer}", (answer,)
        )

    def gold_chunks(self, intent: Intent, chunks: list[Chunk], world: dict[str, str]) -> list[Chunk]:
        """The passages of the intent's pages that state its required facts (each fact once)."""
        gold: list[Chunk] = []
        pages = tuple(intent.kb_ids)
        for fid in intent.required_facts:
            value = world.get(fid, "")
            hit = [c for c in chunks if c.id.split("#")[0] in pages and value and value in c.text]
            hit = hit or [c for c in chunks if value and value in c.text]
            if hit and hit[0] not in gold:
                gold.append(hit[0])
        return gold

    def answer(self, intent: Intent, gold: list[Chunk], world: dict[str, str], rng: random.Random) -> str:
        """An agent answer stating the facts and citing ids: in the agents' words (a template), or a
        verbatim quote of each passage from its start through the sentence that holds the facts."""
        if rng.random() < self.template_share:
            cite = " ".join(f"[{c.id}]" for c in gold)
            text = render(rng.choice(intent.answers), world, rng, self.company.slots)
            # the citation first, as in a quote: after "Según [id]" an answer always goes on (never
            # "[id]" then the end of the turn, which taught the base to stop right after the id)
            return f"Según {cite}, {text[:1].lower()}{text[1:]}"
        values = [world[f] for f in intent.required_facts if f in world]
        whole = rng.random() < 0.25
        return "Según " + " ".join(quote(c, () if whole else values) for c in gold)

    def dictation(self, rng: random.Random, max_passages: int = 3) -> Messages:
        """A copy drill: nearly-new text under made-up ids; the answer quotes the passage asked for.

        Copying a passage word for word needs induction heads (find the earlier occurrence of the
        current token, emit what followed it). Text the model cannot predict from memory makes copying
        the only way to lower the loss, so the circuit the reading exercises rely on forms early.
        """
        world = perturb_facts(self.company, rng, self.word_pool)
        pages = rng.sample(self.company.pages, k=min(len(self.company.pages), rng.randint(1, max_passages)))
        chunks = self.chunks(pages, world, rng, with_title=True, p_swap=rng.choice((0.5, 0.7, 0.9)))
        chunks = rng.sample(chunks, k=min(len(chunks), max_passages))
        chunks = [
            Chunk(
                f"{rng.choice(self.vocab).lower()}-{rng.choice(self.vocab).lower()}#{rng.randint(0, 9)}",
                c.text,
                c.units,
            )
            for c in chunks
        ]
        k = 0 if rng.random() < 0.5 else rng.randrange(len(chunks))
        question = rng.choice(_DICTATION).format(id=chunks[k].id)
        messages = build_messages(self.system_prompt, question, [(c.id, c.text) for c in chunks])
        answer = "Según " + quote(chunks[k])
        messages.append({"role": "assistant", "content": answer})
        # repeats: the same text again a few dozen tokens later, the easiest copy there is (the
        # circuit forms on short distances first, then serves the long ones)
        for _ in range(rng.randint(1, 3)):
            messages.append({"role": "user", "content": rng.choice(_AGAIN)})
            messages.append({"role": "assistant", "content": answer})
        return messages

    def make(self, rng: random.Random, max_passages: int = 4, max_turns: int = 3) -> Messages:
        """One exercise: 1..max_turns questions about different intents over shared passages."""
        world = perturb_facts(self.company, rng, self.word_pool)
        with_title = rng.random() < 0.9
        p_swap = rng.choice((0.0, 0.2, 0.35, 0.5))
        n_turns = rng.randint(1, max_turns)
        intents = rng.sample(self.intents, k=min(n_turns, len(self.intents)))
        # render only the pages this exercise can show: the intents' pages and a few distractor pages
        wanted = {k for i in intents for k in i.kb_ids} | {p.id for p in rng.sample(self.company.pages, k=3)}
        chunks = self.chunks(
            [p for p in self.company.pages if p.id in wanted], world, rng, with_title, p_swap
        )
        turns, passages = [], []
        for intent in intents:
            if rng.random() < 0.3:  # the answer sits in a mined Q->A pair rather than a KB page
                gold = [self.qa_passage(intent, world, rng, p_swap)]
            else:
                gold = self.gold_chunks(intent, chunks, world)
            if not gold or len(passages) + len(gold) > max_passages:
                continue
            passages.extend(c for c in gold if c not in passages)
            question = render(rng.choice(intent.questions), world, rng, self.company.slots)
            turns.append((question, self.answer(intent, gold, world, rng)))
        if not turns:
            return []
        pool = [c for c in chunks if c not in passages]
        pool += [self.qa_passage(rng.choice(self.intents), world, rng, p_swap) for _ in range(2)]
        if self.others and rng.random() < 0.3:  # a distractor from another company now and then
            other = rng.choice(self.others)
            values = {k: f.value for k, f in other.facts.items()}
            pool += self.chunks(rng.sample(other.pages, k=2), values, rng, with_title)
        n_distract = min(rng.randint(0, max(0, max_passages - len(passages))), len(pool))
        passages += rng.sample(pool, k=n_distract)
        if rng.random() > self.gold_first:  # else as retrieval ranks them: the first answer's passage first
            rng.shuffle(passages)
        messages = build_messages(self.system_prompt, turns[0][0], [(c.id, c.text) for c in passages])
        messages.append({"role": "assistant", "content": turns[0][1]})
        for question, answer in turns[1:]:
            messages += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
        return messages


def conversation_messages(conversation, system_prompt: str) -> Messages:
    """A corpus conversation as chat messages under the default system prompt (its own system dropped)."""
    msgs = [{"role": "system", "content": system_prompt}]
    for m in conversation.messages:
        if m.role in ("user", "assistant") and m.content.strip():
            if msgs[-1]["role"] == m.role:  # merge consecutive lines of one speaker into one turn
                msgs[-1] = {"role": m.role, "content": msgs[-1]["content"] + "\n" + m.content}
            else:
                msgs.append({"role": m.role, "content": m.content})
    while msgs and msgs[-1]["role"] != "assistant":
        msgs.pop()
    return msgs if len(msgs) >= 3 else []


def intent_dialogues(company: Company, system_prompt: str, rng: random.Random, n: int) -> list[Messages]:
    """Short clean question/answer chats from the content (real facts), used beside the corpus logs."""
    facts = {k: f.value for k, f in company.facts.items()}
    intents = [i for i in company.intents if i.answers]
    out = []
    for _ in range(n):
        intent = rng.choice(intents)
        msgs = [{"role": "system", "content": system_prompt}]
        msgs.append(
            {"role": "user", "content": render(rng.choice(intent.questions), facts, rng, company.slots)}
        )
        msgs.append(
            {"role": "assistant", "content": render(rng.choice(intent.answers), facts, rng, company.slots)}
        )
        for q, a in intent.followups[: rng.randint(0, len(intent.followups))]:
            msgs.append({"role": "user", "content": render(q, facts, rng, company.slots)})
            msgs.append({"role": "assistant", "content": render(a, facts, rng, company.slots)})
        out.append(msgs)
    return out
