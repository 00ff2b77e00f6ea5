"""``transcite check``: every quotation and citation of a manuscript checked against the
corpus (see docs/check.md)."""

from transcite.check.readers import read_manuscript
from transcite.check.run import Checked, Finding, Report, check_manuscript

__all__ = ["Checked", "Finding", "Report", "check_manuscript", "read_manuscript"]
