"""Roles: the title or role words the article sets beside a person's name, read from the
parse: premodifiers ("US President"), titles stripped from the name ("Adm.") and
appositions ("Brad Cooper, head of US Central Command")."""

from __future__ import annotations

import re
from typing import Any

from .words import PREPOSITIONS, PUNCT_EDGE, WS, drop_courtesy, is_title_word, join_tokens


def person_role(span: Any, prefix: str) -> str | None:
    """The role the article gives a person: premodifiers ("US President"), titles stripped
    from the name ("Adm."), or an apposition ("Brad Cooper, head of US Central Command")."""
    # a rank of nobility is how the person is named, no role: "Sheikh" of "Sheikh Tamim",
    # "Sir" of "Prime Minister Sir Keir Starmer" and of "Prof Sir Stephen Powis"
    left = " ".join(_without_honorifics(_left_role(span).split()))
    prefix = " ".join(_without_honorifics(prefix.split()))
    parts = [p for p in (left, prefix) if p]
    role = " ".join(parts) if parts else None
    if role:
        role = _title_first(role)
    if role and not _role_has_title(role):
        role = None
    appositive = _appositive_role(span)
    if role is None:
        role = appositive
    elif appositive and all(is_title_word(w) for w in role.split()):
        role = f"{role}, {appositive}"  # "Brig.-Gen., spokesman for the army"
    return _clean_role(role) if role else None


def _title_first(role: str) -> str:
    """An abbreviated title that ends a role leads it, as in "Brig.-Gen., spokesman":
    "Adm., US Central Command (CENTCOM) head", not "… head Adm." cut off from the name it
    stood before (the seed; "incumbent Gov." and "spokesman Brig.-Gen." on dev pages)."""
    words = role.split()
    titles: list[str] = []
    while len(words) > 1 and words[-1].endswith(".") and is_title_word(words[-1]):
        titles.insert(0, words.pop())
    if titles and all(w[:1].isupper() for w in words):
        return role  # the place or body the title is of: "Oklahoma Gov."
    return f"{' '.join(titles)}, {' '.join(words)}" if titles else role


def _left_role(span: Any) -> str:
    doc = span.doc
    i = span.start - 1
    first = span.start
    sent_start = span.sent.start
    while i >= 0 and span.start - i <= 10:
        tok = doc[i]
        cut = _cut_role(doc, i)
        if tok.ent_type_ == "PERSON" and not cut:
            break
        if i < sent_start and not (is_title_word(tok.text) or _abbreviation_dot(doc, i) or cut):
            break  # the model may end a sentence at "Brig.-Gen." but no further back
        ok = (
            tok.tag_ in ("NNP", "NNPS", "NN", "JJ", "POS", "HYPH", "-LRB-", "-RRB-", "CD")
            or tok.ent_type_ in ("ORG", "GPE", "NORP")
            or is_title_word(tok.text)
            or _abbreviation_dot(doc, i)
        )
        if not ok or tok.text in ("“", '"', "”", "‘") or tok.lower_ in PREPOSITIONS:
            break  # a preposition ends the role: "a shot past goalkeeper Sam Whitaker"
        first = i
        i -= 1
    if first == span.start:
        return ""
    nearest = doc[span.start - 1]
    if nearest.tag_ == "POS":
        return ""  # an owner, not a role: "the company's Roundup", "the club's Ibrox"
    if nearest.tag_ in ("JJ", "JJR", "JJS") and not is_title_word(nearest.text):
        return ""  # a description of a thing, not a role: "the new Mac Pro", "lunar Gateway"
    if nearest.tag_ in ("NNS", "NNPS") and not is_title_word(nearest.text):
        return ""  # a plural is a group's, no one's role: "Councilmembers Frank Russo and …"
    words = [t for t in doc[first : span.start] if not t.is_punct]
    if all(t.tag_ in ("JJ", "DT") or t.lower_ in _HONORIFICS for t in words):
        return ""  # a bare adjective ("the former Jackson's") or a rank of nobility that is
        # part of the name ("Lord Hendy", "Sheikh Tamim"), no role
    text = doc[first : span.start].text
    if text.count("(") != text.count(")"):
        return ""
    return str(text)


def _without_honorifics(words: list[str]) -> list[str]:
    """``words`` of a role before a name without the ranks of nobility ending it."""
    while words and words[-1].lower().strip(".,") in _HONORIFICS:
        words = words[:-1]
    return words


# Ranks a name is said with ("Lord Hendy", "Dame Judi"): part of how the person is named
_HONORIFICS = frozenset(
    ("lord", "lady", "sir", "dame", "baron", "baroness", "earl", "sheikh", "sheikha", "sheik")
)


