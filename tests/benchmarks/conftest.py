"""Benchmarks run apart from the default suite: ``python -m pytest tests/benchmarks -s``.

Each prints the figures it measured in this run and checks them against the targets of the
issue. Speed is always a ratio to a bare baseline measured in the same run on this machine.
"""
