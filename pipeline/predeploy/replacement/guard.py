"""The replacement guard on one stack: what the change from the deployed template to the new one does to stateful
resources, judged for the environment. The pipeline's pre-deploy step (deployed = what CloudFormation has) and
`make preflight BASELINE=...` (deployed = the baseline assembly's template) both call this."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .compare import compare
from .stateful import is_stateful
from .verdict import Acknowledgement, Verdict, judge


def stateful_count(template: dict[str, Any]) -> int:
    resources = template.get("Resources")
    return sum(1 for r in (resources or {}).values() if isinstance(r, dict) and is_stateful(r.get("Type")))


def guard_stack(
    environment: str,
    stack_name: str,
    deployed: dict[str, Any],
    new: dict[str, Any],
    *,
    region: str,
    stack_id: str,
    protected: bool,
    allowed: Sequence[Acknowledgement],
) -> Verdict:
    changes = compare(deployed, new, region=region, stack_id=stack_id)
    return judge(
        environment,
        stack_name,
        changes,
        protected=protected,
        allowed=allowed,
        compared=stateful_count(deployed),
    )
