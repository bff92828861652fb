"""Benchmarks: `python -m benchmarks` (or `make bench`) runs every ``bench_*.py`` module's ``main()``.

Results go to ``benchmarks/results/`` (git-ignored).  Benchmarks read the dev corpora
in ``../shared/data`` by path at run time; no news text is ever written into the repo.
"""
