"""The quality gate's Great Expectations suites as JSON; shipped as package data `curate.expectations`."""
