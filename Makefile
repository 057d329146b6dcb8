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
# Any step that can take over 10 s says what it does and how far it is (devtools/progress.py): the figure is this
# machine's last run of it, or until there is one, what a first run took on a fresh 2-core machine.
PROGRESS := $(PYTHON) -m devtools.progress

.PHONY: sandbox canary test test-unit test-browser test-against-sandbox test-integration test-client synth lint fmt cfn-lint preflight pipeline-dryrun \
	bench mutation outputs clean deps codegen schema-check release-client help lock outdated

# The lock of the pinned requirements (every package with its hashes, installed with --require-hashes) with uv,
# from the package sources pip is configured with (pip.conf, PIP_*); plain pip when uv cannot be installed
# (pipeline/install_deps.py). A pin changed without `make lock` stops here. The pipeline's build steps install the same way.
$(VENV)/.installed: requirements-dev.lock requirements-dev.txt requirements-integration.txt pipeline/install_deps.py pipeline/lock_files.py
	$(PROGRESS) "make deps: Python packages (uv)" 15 -- $(PYTHON) -m pipeline.install_deps --venv $(VENV) -r requirements-dev.lock
	touch $@

# --prefer-offline: packages already in npm's cache are not revalidated with the registry (the lock file pins
# them by integrity hash).
node_modules/.installed: package.json package-lock.json
	$(PROGRESS) "make deps: npm packages (CDK CLI, Amplify, GraphiQL)" 25 -- npm ci --prefer-offline --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.installed node_modules/.installed

# Amplify's client generator has a package of its own (about 400 npm packages that `make sandbox` does not need):
# installed for `make codegen` and the tests that check clients/ against the schema.
CODEGEN_DEPS := devtools/codegen/node_modules/.installed
$(CODEGEN_DEPS): devtools/codegen/package.json devtools/codegen/package-lock.json
	$(PROGRESS) "npm packages of Amplify's client generator" 15 -- npm ci --prefix devtools/codegen --prefer-offline --no-audit --no-fund --loglevel=error
	touch $@

## Refresh the Python locks (requirements-*.lock, with hashes) from the pins in requirements-*.txt.
## Keeps the locked versions that still fit; UPGRADE=1 takes the newest releases the pins allow (docs/dependencies.md).
lock:
	$(PYTHON) -m devtools.lock$(if $(UPGRADE), --upgrade)

## List what has newer releases (the venv's Python packages, the npm pins); changes nothing. The code generator's
## packages need not be installed: `npm outdated` shows them as MISSING, with their newest release.
outdated: deps
	$(PYTHON) -m devtools.lock --outdated --venv $(VENV)

# A Chromium or Chrome for the explorer's browser test (Playwright drives it and never downloads a browser):
# the machine's own (CHROMIUM=<executable>, PATH, macOS's /Applications). Without one, Debian's chromium with apt
# where that needs no prompt (root on Debian or Ubuntu, as in CI), and anywhere else one line naming what to
# install (devtools/browser.py).
.PHONY: browser
browser:
	@$(PYTHON) -m devtools.browser

# What `make sandbox` needs of npm: the explorer's four files (devtools/explorer_assets.py: three tarballs at the lock's
# pins), not the 200 packages `npm ci` installs for the tests, the synth and the pipeline.
EXPLORER_ASSETS := node_modules/.explorer-assets
$(EXPLORER_ASSETS): package-lock.json | $(VENV)/.installed
	@if [ node_modules/.installed -nt package-lock.json ]; then touch $@; else \
	  $(PROGRESS) "the explorer's files (GraphiQL, React)" 4 -- $(PY) -m devtools.explorer_assets && touch $@; fi

## Run the offline sandbox in the foreground (Ctrl-C stops it).
sandbox: $(VENV)/.installed $(EXPLORER_ASSETS)
	$(PY) -m sandbox $(SANDBOX_ARGS)

## The canary's journey once against the running sandbox (`make sandbox` in another terminal): one line per step
## with its duration; the result goes to the sandbox's moto CloudWatch, never to an AWS account (docs/canary.md).
canary: deps
	$(PY) -m backend.runtime.canary

## Every test: the lint and type gate, unit, then the browser test, the deploy preflight and integration + Node
## client tests against one sandbox, two at a time.
test: lint test-unit
	@$(MAKE) --no-print-directory -j2 $(OUTPUT_SYNC) test-browser preflight test-against-sandbox

