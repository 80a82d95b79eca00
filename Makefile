# Benchmarks; the everyday commands are `python3 dev.py demo` and `python3 dev.py test` (README).
PYTHON ?= .venv/bin/python
# The benchmarks run Django with DEBUG off, which needs a SECRET_KEY of its own (config/settings.py).
export SECRET_KEY ?= cascade-benchmarks-only-key-never-for-production-0123456789abcdef

.PHONY: bench
bench:  ## seed data set L (100,000 goals) on PostgreSQL, run the scan, page, API, create-burst and mixed-load benchmarks, record bench/RESULTS.md
	python3 -c "import dev; dev.ensure_installed('[bench]')"
	nice -n 5 $(PYTHON) bench/burst_benchmark.py --write $(BENCH_ARGS)
