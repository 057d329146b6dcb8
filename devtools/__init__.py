"""Developer tooling: what the Makefile's targets run beside the product (the preflight, the pipeline dry run, the
bench, the client generator, the lock refresh, the synth check, progress lines, the browser finder).

The product (app.py, config/, pipeline/, stages/, backend/, sandbox/) never imports this package
(tests/unit/test_layout.py): what the pipeline's build steps run lives in pipeline/. Modules run by make before the
venv exists (progress, lock, browser) use the standard library only.
"""
