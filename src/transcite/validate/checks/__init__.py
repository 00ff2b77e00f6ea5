"""The checks of ``transcite validate``, registered by importing their modules.

See :mod:`transcite.validate.checks.base` for findings and how a check is registered; the runner is
:mod:`transcite.validate.runner`.
"""

from __future__ import annotations

from transcite.validate.checks import attribution, consistency, integrity, photos
from transcite.validate.checks.base import (
    SEVERITIES,
    UNREADABLE,
    Check,
    Document,
    Finding,
    Severity,
    Subject,
    all_codes,
    registered,
)

__all__ = [
    "SEVERITIES",
    "UNREADABLE",
    "Check",
    "Document",
    "Finding",
    "Severity",
    "Subject",
    "all_codes",
    "attribution",
    "consistency",
    "integrity",
    "photos",
    "registered",
]
