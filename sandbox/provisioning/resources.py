"""Create the stage template's resources in moto: the synthesized template is the one source of truth.

Takes a CloudFormation template dict; returns what was made (physical names, resolved stack outputs and the
runtime's environment variables, derived from the functions' Environment in the template).
"""

from __future__ import annotations

import json
import logging
import secrets as pysecrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cloudformation.intrinsics import Resolver, pseudo_parameters

from ..constants import ACCOUNT_ID
from . import stable_ids

log = logging.getLogger("sandbox.provisioning")

STACK_NAME = "sandbox"
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


def _resources(template: Mapping[str, Any], *types: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (logical, resource.get("Properties") or {})
        for logical, resource in (template.get("Resources") or {}).items()
        if resource.get("Type") in types
    ]


def _pick(props: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: props[k] for k in keys if k in props}


class Provisioner:
    def __init__(
        self, session: Any, endpoint_url: str, region: str, *, graphql_url: str = "", push_app_id: str = ""
    ) -> None:
        clients: dict[str, Any] = {}

        def client(name: str) -> Any:  # one client per service: creating boto3 clients is slow
            if name not in clients:
                clients[name] = session.client(name, endpoint_url=endpoint_url, region_name=region)
            return clients[name]

        self.client = client
        self.region = region
        self.graphql_url = graphql_url
        self.push_app_id = push_app_id
        self.result = Provisioned()
        self.resolver = Resolver(
            self.result.attributes,
            pseudo_parameters(
                account=ACCOUNT_ID,
                region=region,
                stack_name=STACK_NAME,
                stack_id=f"arn:aws:cloudformation:{region}:{ACCOUNT_ID}:stack/{STACK_NAME}/sandbox",
            ),
        )

    def _r(self, value: Any) -> Any:
        return self.resolver.resolve(value)

    def run(self, template: Mapping[str, Any]) -> Provisioned:
        params = {k: v.get("Default") for k, v in (template.get("Parameters") or {}).items()}
        self.resolver.parameters = params
        for logical, resource in (template.get("Resources") or {}).items():
            name = f"{STACK_NAME}-{logical}"[:64]
            kind = str(resource.get("Type", "")).replace("::", "-").lower()
            self.result.attributes[logical] = {
                "Ref": name,
                "Arn": f"arn:aws:sandbox:{self.region}:{ACCOUNT_ID}:{kind}/{name}",
            }
        for logical, props in _resources(template, "AWS::IAM::Role"):
            name = props.get("RoleName") or f"{STACK_NAME}-{logical}"[:64]
            self.result.attributes[logical] = {
                "Ref": name,
                "Arn": f"arn:aws:iam::{ACCOUNT_ID}:role/{name}",
                "RoleId": name,
            }
        for logical, _props in _resources(template, "AWS::Pinpoint::App"):
            self.result.attributes[logical] = {
                "Ref": self.push_app_id,
                "Arn": f"arn:aws:mobiletargeting:{self.region}:{ACCOUNT_ID}:apps/{self.push_app_id}",
            }
        for logical, _props in _resources(template, "AWS::AppSync::GraphQLApi"):
            self.result.graphql_api_arn = f"arn:aws:appsync:{self.region}:{ACCOUNT_ID}:apis/sandbox"
            self.result.attributes[logical] = {
                "Ref": f"arn:aws:appsync:{self.region}:{ACCOUNT_ID}:apis/sandbox",
                "Arn": f"arn:aws:appsync:{self.region}:{ACCOUNT_ID}:apis/sandbox",
                "ApiId": "sandbox",
                "GraphQLUrl": self.graphql_url,
                "GraphQLDns": self.graphql_url.split("/")[2] if self.graphql_url else "",
                "RealtimeUrl": self.graphql_url.replace("https://", "wss://") + "/realtime",
            }
        # In dependency order: later resources refer to earlier ones (client → pool, function env → tables...).
        creators = (
            (("AWS::SecretsManager::Secret",), self._secret),
            (("AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"), self._table),
            (("AWS::S3::Bucket",), self._bucket),
            (("AWS::Cognito::UserPool",), self._user_pool),
            (("AWS::Cognito::UserPoolClient",), self._user_pool_client),
            (("AWS::Cognito::UserPoolGroup",), self._group),
            (("AWS::Cognito::IdentityPool",), self._identity_pool),
            (("AWS::KinesisFirehose::DeliveryStream",), self._firehose),
            (("AWS::Lambda::Function",), self._function),
        )
        for resource_types, create in creators:
            for logical, props in _resources(template, *resource_types):
                create(logical, props)
        self._stream_sources(template)
        self._identity_pool_roles(template)
        self._role_policies(template)
        for key, output in (template.get("Outputs") or {}).items():
            value = self.resolver.try_resolve(output.get("Value"))
            if value is not None:
                self.result.outputs[key] = value if isinstance(value, str) else json.dumps(value)
        return self.result

    def _stream_sources(self, template: Mapping[str, Any]) -> None:
        """Tables whose stream feeds the runtime's stream handler, with the mapping's filters.
        Without any event source mapping in the template, every stream table feeds it unfiltered."""
        mappings = _resources(template, "AWS::Lambda::EventSourceMapping")
        if not mappings:
            self.result.stream_sources = {name: None for name in self.result.stream_tables}
            return
        arn_to_table = {
            attributes.get("StreamArn"): self.result.tables[logical]
            for logical, attributes in self.result.attributes.items()
            if logical in self.result.tables
        }
        handler_names = {
            self.result.attributes[logical]["Ref"]: function["handler"]
            for logical, function in self.result.functions.items()
        }
        for _logical, props in mappings:
            table = arn_to_table.get(self.resolver.try_resolve(props.get("EventSourceArn")))
            function = self.resolver.try_resolve(props.get("FunctionName"))
            handler = handler_names.get(function) or handler_names.get(str(function).rsplit(":", 1)[-1], "")
            if table and handler.endswith("stream_handler.handler"):
                self.result.stream_sources[table] = props.get("FilterCriteria")
                if props.get("MaximumRetryAttempts") is not None:
                    self.result.stream_retry_attempts[table] = int(props["MaximumRetryAttempts"])

    def _secret(self, logical: str, props: dict[str, Any]) -> None:
        name = self._r(props.get("Name")) or f"{STACK_NAME}-{logical}"
        value = props.get("SecretString")
        generate = props.get("GenerateSecretString")
        if value is None:
            generated = pysecrets.token_urlsafe(48)
            if generate and generate.get("SecretStringTemplate") and generate.get("GenerateStringKey"):
                body = json.loads(generate["SecretStringTemplate"])
                body[generate["GenerateStringKey"]] = generated
                value = json.dumps(body)
            else:
                value = generated
        arn = self.client("secretsmanager").create_secret(Name=name, SecretString=self._r(value))["ARN"]
        self.result.attributes[logical] = {"Ref": arn, "Arn": arn, "Id": arn}

    def _table(self, logical: str, props: dict[str, Any]) -> None:
        name = self._r(props.get("TableName")) or f"{STACK_NAME}-{logical}"
        kwargs: dict[str, Any] = {
            "TableName": name,
            "KeySchema": props["KeySchema"],
            "AttributeDefinitions": props["AttributeDefinitions"],
            "BillingMode": "PAY_PER_REQUEST",
        }
        for key in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
            if props.get(key):
                kwargs[key] = [_pick(i, ("IndexName", "KeySchema", "Projection")) for i in props[key]]
        stream = props.get("StreamSpecification") or {}
        if stream.get("StreamViewType"):
            kwargs["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": stream["StreamViewType"]}
        description = self.client("dynamodb").create_table(**kwargs)["TableDescription"]
        self.result.tables[logical] = name
        self.result.attributes[logical] = {
            "Ref": name,
            "Arn": description["TableArn"],
            "StreamArn": description.get("LatestStreamArn"),
        }
        if description.get("LatestStreamArn"):
            self.result.stream_tables.append(name)

    def _bucket(self, logical: str, props: dict[str, Any]) -> None:
        name = self._r(props.get("BucketName")) or f"{STACK_NAME}-{logical.lower()}"[:63]
        s3 = self.client("s3")
        s3.create_bucket(Bucket=name)
        rules = (props.get("CorsConfiguration") or {}).get("CorsRules") or []
        if rules:
            converted = []
            for rule in rules:
                out = _pick(rule, ("AllowedHeaders", "AllowedMethods", "AllowedOrigins", "ID"))
                if "ExposedHeaders" in rule:
                    out["ExposeHeaders"] = rule["ExposedHeaders"]
                if "MaxAge" in rule:
                    out["MaxAgeSeconds"] = int(rule["MaxAge"])
                converted.append(self._r(out))
            s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": converted})
        self.result.attributes[logical] = {
            "Ref": name,
            "Arn": f"arn:aws:s3:::{name}",
            "DomainName": f"{name}.s3.amazonaws.com",
            "RegionalDomainName": f"{name}.s3.{self.region}.amazonaws.com",
        }

    def _user_pool(self, logical: str, props: dict[str, Any]) -> None:
        kwargs = _pick(
            props,
            (
                "Policies",
                "UsernameAttributes",
                "AliasAttributes",
                "AutoVerifiedAttributes",
                "MfaConfiguration",
                "Schema",
                "UsernameConfiguration",
                "AccountRecoverySetting",
                "AdminCreateUserConfig",
                "UserAttributeUpdateSettings",
            ),
        )
        kwargs = self._r(kwargs)
        kwargs["PoolName"] = self._r(props.get("UserPoolName")) or f"{STACK_NAME}-{logical}"
        idp = self.client("cognito-idp")
        pool = idp.create_user_pool(**kwargs)["UserPool"]
        pool_id = stable_ids.user_pool_id(self.region, STACK_NAME, logical)
        stable_ids.rekey_user_pool(self.region, pool["Id"], pool_id)
        pool["Arn"] = pool["Arn"].replace(pool["Id"], pool_id)
        if "SOFTWARE_TOKEN_MFA" in (props.get("EnabledMfas") or []) and props.get("MfaConfiguration", "OFF") != "OFF":
            try:
                idp.set_user_pool_mfa_config(
                    UserPoolId=pool_id,
                    SoftwareTokenMfaConfiguration={"Enabled": True},
                    MfaConfiguration=props["MfaConfiguration"],
                )
            except Exception:  # noqa: BLE001 - moto's MFA support is partial; sign-in works without it
                log.warning("could not set MFA config on %s", pool_id)
        if (props.get("LambdaConfig") or {}).get("PostConfirmation"):
            self.result.post_confirmation_pool_ids.add(pool_id)
        self.result.user_pool_id = self.result.user_pool_id or pool_id
        provider = f"cognito-idp.{self.region}.amazonaws.com/{pool_id}"
        self.result.attributes[logical] = {
            "Ref": pool_id,
            "Arn": pool["Arn"],
            "ProviderName": provider,
            "ProviderURL": f"https://{provider}",
            "UserPoolId": pool_id,
        }

    def _user_pool_client(self, logical: str, props: dict[str, Any]) -> None:
        kwargs = self._r(
            _pick(
                props,
                (
                    "ClientName",
                    "ExplicitAuthFlows",
                    "RefreshTokenValidity",
                    "AccessTokenValidity",
                    "IdTokenValidity",
                    "TokenValidityUnits",
                    "ReadAttributes",
                    "WriteAttributes",
                    "SupportedIdentityProviders",
                    "CallbackURLs",
                    "LogoutURLs",
                    "AllowedOAuthFlows",
                    "AllowedOAuthScopes",
                    "AllowedOAuthFlowsUserPoolClient",
                    "PreventUserExistenceErrors",
                    "EnableTokenRevocation",
                ),
            )
        )
        kwargs.setdefault("ClientName", f"{STACK_NAME}-{logical}")
        pool_id = self._r(props["UserPoolId"])
        created = self.client("cognito-idp").create_user_pool_client(UserPoolId=pool_id, GenerateSecret=False, **kwargs)
        client_id = stable_ids.client_id(STACK_NAME, logical)
        stable_ids.rekey_client(self.region, pool_id, created["UserPoolClient"]["ClientId"], client_id)
        self.result.client_ids.append(client_id)
        self.result.attributes[logical] = {"Ref": client_id, "ClientId": client_id, "Name": kwargs["ClientName"]}

    def _group(self, logical: str, props: dict[str, Any]) -> None:
        name = self._r(props.get("GroupName")) or f"{STACK_NAME}-{logical}"
        kwargs = self._r(_pick(props, ("Description", "Precedence")))
        self.client("cognito-idp").create_group(UserPoolId=self._r(props["UserPoolId"]), GroupName=name, **kwargs)
        self.result.attributes[logical] = {"Ref": name}

    def _identity_pool(self, logical: str, props: dict[str, Any]) -> None:
        name = self._r(props.get("IdentityPoolName")) or f"{STACK_NAME}_{logical}"
        providers = [
            _pick(p, ("ProviderName", "ClientId", "ServerSideTokenCheck"))
            for p in self._r(props.get("CognitoIdentityProviders") or [])
        ]
        created = self.client("cognito-identity").create_identity_pool(
            IdentityPoolName=name,
            AllowUnauthenticatedIdentities=bool(props.get("AllowUnauthenticatedIdentities", False)),
            CognitoIdentityProviders=providers,
        )
        pool_id = stable_ids.identity_pool_id(self.region, STACK_NAME, logical)
        stable_ids.rekey_identity_pool(self.region, created["IdentityPoolId"], pool_id)
        self.result.attributes[logical] = {"Ref": pool_id, "Name": name, "Id": pool_id}
        provider_clients: dict[str, list[str]] = {}
        for provider in providers:
            provider_clients.setdefault(provider.get("ProviderName", ""), []).append(provider.get("ClientId", ""))
        self.result.identity_pools[pool_id] = {
            "allow_unauthenticated": props.get("AllowUnauthenticatedIdentities") in (True, "true", "True"),
            "providers": provider_clients,
            "roles": {},
        }

    def _identity_pool_roles(self, template: Mapping[str, Any]) -> None:
        """Which role each identity pool gives signed-in users and guests (GetCredentialsForIdentity)."""
        for logical, props in _resources(template, "AWS::Cognito::IdentityPoolRoleAttachment"):
            pool_id = self.resolver.try_resolve(props.get("IdentityPoolId"))
            roles = self.resolver.try_resolve(props.get("Roles")) or {}
            if pool_id not in self.result.identity_pools or not isinstance(roles, dict):
                log.info("role attachment %s names nothing the sandbox has; left out", logical)
                continue
            self.result.identity_pools[pool_id]["roles"] = {
                kind: arn for kind, arn in roles.items() if kind in ("authenticated", "unauthenticated")
            }

    def _role_policies(self, template: Mapping[str, Any]) -> None:
        """Each role's statements, as IAM would evaluate them for its sessions (the sandbox's IAM authorization of
        identity-pool credentials reads the `appsync:GraphQL` ones)."""
        name_to_arn = {
            self.result.attributes[logical]["Ref"]: self.result.attributes[logical]["Arn"]
            for logical, _props in _resources(template, "AWS::IAM::Role")
        }
        for logical, props in _resources(template, "AWS::IAM::Role"):
            arn = self.result.attributes[logical]["Arn"]
            statements = self.result.role_policies.setdefault(arn, [])
            for policy in props.get("Policies") or []:
                statements += self._statements(policy.get("PolicyDocument"))
        for _logical, props in _resources(template, "AWS::IAM::Policy"):
            statements = self._statements(props.get("PolicyDocument"))
            for role in props.get("Roles") or []:
                arn = name_to_arn.get(self.resolver.try_resolve(role))
                if arn is not None:
                    self.result.role_policies.setdefault(arn, []).extend(statements)

    def _statements(self, document: Any) -> list[dict[str, Any]]:
        """A policy document's statements, resolved. A statement naming something the sandbox lacks grants nothing
        (an Allow is dropped; a Deny keeps its actions on every resource): never more than the template says."""
        raw = (document or {}).get("Statement") if isinstance(document, dict) else None
        statements: list[dict[str, Any]] = []
        for statement in raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []:
            resolved = self.resolver.try_resolve(statement)
            if resolved is None and statement.get("Effect") == "Deny":
                broadest = {key: statement[key] for key in ("Effect", "Action", "NotAction") if key in statement}
                resolved = self.resolver.try_resolve({**broadest, "Resource": "*"})
            if isinstance(resolved, dict):
                statements.append(resolved)
        return statements

    def _firehose(self, logical: str, props: dict[str, Any]) -> None:
        name = self._r(props.get("DeliveryStreamName")) or f"{STACK_NAME}-{logical}"[:64]
        destination = props.get("ExtendedS3DestinationConfiguration") or props.get("S3DestinationConfiguration") or {}
        bucket_arn = self.resolver.try_resolve(destination.get("BucketARN"))
        role_arn = self.resolver.try_resolve(destination.get("RoleARN")) or f"arn:aws:iam::{ACCOUNT_ID}:role/firehose"
        if not bucket_arn:
            bucket_arn = next(
                (
                    a["Arn"]
                    for a in self.result.attributes.values()
                    if str(a.get("Arn", "")).startswith("arn:aws:s3:::")
                ),
                "arn:aws:s3:::sandbox-analytics",
            )
        firehose = self.client("firehose")
        created = firehose.create_delivery_stream(
            DeliveryStreamName=name,
            DeliveryStreamType="DirectPut",
            ExtendedS3DestinationConfiguration={"RoleARN": role_arn, "BucketARN": bucket_arn},
        )
        self.result.attributes[logical] = {"Ref": name, "Arn": created["DeliveryStreamARN"]}

    def _function(self, logical: str, props: dict[str, Any]) -> None:
        environment: dict[str, str] = {}
        for key, value in ((props.get("Environment") or {}).get("Variables") or {}).items():
            resolved = self.resolver.try_resolve(value)
            if resolved is None:
                log.info("function %s: env %s refers to nothing the sandbox has; left out", logical, key)
                continue
            environment[key] = resolved if isinstance(resolved, str) else json.dumps(resolved)
        self.result.functions[logical] = {"handler": props.get("Handler", ""), "environment": environment}


def provision(
    template: Mapping[str, Any],
    *,
    endpoint_url: str,
    region: str,
    graphql_url: str = "",
    push_app_id: str = "",
    session: Any = None,
) -> Provisioned:
    import boto3

    session = session or boto3.session.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106 - moto's fixed credentials
        region_name=region,
    )
    return Provisioner(session, endpoint_url, region, graphql_url=graphql_url, push_app_id=push_app_id).run(template)
