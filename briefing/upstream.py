"""The private upstream APIs this package relies on, in one place.

Each is a documented risk: an upgrade of the library may rename or change it without
notice. ``tests/test_upstream.py`` checks every entry against the installed versions, so
an upgrade that breaks one fails loudly in CI instead of silently in a user's briefing.

- thinc: ``Ops.gemm(x, y, out=None, trans1=False, trans2=False)``, overridden in
  ``briefing.nlp`` to route matrix products through numpy's BLAS.
- spaCy: ``spacy.tokens._retokenize.set_token_attrs(token, attrs)``, used by the compiled
  attribute ruler in ``briefing.ruler`` to set the same attributes as spaCy's own ruler,
  and ``AttributeRuler.patterns`` / ``.attrs`` / ``.indices`` read when compiling it.
- WeasyPrint: ``Page._page_box`` (its ``children`` and ``height``, each child's
  ``margin_height()``), read in ``briefing.pdf`` to measure how full the last page is.
- sumy: the summarizers' private steps, called in ``briefing.summarize`` to score every
  sentence instead of only picking the top ones (see ``SUMY_PRIVATE`` below).
"""

from __future__ import annotations

#: sumy summarizer class (module, name) -> the private methods we call on it.
SUMY_PRIVATE: dict[tuple[str, str], tuple[str, ...]] = {
    ("sumy.summarizers.lex_rank", "LexRankSummarizer"): (
        "_to_words_set",
        "_compute_tf",
        "_compute_idf",
        "_create_matrix",
    ),
    ("sumy.summarizers.lsa", "LsaSummarizer"): (
        "_create_dictionary",
        "_create_matrix",
        "_compute_term_frequency",
        "_compute_ranks",
    ),
    ("sumy.summarizers.luhn", "LuhnSummarizer"): ("_get_significant_words",),
    ("sumy.summarizers.kl", "KLSummarizer"): (
        "_compute_ratings",
        "_get_all_content_words_in_doc",
    ),
    ("sumy.summarizers.sum_basic", "SumBasicSummarizer"): (
        "_compute_ratings",
        "_get_all_content_words_in_doc",
    ),
    ("sumy.summarizers.edmundson", "EdmundsonSummarizer"): (
        "_build_cue_method_instance",
        "_build_title_method_instance",
        "_build_location_method_instance",
    ),
}

#: Other private names, as (module, attribute path).
PRIVATE: tuple[tuple[str, str], ...] = (
    ("spacy.tokens._retokenize", "set_token_attrs"),
    ("thinc.api", "NumpyOps.gemm"),
)
