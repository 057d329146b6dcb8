"""The pre-deploy checks, run one after the other on what is deployed and what is about to be.

The seam for more checks: a check is a function of a Context (the environment, the deployed template or None,
the new template, the whole new assembly, a way to print) that returns True when the release may go on. Add it
to CHECKS with its name; `python -m pipeline.predeploy` runs every check (a failure does not skip the others, so
one run shows everything), and the step fails when any of them does. The GraphQL schema compatibility check
(apps in the field must keep working) fits here: the deployed template carries the schema the apps were built
against (AWS::AppSync::GraphQLSchema `Definition`), the new one the schema about to replace it. A check that
needs another package adds it to requirements-predeploy.txt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.naming import STACK_ID
from preflight.replacement import Acknowledgement, compare, judge
from preflight.replacement.assemblies import stateful_count
from preflight.replacement.verdict import NAME as GUARD


@dataclass(frozen=True)
class Context:
    environment: str
    stack_name: str
    account: str
    region: str
    protected: bool  # refuse what a check finds (protect_data), or only note it
    allowed: tuple[Acknowledgement, ...]  # allow_replacements
    deployed: dict[str, Any] | None  # what CloudFormation has (GetTemplate); None: not deployed yet
    new: dict[str, Any]  # the stack's template in the synth output, about to be deployed
    assembly: Path  # the whole synth output
    say: Callable[[str], None]


Check = Callable[[Context], bool]


def replacement_guard(context: Context) -> bool:
    """No stateful resource replaced or deleted unless acknowledged (preflight/replacement)."""
    if context.deployed is None:
        context.say(
            f"{GUARD}: note: {context.environment}: {context.stack_name} does not exist in "
            f"{context.account}/{context.region} yet: a first deployment, nothing to replace"
        )
        return True
    changes = compare(context.deployed, context.new, region=context.region, stack_id=STACK_ID)
    verdict = judge(
        context.environment,
        context.stack_name,
        changes,
        protected=context.protected,
        allowed=context.allowed,
        compared=stateful_count(context.deployed),
    )
    for line in verdict.lines:
        context.say(f"{GUARD}: {line}")
    return verdict.passed


CHECKS: tuple[tuple[str, Check], ...] = ((GUARD, replacement_guard),)
