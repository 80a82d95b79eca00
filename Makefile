# Benchmarks; the everyday commands are `python3 dev.py demo` and `python3 dev.py test` (README).
PYTHON ?= .venv/bin/python

.PHONY: bench
bench:  ## seed a 100,000-goal company on PostgreSQL, time the alignment scan, record bench/RESULTS.md
	python3 -c "import dev; dev.ensure_installed('')"
	$(PYTHON) bench/scan_benchmark.py --write
