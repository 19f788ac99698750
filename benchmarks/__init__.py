"""Benchmarks of the service; each module's docstring says how to run it."""
