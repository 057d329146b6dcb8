"""`python -m sandbox` with the fake runtime and template: lets tests drive sandbox.run as a real process."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the project root, for `sandbox`

from sandbox_fake_runtime import FakeRuntime  # noqa: E402
from sandbox_fake_template import stage_template  # noqa: E402

from sandbox.__main__ import parse_args, serve  # noqa: E402
from sandbox.server import SandboxOptions  # noqa: E402


def outputs_generator(outputs, *, sandbox=None):
    return {"version": "1", "data": {"url": outputs["GraphQLUrl"]}, "custom": {"sandbox": sandbox}}


if __name__ == "__main__":
    args = parse_args()
    asyncio.run(serve(SandboxOptions(
        port=args.port, outputs_path=args.outputs.resolve(), state_dir=args.state_dir.resolve(),
        template=stage_template(), handlers=FakeRuntime().handlers(), outputs_generator=outputs_generator,
    )))
