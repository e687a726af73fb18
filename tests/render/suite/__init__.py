"""The CSL processor test suite (tests/data/csl-test-suite) as tests: reader, runner, reasons, tables."""