def _cut_role(doc: Any, i: int) -> bool:
    """Whether token ``i`` is in a "person" the model ended on a title, cut from the name
    after it: a role ("Cal Fire spokesperson Capt" before ". Robyn Lee")."""
    if doc[i].ent_type_ != "PERSON":
        return False
    j = i
    while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
        j += 1
    return is_title_word(doc[j].text)


def _abbreviation_dot(doc: Any, i: int) -> bool:
    """A full stop glued to an abbreviated title before it: the "." of "Brig.-Gen."; not
    the full stop of a sentence that ends on a title ("appointing Cooper as foreign
    secretary. Steve Reed replaces ...")."""
    return bool(
        doc[i].text == "."
        and i > 0
        and not doc[i - 1].whitespace_
        and is_title_word(doc[i - 1].text)
        and len(re.split(r"[.\-]", doc[i - 1].text)[-1]) <= 5
    )


def _role_has_title(role: str) -> bool:
    words = re.findall(r"[A-Za-z][\w.\-']*", role)
    return any(is_title_word(w) or (w.islower() and len(w) > 2) for w in words)


def _appositive_role(span: Any) -> str | None:
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.tag_ in ("NN", "NNP", "NNS"):
            if child.ent_type_ == "PERSON" or child.like_num or _a_measure(child):
                continue
            toks = [t for t in child.subtree if not _inside_clause(t, child)]
            if _only_origin(toks):
                continue
            # a hyphenated word the parse split into appositions: "co" + "-" + "founder"
            for other in root.children:
                if other.dep_ == "appos" and other.i > child.i and not _apart(toks, other):
                    toks += [t for t in other.subtree if not _inside_clause(t, other)]
            if 0 < len(toks) <= 12:
                return join_tokens(toks)
    if root.dep_ == "appos" and root.head.i < span.start and _set_off(span, root.head):
        head = root.head
        toks = [t for t in head.subtree if t.i < span.start and not _inside_clause(t, head)]
        if 0 < len(toks) <= 12:
            return join_tokens(toks)
    return None


def _set_off(span: Any, head: Any) -> bool:
    """Whether the noun ``head`` before a person is an apposition the text sets off with a
    comma or a dash ("The Rail Minister, Lord Hendy,"): a common noun or a title; a noun the
    person follows straight on is the parse's mistake ("a sweep off Glenn Phillips")."""
    doc, i = span.doc, span.start - 1
    while i > head.i and doc[i].lower_ in _HONORIFICS:
        i -= 1  # ", Lord Hendy"
    before = doc[i] if i > head.i else None
    if before is None or before.text not in (",", "—", "–", "-", "("):
        return False
    return bool(head.tag_ == "NN" or (head.tag_ == "NNP" and is_title_word(head.text)))


def _a_measure(tok: Any) -> bool:
    """Whether an apposition is a measure, a number's unit ("Peter, 6ft 2in and recovering
    from a hip operation"): a description, not a role."""
    return any(c.dep_ == "nummod" and c.like_num for c in tok.children)


def _only_origin(toks: list[Any]) -> bool:
    """Whether an apposition names only a country or a people ("Lando Norris (Britain)" in
    a results list, "Josh Shapiro, a Democrat"): where a person is from or which party they
    are of, no role."""
    words = [t for t in toks if not (t.is_punct or t.dep_ == "det")]
    return bool(words) and all(t.ent_type_ in ("GPE", "NORP") for t in words)


def _apart(toks: list[Any], other: Any) -> bool:
    """Whether a space or a token lies between the last of ``toks`` and ``other``'s phrase."""
    first = min(t.i for t in other.subtree)
    last = max(t.i for t in toks)
    return first != last + 1 or bool(other.doc[last].whitespace_)


def _inside_clause(tok: Any, top: Any) -> bool:
    """Whether ``tok`` sits in a relative/adverbial clause or apposition below ``top``."""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl", "advcl", "appos", "parataxis", "ccomp"):
            return True
        tok = tok.head
    return False


_POSSESSIVES = frozenset(("his", "her", "its", "their", "our", "my", "your"))


def _clean_role(role: str) -> str | None:
    role = WS.sub(" ", role).strip()
    if ":" in role or "|" in role:
        return None  # a caption's lead-in ("Victims: From left to right: Dorota ..."), a
        # table's cells ("| B Duckett | lbw b Bumrah |")
    if not role or role.split()[0].lower() in _POSSESSIVES:
        return None  # someone else's ("her former record label", "its core components")
    role = re.sub(r"(^|, )(?:the|a|an|The|A|An)\s+", r"\1", role)
    role = PUNCT_EDGE.sub("", " ".join(drop_courtesy(role.split())))
    if role.count("(") != role.count(")") or re.search(r"\(\s*\)", role):
        return None  # a credit run into the text ("(Reuters) London Mayor Sadiq", "@name)")
    return role or None
