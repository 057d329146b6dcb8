"""What provisioning made in moto: physical names, resolved attributes and outputs, and the runtime's environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RUNTIME_HANDLER_PREFIX = "runtime."


@dataclass
class Provisioned:
    attributes: dict[str, dict[str, Any]] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)  # logical id -> table name
    stream_tables: list[str] = field(default_factory=list)  # table names with a stream
    # table name -> the event source mapping's FilterCriteria as in the template (None = every record), for the
    # stream handler; streams/ parses it
    stream_sources: dict[str, Mapping[str, Any] | None] = field(default_factory=dict)
    stream_retry_attempts: dict[str, int] = field(default_factory=dict)  # table name -> MaximumRetryAttempts
    user_pool_id: str | None = None
    client_ids: list[str] = field(default_factory=list)
    post_confirmation_pool_ids: set[str] = field(default_factory=set)
    functions: dict[str, dict[str, Any]] = field(default_factory=dict)  # logical id -> {handler, environment}
    outputs: dict[str, str] = field(default_factory=dict)
    # identity pool id -> {"allow_unauthenticated": bool, "providers": {provider name: [client id]},
    # "roles": {"authenticated" | "unauthenticated": role ARN}} (AWS::Cognito::IdentityPoolRoleAttachment)
    identity_pools: dict[str, dict[str, Any]] = field(default_factory=dict)
    # role ARN -> the statements of its policies, resolved (inline Policies and AWS::IAM::Policy resources; managed
    # policies, which the template does not spell out, grant nothing here)
    role_policies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    graphql_api_arn: str | None = None

    @property
    def bucket_names(self) -> list[str]:
        return [a["Ref"] for a in self.attributes.values() if str(a.get("Arn", "")).startswith("arn:aws:s3:::")]

    def runtime_environment(self) -> dict[str, str]:
        """Environment variables of the runtime's functions (graphql handler's values win)."""
        env: dict[str, str] = {}
        ordered = sorted(self.functions.values(), key=lambda f: f["handler"].endswith("graphql_handler.handler"))
        for function in ordered:
            if function["handler"].startswith(RUNTIME_HANDLER_PREFIX):
                env.update(function["environment"])
        return env
