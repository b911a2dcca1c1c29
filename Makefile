# Every target installs what it needs first (scripts/bootstrap.sh is idempotent).
SHELL := /bin/bash
ENV := . scripts/env.sh &&

.PHONY: setup synth test test-fast bench bench-small generate lint

setup:
	@scripts/bootstrap.sh

## synth: synthesize the documented example app (cdktf.json) into cdktf.out/
synth: setup
	@$(ENV) cdktf synth
	@echo "Terraform JSON written to cdktf.out/stacks/documented-key/cdk.tf.json"

## test: the whole suite, once under CDKTF and once under CDK Terrain
test: setup
	@$(ENV) scripts/test.sh

## test-fast: unit and snapshot tests under CDKTF only (no proxy, no CLI)
test-fast: setup
	@$(ENV) pytest -m "not proxy and not cli and not terraform" -q

bench: setup
	@$(ENV) python -m benchmarks

bench-small: setup
	@$(ENV) python -m benchmarks --small

## generate: rewrite the generated API, data and README tables
generate: setup
	@$(ENV) python scripts/generate.py && python scripts/provider_support.py

lint: setup
	@$(ENV) ruff check litellm_cdktf tests scripts && ruff format --check litellm_cdktf && mypy
