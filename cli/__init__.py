"""The `orientest` command line: init, seed, run, demo."""
