"""Making records from captures: the readers (plain text, web pages) and fetching pages."""
