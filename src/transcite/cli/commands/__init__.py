"""One module per ``transcite`` command, each imported only when that command runs."""
