# The project's commands. Everything installs what it needs on first use (a fresh clone needs only
# python3 >= 3.11, node 20 and npm). See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export PYTHONDONTWRITEBYTECODE := 1
# The project venv's tools first (cfn-lint, pytest); app.py switches to the venv itself, so `npx cdk` works
# outside make too.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: sandbox canary test test-unit test-browser test-against-sandbox test-integration test-client synth lint fmt cfn-lint preflight pipeline-dryrun \
	bench mutation outputs clean deps codegen schema-check release-client help

# The pinned requirements with uv, from the package sources pip is configured with (pip.conf, PIP_*); plain pip
# when uv cannot be installed (tools/install_deps.py). The pipeline's build steps install the same way.
$(VENV)/.installed: requirements-dev.txt requirements-integration.txt tools/install_deps.py
	$(PYTHON) -m tools.install_deps --venv $(VENV) -r requirements-dev.txt
	touch $@

# --prefer-offline: packages already in npm's cache are not revalidated with the registry (the lock file pins
# them by integrity hash).
node_modules/.installed: package.json package-lock.json
	npm ci --prefer-offline --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.installed node_modules/.installed

# Amplify's client generator has a package of its own (about 400 npm packages that `make sandbox` does not need):
# installed for `make codegen` and the tests that check clients/ against the schema.
CODEGEN_DEPS := tools/codegen/node_modules/.installed
$(CODEGEN_DEPS): tools/codegen/package.json tools/codegen/package-lock.json
	npm ci --prefix tools/codegen --prefer-offline --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium, for the explorer's browser test (Playwright drives it and never downloads a browser).
# apt only when it is missing: CI machines run as root with apt.
.PHONY: browser
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

## Run the offline sandbox in the foreground (Ctrl-C stops it).
sandbox: deps
	$(PY) -m sandbox $(SANDBOX_ARGS)

## The canary's journey once against the running sandbox (`make sandbox` in another terminal): one line per step
## with its duration; the result goes to the sandbox's moto CloudWatch, never to an AWS account (docs/canary.md).
canary: deps
	$(PY) -m backend.runtime.canary

## Every test: the lint and type gate, unit, the deploy preflight, then integration + Node client tests against
## one sandbox.
test: lint test-unit test-browser preflight test-against-sandbox

# The pipeline's synth step runs this target too (CodeBuild, Ubuntu): no browser tests here.
test-unit: deps $(CODEGEN_DEPS) schema-check
	$(PY) -m pytest tests/unit -q --durations=10 -m "not browser"

## The explorer driven in headless Chromium (Debian's package, installed by `make browser` when missing).
test-browser: deps browser
	$(PY) -m pytest tests/unit -q -m browser

# One sandbox serves both suites; it is stopped afterwards, also on failure.
test-against-sandbox: deps
	$(PY) -m sandbox.run -- bash -c '$(PY) -m pytest tests/integration -q && npm run --silent test:client'

test-integration: deps
	$(PY) -m sandbox.run -- $(PY) -m pytest tests/integration -q

test-client: deps
	$(PY) -m sandbox.run -- npm run --silent test:client

## The GraphQL client code in clients/ (TypeScript, JavaScript, Swift, Dart, plain documents), generated from
## backend/schema.graphql by Amplify's generator; committed, and test-unit fails when it is stale.
codegen: $(CODEGEN_DEPS)
	node tools/codegen/codegen.mjs

## Whether backend/schema.graphql keeps every supported app version (clients/released/) working: removed or
## retyped fields they use, new required arguments, enum values they read, operations that no longer validate
## (docs/evolving-the-api.md). Part of test-unit, so the pipeline's synth step runs it too.
schema-check: deps
	$(PY) -m preflight.compatibility

## Record what an app release ships, so schema-check protects it: make release-client VERSION=1.4.0 [OPERATIONS=dir]
## (default: clients/graphql, from make codegen). Writes clients/released/<VERSION>/; commit it.
release-client: deps
	$(PY) -m preflight.compatibility.release "$(VERSION)"$(if $(OPERATIONS), --operations "$(OPERATIONS)")

## Synthesize the cloud assembly offline (no credentials needed).
synth: deps
	npx cdk synth --quiet

## The lint and type gate (configuration in pyproject.toml): ruff's lint and format check, mypy on the
## application code.
lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## Format the code and apply ruff's safe fixes.
fmt: deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

cfn-lint: synth
	$(VENV)/bin/cfn-lint --config-file config/cfn-lint.yaml 'cdk.out/**/*.template.json'

## What AWS would refuse at deploy time (botocore's API constraints, published quotas), checked offline.
## BASELINE=<assembly dir> (e.g. the last release's cdk.out) adds the replacement guard: a protected environment
## fails on any replacement or deletion of a stateful resource its allow_replacements does not acknowledge.
preflight: synth
	$(PY) -m preflight cdk.out$(if $(BASELINE), --baseline $(BASELINE))

## Every CodeBuild step of the synthesized pipeline, run locally as CodeBuild would (against a sandbox and its moto).
pipeline-dryrun: synth
	$(PY) -m pipeline_dryrun --assembly cdk.out

bench: deps
	$(PY) -m bench

## Mutation testing of backend/runtime/logic and backend/runtime/repository (mutmut, configured in pyproject.toml;
## about 20 minutes on 2 cores; not part of `make test`). Starts from a fresh mutants/ so the score is the whole
## run's; inspect one with `.venv/bin/mutmut show NAME`, re-run some with `.venv/bin/mutmut run NAME...`.
mutation: deps
	rm -rf mutants
	$(VENV)/bin/mutmut run
	@echo; echo "Not killed:"; $(VENV)/bin/mutmut results
	@echo; echo "Mutants by outcome:"; $(VENV)/bin/mutmut results --all true | awk '{print $$NF}' | sort | uniq -c

## Write amplify_outputs.json for a deployed environment: make outputs ENV=dev (needs AWS credentials).
outputs: deps
	$(PY) -m backend.outputs --env $(ENV)

clean:
	rm -rf cdk.out .pytest_cache amplify_outputs.json .sandbox mutants

## List the documented targets, each with the first line of its `##` comment (`make` alone still installs .venv/).
help:
	@awk '/^## /{if(!doc)doc=substr($$0,4);next} /^[A-Za-z0-9_.-]+:/{if(doc){n++;name[n]=$$1;sub(/:.*/,"",name[n]);text[n]=doc;if(length(name[n])>w)w=length(name[n])}} {doc=""} END{for(i=1;i<=n;i++)printf("  %-" w "s  %s\n",name[i],text[i])}' $(firstword $(MAKEFILE_LIST))
