"""`python -m backend.runtime.canary` (`make canary`): the journey once against the running sandbox."""

from __future__ import annotations

import os
import sys

from .local_run import run

if __name__ == "__main__":
    sys.exit(run(os.environ))
