"""AppSync's per-field authorization rule, read from the schema's auth directives.

A field that names auth directives is reachable only by those modes; otherwise its type's directives apply;
otherwise only the API's default mode (Cognito user pools). `cognito_groups` narrows the Cognito mode. An IAM caller
must, in addition, be allowed `appsync:GraphQL` on the field by its policy, where the sandbox knows it
(`Caller.grants`: identity-pool credentials, whose role's policy comes from the template).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema

COGNITO, IAM, API_KEY, OIDC, LAMBDA = "AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "API_KEY", "OPENID_CONNECT", "AWS_LAMBDA"
DEFAULT_MODE = COGNITO

_DIRECTIVE_MODES = {
    "aws_cognito_user_pools": COGNITO,
    "aws_auth": COGNITO,
    "aws_iam": IAM,
    "aws_api_key": API_KEY,
    "aws_oidc": OIDC,
    "aws_lambda": LAMBDA,
}

# mode -> allowed Cognito groups (None = any caller of that mode)
Rule = dict[str, frozenset[str] | None]


@dataclass(frozen=True)
class Caller:
    """Who is calling: the auth mode and the identity object the resolvers receive. `grants`: for an IAM caller
    whose policy the sandbox knows (identity-pool credentials, auth/identity_pool.py), whether that policy allows
    `appsync:GraphQL` on a (type, field); None: an IAM caller the sandbox cannot see the policy of."""

    mode: str
    identity: dict[str, Any]
    groups: frozenset[str] = field(default_factory=frozenset)
    token: str = ""
    grants: Callable[[str, str], bool] | None = None


def _rule_from_ast(node: Any) -> Rule:
    rule: Rule = {}
    for directive in getattr(node, "directives", None) or ():
        mode = _DIRECTIVE_MODES.get(directive.name.value)
        if mode is None:
            continue
        groups: frozenset[str] | None = None
        for argument in directive.arguments:
            if argument.name.value == "cognito_groups":
                groups = frozenset(v.value for v in getattr(argument.value, "values", []) or [])
        rule[mode] = groups
    return rule


class AuthRules:
    def __init__(self, schema: GraphQLSchema, default_mode: str = DEFAULT_MODE) -> None:
        self._rules: dict[tuple[str, str], Rule] = {}
        for type_name, gql_type in schema.type_map.items():
            if not isinstance(gql_type, GraphQLObjectType) or type_name.startswith("__"):
                continue
            type_rule = _rule_from_ast(gql_type.ast_node)
            for field_name, gql_field in gql_type.fields.items():
                field_rule = _rule_from_ast(gql_field.ast_node)
                self._rules[(type_name, field_name)] = field_rule or type_rule or {default_mode: None}

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


__all__ = ["COGNITO", "IAM", "AuthRules", "Caller", "denial_message"]