# After the unit suite (which keeps both cores busy) the three remaining steps each use about one core: two at a time
# saves about half a minute on a 2-core machine. GNU make 4 prints each step's output whole when it ends; the make
# 3.81 that macOS ships has no --output-sync, so there the lines of two steps interleave.
OUTPUT_SYNC := $(if $(filter 3.%,$(MAKE_VERSION)),,--output-sync=target)

# The pipeline's synth step runs this target too (CodeBuild, Ubuntu): no browser tests here. Two parts: one
# pytest worker per core (pytest-xdist; TEST_WORKERS=1 for one process), then the tests of the in-process sandbox
# shared by tests/unit/sandbox alone (tests/unit/conftest.py says why); each lists its slowest tests.
# A pass is recorded with the digest of the tree it ran on (devtools/pipeline_dryrun/tested_tree.py): the dry run's synth
# step sets UNIT_TESTS_PASSED when it copies that same tree, and the suite is not run a second time there.
TEST_WORKERS ?= auto
ifdef UNIT_TESTS_PASSED
test-unit:
	@echo "test-unit: $(UNIT_TESTS_PASSED)"
else
test-unit: deps $(CODEGEN_DEPS) schema-check
	@tree=$$($(PY) -m devtools.pipeline_dryrun.tested_tree digest) && \
	  $(PY) -m pytest tests/unit -q --durations=10 -m "not browser and not shared_sandbox" \
	    -n $(TEST_WORKERS) --dist loadgroup && \
	  $(PY) -m pytest tests/unit/sandbox -q --durations=5 -m "shared_sandbox and not browser" && \
	  $(PY) -m devtools.pipeline_dryrun.tested_tree record "$$tree"
endif

# Browser tests live in tests/unit/sandbox (tests/unit/test_browser_tests_location.py): collecting only that
# directory saves most of this target's time.
## The explorer driven in headless Chromium or Chrome (the machine's own; `make browser` says what to install).
test-browser: deps browser
	$(PY) -m pytest tests/unit/sandbox -q -m browser

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
	node devtools/codegen/codegen.mjs

## Whether backend/schema.graphql keeps every supported app version (clients/released/) working: removed or
## retyped fields they use, new required arguments, enum values they read, operations that no longer validate
## (docs/evolving-the-api.md). Part of test-unit, so the pipeline's synth step runs it too.
schema-check: deps
	$(PY) -m pipeline.predeploy.compatibility

## Record what an app release ships, so schema-check protects it: make release-client VERSION=1.4.0 [OPERATIONS=dir]
## (default: clients/graphql, from make codegen). Writes clients/released/<VERSION>/; commit it.
release-client: deps
	$(PY) -m pipeline.predeploy.compatibility.release "$(VERSION)"$(if $(OPERATIONS), --operations "$(OPERATIONS)")

## Synthesize the cloud assembly offline into cdk.out (no credentials needed; again only when an input changed,
## `rm -r cdk.out` forces a new one). Run as a user would, without the venv on PATH; a deprecation warning fails it.
synth: cdk.out/manifest.json

# The assembly's inputs are what the last synth read (pipeline/synth_inputs.py records every project file app.py opens,
# lists or imports): .cache/synth-inputs.mk makes cdk.out/manifest.json depend on exactly those. Without that record
# (no synth recorded yet) the assembly is made again.
SYNTH_RECORD := .cache/synth-inputs
-include $(SYNTH_RECORD).mk
cdk.out/manifest.json: $(VENV)/.installed node_modules/.installed $(if $(wildcard $(SYNTH_RECORD).mk),,no-synth-record)
	@SYNTH_INPUTS_RECORD=$(CURDIR)/$(SYNTH_RECORD).json $(PROGRESS) "cdk synth (every stage, cdk-nag)" 35 -- $(PY) -m devtools.cdk_synth
	@$(PY) -m pipeline.synth_inputs makefile $(SYNTH_RECORD).json $@ > $(SYNTH_RECORD).mk
no-synth-record:  # no such file, no recipe: what depends on it is always made again

## The lint and type gate (configuration in pyproject.toml): ruff's lint and format check, mypy on the
## application code and the tests. .pre-commit-config.yaml runs the same three commands.
lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@$(PROGRESS) "lint: mypy (a first run builds its cache in .mypy_cache)" 140 -- $(VENV)/bin/mypy

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
	$(PY) -m devtools.preflight cdk.out$(if $(BASELINE), --baseline $(BASELINE))

## Every CodeBuild step of the synthesized pipeline, run locally as CodeBuild would (against a sandbox and its moto).
pipeline-dryrun: synth
	$(PY) -m devtools.pipeline_dryrun --assembly cdk.out

bench: deps
	$(PY) -m devtools.bench

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
