"""Quotations by REF: excerpts, sentences, setting by style, annotations, text fragments."""
