"""The command line: ``transcite`` and its options; thin, the work is done by the library."""
