"""The pre-deploy checks, run one after the other on what is deployed and what is about to be.

The seam for more checks: a check is a function of a Context (the environment, the deployed template or None,
a reader for more of what is deployed, the new template, the whole new assembly, a way to print) that returns
True when the release may go on. Add it to CHECKS with its name; `python -m pipeline.predeploy` runs every check
and the step fails when any of them does. A check that needs another package adds it to
requirements-predeploy.txt.

- The replacement guard: no stateful resource replaced or deleted unless acknowledged (pipeline/predeploy/replacement).
- The schema compatibility check: the schema about to be deployed keeps every supported app version working
  (pipeline/predeploy/compatibility, the same judgement as `make schema-check`), judged from each released version's
  schema and from the schema live in the environment, so a change made there out of band counts too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import GraphQLError, GraphQLSchema

from backend.naming import STACK_ID
from backend.schema import build_appsync_schema
from pipeline.predeploy.compatibility.released import RELEASED_DIR, ReleaseError, load_releases
from pipeline.predeploy.compatibility.verdict import judge as judge_schema
from pipeline.predeploy.replacement import Acknowledgement
from pipeline.predeploy.replacement.guard import guard_stack
from pipeline.predeploy.replacement.verdict import NAME as GUARD

from .deployed import Reader, TemplateUnreadable

SCHEMA_CHECK = "schema compatibility"


@dataclass(frozen=True)
class Context:
    environment: str
    stack_name: str
    account: str
    region: str
    protected: bool  # refuse what a check finds (protect_data), or only note it
    allowed: tuple[Acknowledgement, ...]  # allow_replacements
    deployed: dict[str, Any] | None  # what CloudFormation has (GetTemplate); None: not deployed yet
    reader: Reader | None  # more of what is deployed (the API's schema); None: nothing can be read
    new: dict[str, Any]  # the stack's template in the synth output, about to be deployed
    assembly: Path  # the whole synth output
    say: Callable[[str], None]
    released: Path = RELEASED_DIR  # the supported app versions (the repository's clients/released/)


Check = Callable[[Context], bool]


def replacement_guard(context: Context) -> bool:
    """No stateful resource replaced or deleted unless acknowledged (pipeline/predeploy/replacement)."""
    if context.deployed is None:
        context.say(
            f"{GUARD}: note: {context.environment}: {context.stack_name} does not exist in "
            f"{context.account}/{context.region} yet: a first deployment, nothing to replace"
        )
        return True
    verdict = guard_stack(
        context.environment,
        context.stack_name,
        context.deployed,
        context.new,
        region=context.region,
        stack_id=STACK_ID,
        protected=context.protected,
        allowed=context.allowed,
    )
    for line in verdict.lines:
        context.say(f"{GUARD}: {line}")
    return verdict.passed


def new_schema_sdl(template: dict[str, Any]) -> str:
    """The GraphQL schema in the template about to be deployed (AWS::AppSync::GraphQLSchema `Definition`)."""
    definitions = [
        r.get("Properties", {}).get("Definition")
        for r in template.get("Resources", {}).values()
        if r.get("Type") == "AWS::AppSync::GraphQLSchema"
    ]
    if len(definitions) != 1 or not isinstance(definitions[0], str):
        raise TemplateUnreadable("the new template has no single inline AWS::AppSync::GraphQLSchema Definition")
    return definitions[0]


def _deployed_schema(context: Context) -> GraphQLSchema | None:
    say = context.say
    if context.deployed is None or context.reader is None:
        say(f"{SCHEMA_CHECK}: note: {context.environment}: no API deployed yet: judged from the released app versions")
        return None
    sdl = context.reader.api_schema()
    if sdl is None:
        say(
            f"{SCHEMA_CHECK}: note: {context.environment}: {context.stack_name} has no GraphQLApiId output yet "
            "(deployed before it existed): judged from the released app versions only, this once"
        )
        return None
    try:
        return build_appsync_schema(sdl)
    except (GraphQLError, TypeError) as exc:
        raise TemplateUnreadable(f"the deployed GraphQL schema does not build ({exc})") from None


def schema_compatibility(context: Context) -> bool:
    """No supported app version (clients/released/) breaks, judged from its own schema and the deployed one."""
    try:
        new = build_appsync_schema(new_schema_sdl(context.new))
        releases = load_releases(context.released)
    except (GraphQLError, TypeError, ReleaseError) as exc:
        raise TemplateUnreadable(str(exc)) from None
    deployed = _deployed_schema(context)
    if not releases:
        context.say(f"{SCHEMA_CHECK}: note: no app version is released (clients/released/): nothing to protect")
        return True
    verdict = judge_schema(new, releases, deployed=deployed)
    for line in verdict.lines:
        context.say(f"{SCHEMA_CHECK}: {line}")
    versions = ", ".join(release.version for release in releases)
    against = "their schemas and the deployed one" if deployed is not None else "their schemas"
    if verdict.passed:
        context.say(f"{SCHEMA_CHECK}: {context.environment}: apps {versions} keep working (judged from {against})")
        return True
    if not context.protected:
        context.say(f"{SCHEMA_CHECK}: note: {context.environment} is not protected: the release goes on")
        return True
    return False


CHECKS: tuple[tuple[str, Check], ...] = ((GUARD, replacement_guard), (SCHEMA_CHECK, schema_compatibility))
