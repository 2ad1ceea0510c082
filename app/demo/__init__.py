"""The demo plant and the seeded generator of larger plants for benchmarks."""
