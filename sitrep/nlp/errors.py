"""Errors the NLP pipeline raises, importable without importing spaCy."""

from __future__ import annotations


class PipelineError(RuntimeError):
    """The pipeline could not be built; the message says what to fix."""


class ModelError(PipelineError):
    """No configured spaCy model could be loaded; the message lists what was tried."""


class PatternError(PipelineError):
    """A patterns file is malformed or missing; the message names the file and line."""
