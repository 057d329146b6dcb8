"""The repository's root directory, for every module that reads or runs something there.

The project is not an installed package: its modules are imported from this directory, so the root is this file's
parent's parent. Stdlib only (app.py imports it before it switches to the venv). backend/runtime cannot use it: that
package ships alone in the Lambda asset, so backend/runtime/canary/local_run.py keeps its own.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# The repository's Python packages (tests aside): what checks over "all the code" walk.
CODE_PACKAGES = ("backend", "config", "devtools", "pipeline", "sandbox", "stages")
