"""Citations: the work data a citation reads, the styles, title casing."""
