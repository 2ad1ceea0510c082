"""Run the benchmarks: `python -m tests.perf [NAME ...]`."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import tests.perf
from tests.perf.harness import BENCHMARKS


def main(argv: list[str]) -> int:
    for module in pkgutil.iter_modules(tests.perf.__path__):
        if module.name.startswith("bench_"):
            importlib.import_module(f"tests.perf.{module.name}")
    importlib.import_module("tests.perf.handover")  # bench handover_open (issue 15)
    names = argv or sorted(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        sys.stderr.write(
            f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(sorted(BENCHMARKS))}\n"
        )
        return 2
    for name in names:
        BENCHMARKS[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
