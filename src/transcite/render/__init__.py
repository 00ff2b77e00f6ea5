"""Neutral rich text and one backend per output format (text, HTML, Markdown, LaTeX)."""
