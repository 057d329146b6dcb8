"""`python -m sandbox` with the fake runtime and template: lets tests drive sandbox.run as a real process.

Run as `python -m tests.unit.sandbox.sandbox_fake_main` from the project root (sandbox.run starts it there).
"""

from __future__ import annotations

import asyncio

from sandbox.__main__ import parse_args, serve
from sandbox.options import SandboxOptions

from .sandbox_fake_runtime import FakeRuntime
from .sandbox_fake_template import stage_template


def outputs_generator(outputs, *, sandbox=None):
    return {"version": "1", "data": {"url": outputs["GraphQLUrl"]}, "custom": {"sandbox": sandbox}}


if __name__ == "__main__":
    args = parse_args()
    asyncio.run(
        serve(
            SandboxOptions(
                host=args.host,
                port=args.port,
                outputs_path=args.outputs.resolve(),
                state_dir=args.state_dir.resolve(),
                template=stage_template(),
                handlers=FakeRuntime().handlers(),
                outputs_generator=outputs_generator,
            )
        )
    )
