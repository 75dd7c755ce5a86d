"""News-likeness: how much an entry reads like a news report rather than a diary, a help
request or a company announcement.

The cues are the textbook genre markers of register analysis (Biber's "involved versus
informational" and "narrative" dimensions), not patterns read off any feed:

- **personal**: first- and second-person pronouns (*I, my, we, our, you*) per word,
  *outside quotations*: a report quotes people who say "we", but its own voice is the
  third person; a blog post, a help request ("I recently bought... can you help?") or a
  company announcement ("today we're excited to announce... you can now") speaks for
  itself and to its reader;
- **questions**: the share of the text's own sentences (outside quotations) and its title
  that end in a question mark: a forum post asks, a report tells;
- **attribution**: the share of sentences that attribute what they report (*said,
  told, according to*, per language), and of sentences holding a quotation of three words
  or more: reported speech with a speaker is how news is written.

The word lists exist per language (English, German, French, Spanish, Portuguese,
Italian, Dutch); for any other language only the language-neutral cues count
(question marks, quotation marks), and the pronoun and attribution terms are 0: an entry
is never penalised for not being English. :func:`news_likeness` gives
``attribution - personal - questions`` (each in 0..1, so the score lies in -2..1, 0
for a text with no cue); :func:`feed_likeness` averages a feed's entries, since a feed
keeps one genre from entry to entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Genre", "feed_likeness", "genre_cues", "news_likeness"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: First- and second-person pronouns and determiners, per language (lower-case; English
#: contractions as written with an apostrophe).
_PERSONAL: Mapping[str, frozenset[str]] = {
    "en": _words(
        "i me my mine myself we us our ours ourselves you your yours yourself yourselves "
        "i'm i've i'd i'll we're we've we'd we'll you're you've you'd you'll"
    ),
    "de": _words(
        "ich mich mir mein meine meinen meinem meiner meines wir uns unser unsere unseren "
        "unserem unserer du dich dir dein deine deinen deinem deiner euch euer eure"
    ),
    "fr": _words("je me moi mon ma mes nous notre nos tu te toi ton ta tes vous votre vos"),
    "es": _words(
        "yo me mí mi mis mío mía nosotros nosotras nos nuestro nuestra nuestros nuestras "
        "tú tu tus te ti vosotros vosotras vuestro vuestra"
    ),
    "pt": _words(
        "eu me mim meu minha meus minhas nós nosso nossa nossos nossas tu te ti teu tua "
        "teus tuas você vocês"
    ),
    "it": _words(
        "io me mi mio mia miei mie noi nostro nostra nostri nostre tu te ti tuo tua tuoi "
        "tue voi vostro vostra vostri vostre"
    ),
    "nl": _words("ik mij me mijn wij we ons onze jij je jou jouw jullie"),
}

#: Attribution: verbs of saying in the reporting tenses, and "according to" (a sentence
#: holding one of these, as a word or a phrase, attributes what it says).
_ATTRIBUTION: Mapping[str, tuple[str, ...]] = {
    "en": (
        "said", "says", "told", "according to", "added", "stated", "reportedly",
        "spokesman", "spokeswoman", "spokesperson", "announced on", "confirmed",
    ),
    "de": (
        "sagte", "sagt", "sagten", "laut", "zufolge", "erklärte", "teilte", "berichtete",
        "sprecher", "sprecherin", "bestätigte",
    ),
    "fr": (
        "a déclaré", "a dit", "selon", "affirme", "a affirmé", "a indiqué", "a annoncé",
        "porte-parole", "a confirmé", "explique",
    ),
    "es": (
        "dijo", "según", "afirmó", "declaró", "aseguró", "explicó", "portavoz",
        "indicó", "confirmó", "señaló",
    ),
    "pt": (
        "disse", "segundo", "afirmou", "declarou", "diz", "referiu", "explicou",
        "porta-voz", "confirmou", "adiantou",
    ),
    "it": (
        "ha detto", "secondo", "ha dichiarato", "ha affermato", "ha spiegato", "portavoce",
        "ha confermato", "ha annunciato", "riferisce",
    ),
    "nl": ("zei", "zegt", "volgens", "aldus", "verklaarde", "woordvoerder", "bevestigde"),
}  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|[^\W\d_]+'")
#: A quotation: text between typographic or straight double quotes, guillemets, German
#: low-high quotes, or single typographic quotes opening at a word's start.
_QUOTE = re.compile(
    r"“[^”\n]{1,600}”|\"[^\"\n]{1,600}\"|«[^»\n]{1,600}»|„[^“”\n]{1,600}[“”]"
    r"|(?<!\w)‘[^’\n]{1,600}’(?!\w)"
)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
#: The opening of a text the cues read (enough for a report's lead and a few paragraphs).
_READ_CHARS = 3000


@dataclass(frozen=True, slots=True)
class Genre:
    """The cues of one entry, each 0..1 (see the module docstring)."""

    personal: float
    questions: float
    attribution: float

    @property
    def score(self) -> float:
        return self.attribution - self.personal - self.questions


def _phrase_patterns(language: str) -> re.Pattern[str] | None:
    phrases = _ATTRIBUTION.get(language)
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_ATTRIBUTION_RE = {code: _phrase_patterns(code) for code in _ATTRIBUTION}


def genre_cues(text: str, title: str | None = None, language: str | None = None) -> Genre:
    """The genre cues of an entry's ``title`` and the opening of its ``text``."""
    opening = text[:_READ_CHARS]
    own = _QUOTE.sub(" ", opening).replace("’", "'")  # the writer's own voice
    code = (language or "").split("-")[0].casefold()
    pronouns = _PERSONAL.get(code)
    words = [w.casefold() for w in _WORD.findall(own)]
    personal = 0.0
    if pronouns is not None and words:
        # per word, scaled so that one pronoun in twenty words counts fully
        personal = min(1.0, 20 * sum(1 for w in words if w in pronouns) / len(words))
    sentences = [s for s in _SENTENCE.split(own) if len(s.split()) >= 3]
    asked = sum(1 for s in sentences if s.rstrip().endswith("?"))
    title_asks = bool(title and title.rstrip().endswith("?"))
    questions = min(1.0, (asked + title_asks) / max(1, len(sentences) + bool(title)))
    pattern = _ATTRIBUTION_RE.get(code)
    reported = [s for s in _SENTENCE.split(opening) if len(s.split()) >= 3]
    attributed = sum(
        1
        for s in reported
        if (pattern is not None and pattern.search(s))
        or any(len(q.split()) >= 3 for q in _QUOTE.findall(s))
    )
    # scaled so that every other sentence attributed counts fully
    attribution = min(1.0, 2 * attributed / max(1, len(reported)))
    return Genre(personal=personal, questions=questions, attribution=attribution)


def news_likeness(text: str, title: str | None = None, language: str | None = None) -> float:
    """How much an entry reads like a news report: ``attribution - personal - questions``
    (-2..1; 0 when no cue is present)."""
    return genre_cues(text, title, language).score


def feed_likeness(values: Sequence[float], feeds: Sequence[str]) -> dict[str, float]:
    """Each feed's mean news-likeness over its entries (``values[i]`` is of ``feeds[i]``)."""
    sums: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for value, feed in zip(values, feeds, strict=True):
        sums[feed] += value
        counts[feed] += 1
    return {feed: sums[feed] / counts[feed] for feed in sums}
