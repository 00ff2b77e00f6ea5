"""``transcite validate``: the checks of a record's credits and integrity, and their runner."""
