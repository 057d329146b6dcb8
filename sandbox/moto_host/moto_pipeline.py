"""Two things the pipeline's own AWS steps need from moto (5.2) that it lacks, for the pipeline dry run.

The dry run (devtools/pipeline_dryrun/aws_steps.py) runs the self-mutation step (`hold_self_mutation.py`, then
`cdk deploy` of the pipeline stack) and the permission check (`cdk diff --security-only`) against the sandbox's
moto. moto answers most of their calls; these two it does not:

1. CodePipeline `GetPipelineState`: moto stores pipelines (CreatePipeline, GetPipeline) but has no action to read
   their state, and answers it with an HTTP 500. Added here for a pipeline moto knows (else
   PipelineNotFoundException, as AWS answers): its stages and actions from the stored declaration, and no
   `latestExecution` anywhere, because moto runs no executions (AWS leaves `latestExecution` out for a stage that
   has not run). https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_GetPipelineState.html

2. CloudFormation `TemplateURL` on an IP address. moto reads a template URL path-style (`/<bucket>/<key>`) only
   when the URL contains `localhost` or its host is `s3*.amazonaws.com`; on any other host it takes the host's first
   label as the bucket (`moto.cloudformation.utils.get_stack_from_s3_url`). The CDK CLI builds the URL of the
   template it uploaded from the S3 endpoint it resolved (aws-cdk-cli toolkit-lib `restUrlFromManifest`:
   `<endpoint origin>/<bucket>/<key>`), which with `AWS_ENDPOINT_URL=http://127.0.0.1:<port>` is path-style on an IP
   address: moto looks for bucket `127` and CreateChangeSet fails with "The specified bucket does not exist". An
   IP address can never be a virtual-hosted bucket's host (S3 virtual hosting needs a DNS name), so such a URL is
   read path-style here, as moto reads it for `localhost`. Every other URL reaches moto unchanged.

Installed where the sandbox's moto server starts (moto_server.py) and by tests that use moto in-process.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .after_import import after_import

_installed = False


def install() -> None:
    """Idempotent; for this process's moto (mock_aws or the sandbox's server). Each patch is applied when moto
    first imports the service (after_import.py), so a sandbox that never serves them does not load them."""
    global _installed
    if _installed:
        return
    after_import("moto.codepipeline.responses", _add_get_pipeline_state)
    # A request reaches CloudFormation's models through its responses module, which imports models and utils:
    # once it is imported, all three are.
    after_import("moto.cloudformation.responses", _read_template_urls_on_ip_hosts_path_style)
    _installed = True


def _add_get_pipeline_state(responses: ModuleType) -> None:
    if not hasattr(responses.CodePipelineResponse, "get_pipeline_state"):
        responses.CodePipelineResponse.get_pipeline_state = _get_pipeline_state


def _read_template_urls_on_ip_hosts_path_style(responses: ModuleType) -> None:
    from moto.cloudformation import models, utils

    wrapped = _read_ip_hosts_path_style(utils.get_stack_from_s3_url)
    for module in (utils, models, responses):  # moto's CloudFormation imports the function by name in each
        module.get_stack_from_s3_url = wrapped  # type: ignore[attr-defined]


def pipeline_state(pipeline: dict[str, Any], metadata: dict[str, str]) -> dict[str, Any]:
    """GetPipelineState's answer for a stored declaration (moto's `pipeline` dict) that has never run."""
    return {
        "pipelineName": pipeline["name"],
        "pipelineVersion": pipeline.get("version", 1),
        "stageStates": [
            {
                "stageName": stage["name"],
                "inboundTransitionState": {"enabled": True},
                "actionStates": [{"actionName": action["name"]} for action in stage.get("actions", [])],
            }
            for stage in pipeline.get("stages", [])
        ],
        "created": metadata["created"],
        "updated": metadata["updated"],
    }


def _get_pipeline_state(self: Any) -> str:
    pipeline, metadata = self.codepipeline_backend.get_pipeline(self._get_param("name"))
    return json.dumps(pipeline_state(pipeline, metadata))


def path_style_url(template_url: str) -> str:
    """The URL moto should read: an IP-address host replaced by `localhost` (moto reads that path-style)."""
    parts = urlsplit(template_url)
    try:
        ipaddress.ip_address(parts.hostname or "")
    except ValueError:
        return template_url
    return urlunsplit(parts._replace(netloc="localhost" + (f":{parts.port}" if parts.port else "")))


def _read_ip_hosts_path_style(original: Callable[..., str]) -> Callable[..., str]:
    if getattr(original, "__wrapped__", None) is not None:
        return original

    def get_stack_from_s3_url(template_url: str, *args: Any, **kwargs: Any) -> str:
        return original(path_style_url(template_url), *args, **kwargs)

    get_stack_from_s3_url.__wrapped__ = original  # type: ignore[attr-defined]
    return get_stack_from_s3_url
