"""Comparison of two texts: paragraph alignment, word diff, revising a record, translations."""
