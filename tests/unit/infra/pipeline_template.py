"""Reads the CodePipeline resource of a synthesized pipeline stack into simple structures."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .helpers import only, resources


@dataclass(frozen=True)
class Action:
    name: str
    provider: str
    run_order: int
    configuration: dict[str, Any]


def pipeline_properties(template: Mapping[str, Any]) -> dict[str, Any]:
    return only(template, "AWS::CodePipeline::Pipeline")["Properties"]


def stages(template: Mapping[str, Any]) -> dict[str, list[Action]]:
    return {
        stage["Name"]: [
            Action(a["Name"], a["ActionTypeId"]["Provider"], a.get("RunOrder", 1), a.get("Configuration", {}))
            for a in stage["Actions"]
        ]
        for stage in pipeline_properties(template)["Stages"]
    }


def action(template: Mapping[str, Any], stage: str, name: str) -> Action:
    return next(a for a in stages(template)[stage] if a.name == name)


def environment_variables(act: Action) -> dict[str, str]:
    return {v["name"]: v["value"] for v in json.loads(act.configuration["EnvironmentVariables"])}


def build_commands(template: Mapping[str, Any], project_ref: dict[str, str]) -> list[str]:
    project = template["Resources"][project_ref["Ref"]]
    spec = json.loads(project["Properties"]["Source"]["BuildSpec"])
    return spec["phases"]["build"]["commands"]


def project_of(template: Mapping[str, Any], act: Action) -> dict[str, Any]:
    return template["Resources"][act.configuration["ProjectName"]["Ref"]]["Properties"]


def codebuild_projects(template: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [p["Properties"] for p in resources(template, "AWS::CodeBuild::Project").values()]
