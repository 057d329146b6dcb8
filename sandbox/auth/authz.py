"""AppSync's per-field authorization, by the rules backend/auth_directives.py reads from the schema's auth
directives (the same reading as the infrastructure's). `cognito_groups` narrows the Cognito mode. An IAM caller
must, in addition, be allowed `appsync:GraphQL` on the field by its policy, where the sandbox knows it
(`Caller.grants`: identity-pool credentials, whose role's policy comes from the template).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLSchema

from backend.auth_directives import API_KEY, COGNITO, DEFAULT_MODE, IAM, LAMBDA, OIDC, Rule, schema_rules


@dataclass(frozen=True)
class Caller:
    """Who is calling: the auth mode and the identity object the resolvers receive. `grants`: for an IAM caller
    whose policy the sandbox knows (identity-pool credentials, aws_standins/identity_pool_access.py), whether that
    policy allows `appsync:GraphQL` on a (type, field); None: an IAM caller the sandbox cannot see the policy of."""

    mode: str
    identity: dict[str, Any]
    groups: frozenset[str] = field(default_factory=frozenset)
    token: str = ""
    grants: Callable[[str, str], bool] | None = None


class AuthRules:
    def __init__(self, schema: GraphQLSchema, default_mode: str = DEFAULT_MODE) -> None:
        self._rules = schema_rules(schema, default_mode)

    def rule(self, type_name: str, field_name: str) -> Rule:
        return self._rules.get((type_name, field_name), {DEFAULT_MODE: None})

    def allows(self, caller: Caller, type_name: str, field_name: str) -> bool:
        if field_name.startswith("__"):
            return True
        rule = self.rule(type_name, field_name)
        if caller.mode not in rule:
            return False
        groups = rule[caller.mode]
        if groups is not None and not groups & caller.groups:
            return False
        return caller.mode != IAM or caller.grants is None or caller.grants(type_name, field_name)


def denial_message(type_name: str, field_name: str) -> str:
    return f"Not Authorized to access {field_name} on type {type_name}"


__all__ = ["API_KEY", "COGNITO", "IAM", "LAMBDA", "OIDC", "AuthRules", "Caller", "Rule", "denial_message"]
