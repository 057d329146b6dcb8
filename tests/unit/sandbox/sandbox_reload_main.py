"""`python -m sandbox` watching a temporary project (RELOAD_PROJECT): a fake runtime package and a stage made of
`stage/template.json` + `stage/schema.graphql` instead of a synth, so tests edit copies, never the real files.

Run as `python -m tests.unit.sandbox.sandbox_reload_main --port 0 --ephemeral ...` from the project root.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from sandbox.__main__ import options_from_args, parse_args, serve
from sandbox.reload.live import LiveReloadOptions

from .sandbox_fake_main import outputs_generator

RUNTIME_PACKAGE = "reload_fake_runtime"


def main() -> None:
    project = Path(os.environ["RELOAD_PROJECT"])
    sys.path.insert(0, str(project))
    stage = project / "stage"

    def load_stage():
        return json.loads((stage / "template.json").read_text()), (stage / "schema.graphql").read_text()

    template, sdl = load_stage()
    options = options_from_args(parse_args())
    options.template, options.schema_sdl, options.outputs_generator = template, sdl, outputs_generator
    options.live_reload = LiveReloadOptions(
        runtime_package=RUNTIME_PACKAGE,
        runtime_dir=project / RUNTIME_PACKAGE,
        stage_paths=(stage,),
        load_stage=load_stage,
        root=project,
    )
    asyncio.run(serve(options))


if __name__ == "__main__":
    main()
