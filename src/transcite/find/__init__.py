"""``transcite find``: the paragraphs, sentences and captions of a corpus that hold a passage."""

from transcite.find.search import Hit, cite_hit, find

__all__ = ["Hit", "cite_hit", "find"]
