"""The errors a user can cause. Each message names the input and says how to fix it."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class for every failure a user can cause (bad input, bad output path, bad option)."""


class InputError(BriefingError):
    """An input could not be read or holds no article."""


class OutputError(BriefingError):
    """An output could not be written."""


class TemplateError(BriefingError):
    """A template could not be found or failed to render."""


class ModelError(BriefingError):
    """The spaCy model named by the user is not installed."""
