"""Every private upstream API listed in briefing.upstream still exists and behaves as used.

These fail loudly on a library upgrade that renames or changes one, with the name to look
at, instead of letting a briefing go quietly wrong.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest

from briefing.upstream import PRIVATE, SUMY_PRIVATE


def _resolve(module: str, path: str) -> Any:
    value: Any = importlib.import_module(module)
    for part in path.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize(("module", "path"), PRIVATE)
def test_private_name_exists(module: str, path: str) -> None:
    assert callable(_resolve(module, path)), f"{module}.{path} is gone: see briefing/upstream.py"


@pytest.mark.parametrize(("where", "methods"), sorted(SUMY_PRIVATE.items()))
def test_sumy_private_methods_exist(where: tuple[str, str], methods: tuple[str, ...]) -> None:
    cls = _resolve(*where)
    missing = [m for m in methods if not callable(getattr(cls, m, None))]
    assert not missing, f"{where[1]} lost {missing}: see briefing/upstream.py"


def test_thinc_gemm_signature_is_the_one_we_override() -> None:
    from thinc.api import NumpyOps

    params = list(inspect.signature(NumpyOps.gemm).parameters)
    assert params[:6] == ["self", "x", "y", "out", "trans1", "trans2"]


def test_set_token_attrs_sets_a_tag() -> None:
    import spacy
    from spacy.tokens._retokenize import set_token_attrs

    doc = spacy.blank("en")("Rain fell")
    set_token_attrs(doc[0], {doc.vocab.strings.add("TAG"): doc.vocab.strings.add("NN")})
    assert doc[0].tag_ == "NN"


def test_attribute_ruler_exposes_what_the_compiled_ruler_reads() -> None:
    import spacy

    ruler: Any = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "fell"}]], {"TAG": "VBD"})
    assert next(iter(ruler.patterns))["patterns"] == [[{"ORTH": "fell"}]]
    assert len(ruler.attrs) == len(ruler.indices) == 1


def test_weasyprint_page_box_has_what_the_fitter_measures() -> None:
    weasyprint = pytest.importorskip("weasyprint", reason="WeasyPrint needs Pango")
    document = weasyprint.HTML(string="<p>one line</p>").render()
    box = document.pages[-1]._page_box
    assert float(box.height) > 0
    assert max(float(child.margin_height()) for child in box.children) > 0
