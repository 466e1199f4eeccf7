"""`make bench`: the benchmark of docs/performance.md (run.py orchestrates, measure.py measures)."""
