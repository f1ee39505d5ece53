"""The synthetic Spanish support-corpus generator.

schema.py        the content contract: Company, Fact, KBPage, Intent
companies/       one content module per fictional company (packages: shop/ MX, operator/ ES, bank/ CO)
validate.py      checks content against the contract (distinct facts, answers cite facts, no eval leaks)
generate.py      load_company(), generate() -> CorpusOutput: conversations, eval/update items, KB v1/v2, labels
conversation.py  composes one conversation from blocks of turns; PlantedItem
dialogue.py      Scene (per-company precomputation), message pieces, customer rendering
lines.py         the generator's own Spanish lines (asking for ids, acknowledgements, volunteered data)
noise.py         how customers type: register, regional words, typos, accents, emojis, chat-speak
pii.py           personal data with valid check digits, and look-alikes that are not personal data
pii_text.py      personal data without check digits (addresses, birth dates, plates, handles, obfuscated contacts)
plant.py         plants those and their look-alikes at message edges, on a stream of their own
formats.py       the three helpdesk formats (JSONL, ticket CSV, daily transcripts), written and read back
export.py        writes <out>/<company>/ atomically with KB files, eval sets, labels and a README
stats.py         figures about a generated folder (`chatkit corpus stats`)
"""
