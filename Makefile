# Benchmarks (see docs/performance.md). Tests: ./scripts/test; the demo: ./scripts/demo.
.PHONY: bench bench-smoke

# Every benchmark beside its baseline, in under 15 minutes on 2 cores: benchmarks/results/latest.md and .json.
bench:
	./scripts/bench

# Every benchmark on tiny inputs (no meaningful figures): proves the commands work; benchmarks/results/smoke.*.
bench-smoke:
	./scripts/bench --smoke
