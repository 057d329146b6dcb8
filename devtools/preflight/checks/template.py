"""CloudFormation's per-template quotas: body size, section sizes, names of resources/outputs/parameters/mappings."""

from __future__ import annotations

from typing import Any

from pipeline.cloudformation.assembly import Stack

from .. import quotas
from ..limits import CountLimit
from ..render import Renderer
from ..rendered import known
from ..report import Location, Results
from .evaluate import check_count, check_string

TEMPLATE = "-"  # the logical id printed for findings about the template as a whole

_SECTIONS: tuple[tuple[str, CountLimit], ...] = (
    ("Resources", quotas.CFN_RESOURCES),
    ("Outputs", quotas.CFN_OUTPUTS),
    ("Parameters", quotas.CFN_PARAMETERS),
    ("Mappings", quotas.CFN_MAPPINGS),
)


def check(stack: Stack, renderer: Renderer, results: Results) -> None:
    template = stack.template
    whole = Location(stack.template_path, TEMPLATE)
    # The file as synthesized is the body CloudFormation receives (CDK uploads it unchanged).
    body = quotas.CFN_TEMPLATE_BODY
    results.values_checked += 1
    if body.max_length is not None and stack.size_bytes > body.max_length:
        observed = f"{stack.size_bytes} {body.measure}"
        results.findings.append(whole.finding("(template body)", observed, f"> max {body.max_length}", body))
    if isinstance(template.get("Description"), str):
        check_string(results, whole, "Description", known(template["Description"]), quotas.CFN_DESCRIPTION)
    for section, count_limit in _SECTIONS:
        entries = template.get(section)
        if not isinstance(entries, dict):
            continue
        check_count(results, whole, section, len(entries), True, count_limit)
        for name, entry in entries.items():
            where = Location(stack.template_path, str(name))
            path = f"{section}.{name}"
            check_string(results, where, path, known(str(name)), quotas.CFN_NAME_LENGTH)
            check_string(results, where, path, known(str(name)), quotas.CFN_LOGICAL_ID)
            _check_entry(results, where, section, path, entry)


def _check_entry(results: Results, where: Location, section: str, path: str, entry: Any) -> None:
    if section == "Mappings" and isinstance(entry, dict):
        check_count(results, where, path, len(entry), True, quotas.CFN_MAPPING_ATTRIBUTES)
        for key in entry:
            check_string(results, where, f"{path}.{key}", known(str(key)), quotas.CFN_NAME_LENGTH)
    if section == "Outputs" and isinstance(entry, dict) and isinstance(entry.get("Description"), str):
        check_string(results, where, f"{path}.Description", known(entry["Description"]), quotas.CFN_OUTPUT_DESCRIPTION)
    if section == "Parameters" and isinstance(entry, dict) and "Default" in entry:
        check_string(results, where, f"{path}.Default", known(str(entry["Default"])), quotas.CFN_PARAMETER_VALUE)
