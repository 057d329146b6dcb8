"""AppSync's auth directives, read from the schema: which auth modes (and, for Cognito, which groups) may call a
field. The infrastructure (which fields IAM callers and guests reach, backend/infra/schema_fields.py) and the
sandbox (each request's check, sandbox/auth/authz.py) both ask here. Only graphql-core is imported.

A field that names auth directives is reachable only by those modes; otherwise its type's directives apply;
otherwise only the API's default mode (Cognito user pools) (AppSync developer guide, "Configuring authorization and
authentication": https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema

COGNITO, IAM, API_KEY, OIDC, LAMBDA = "AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "API_KEY", "OPENID_CONNECT", "AWS_LAMBDA"
DEFAULT_MODE = COGNITO

DIRECTIVE_MODES = {
    "aws_cognito_user_pools": COGNITO,
    "aws_auth": COGNITO,
    "aws_iam": IAM,
    "aws_api_key": API_KEY,
    "aws_oidc": OIDC,
    "aws_lambda": LAMBDA,
}

# mode -> allowed Cognito groups (None = any caller of that mode)
Rule = dict[str, frozenset[str] | None]


def declared_rule(node: Any) -> Rule:
    """The modes an AST node's own auth directives name ({} when it names none)."""
    rule: Rule = {}
    for directive in getattr(node, "directives", None) or ():
        mode = DIRECTIVE_MODES.get(directive.name.value)
        if mode is None:
            continue
        groups: frozenset[str] | None = None
        for argument in directive.arguments:
            if argument.name.value == "cognito_groups":
                groups = frozenset(v.value for v in getattr(argument.value, "values", []) or [])
        rule[mode] = groups
    return rule


def field_rule(owner: GraphQLObjectType, field_name: str, default_mode: str = DEFAULT_MODE) -> Rule:
    """Who may call `owner.field_name`: the field's own directives, else its type's, else the default mode."""
    return declared_rule(owner.fields[field_name].ast_node) or declared_rule(owner.ast_node) or {default_mode: None}


def schema_rules(schema: GraphQLSchema, default_mode: str = DEFAULT_MODE) -> dict[tuple[str, str], Rule]:
    """(type, field) -> its rule, for every field of every object type of the schema."""
    return {
        (type_name, field_name): field_rule(gql_type, field_name, default_mode)
        for type_name, gql_type in schema.type_map.items()
        if isinstance(gql_type, GraphQLObjectType) and not type_name.startswith("__")
        for field_name in gql_type.fields
    }
