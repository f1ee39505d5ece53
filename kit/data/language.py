"""A cheap language guess from function words: enough to flag English or Portuguese chats in Spanish logs."""

from __future__ import annotations

import re
from collections import Counter

# Frequent, mostly distinctive function words (words shared by several languages are left out).
_STOPWORDS = {
    "es": "el la los las del que por para con una uno como pero más muy está estoy usted ustedes gracias hola "
          "qué cómo cuándo dónde sí también puedo quiero necesito tengo su sus mi mis al es son hay ya le lo",
    "en": "the and you your for with this that have has are was were what when where how can could would "
          "please thanks thank hello hi my our is it be will not order",
    "pt": "você não obrigado obrigada olá como está uma um com para pelo pela meu minha seu sua são "
          "também já isso então muito",
    "fr": "le les des est une pour avec vous nous merci bonjour je suis pas mais très votre",
    "it": "il gli della sono per con una grazie ciao buongiorno non che mio suo anche",
    "de": "der die das und ist nicht ich sie wir mit für bitte danke hallo ein eine",
}
# word -> language, for words that belong to one language only (a shared word is no evidence).
_OWNER: dict[str, str] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words.split():
        _OWNER[_w] = "" if _w in _OWNER and _OWNER[_w] != _lang else _lang
_TOKEN = re.compile(r"[^\W\d_]+")


def guess_language(text: str, sample_chars: int = 4000) -> str:
    """ISO 639-1 code of the most likely language, or "und" when there is too little evidence."""
    tokens = _TOKEN.findall(text[:sample_chars].lower())
    if not tokens:
        return "und"
    scores = Counter(map(_OWNER.get, tokens))
    scores.pop(None, None)
    scores.pop("", None)
    if not scores:
        return "und"
    best, hits = scores.most_common(1)[0]
    if hits < 2 or hits < 0.05 * len(tokens):
        return "und"
    return best
