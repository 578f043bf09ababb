"""Benchmarks: synthetic reference sets and corpora (generate.py) and the timing table (run.py)."""
