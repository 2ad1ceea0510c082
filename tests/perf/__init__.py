"""Benchmarks: `python -m tests.perf` runs them all, `python -m tests.perf NAME` one."""
