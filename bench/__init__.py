"""Benchmarks of the terminal against baselines measured in the same run (issue 9).

    python -m bench run [--households N] [--sales M] [--forward K] [--products P] [--out DIR]

See ``docs/benchmarks.md`` for what each row measures, its baseline, its target, and the
latest results. Every measurement that holds memory or a database runs in its own
subprocess, so each reports its own peak RSS and none warms another's caches by accident.
"""
