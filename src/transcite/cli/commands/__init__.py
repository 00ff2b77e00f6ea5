"""Click commands. Each module holds one command (or a closely related pair)."""
