"""Create the stage template's resources in moto: the synthesized template is the one source of truth.

Takes a CloudFormation template dict; returns what was made (physical names, resolved stack outputs and the
runtime's environment variables, derived from the functions' Environment in the template).
"""

from __future__ import annotations

import json
import logging
import secrets as pysecrets
from collections.abc import Mapping
from typing import Any

from ..constants import ACCOUNT_ID
from .cognito_resources import CognitoResources
from .provisioned import Provisioned
from .provisioner_base import STACK_NAME, pick, resources_of_type

log = logging.getLogger("sandbox.provisioning")


class Provisioner(CognitoResources):
    """Creates each resource type in dependency order, then derives what links them (streams, roles, outputs)."""

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
        for logical, props in resources_of_type(template, "AWS::IAM::Role"):
            name = props.get("RoleName") or f"{STACK_NAME}-{logical}"[:64]
            self.result.attributes[logical] = {
                "Ref": name,
                "Arn": f"arn:aws:iam::{ACCOUNT_ID}:role/{name}",
                "RoleId": name,
            }
        for logical, _props in resources_of_type(template, "AWS::Pinpoint::App"):
            self.result.attributes[logical] = {
                "Ref": self.push_app_id,
                "Arn": f"arn:aws:mobiletargeting:{self.region}:{ACCOUNT_ID}:apps/{self.push_app_id}",
            }
        for logical, _props in resources_of_type(template, "AWS::AppSync::GraphQLApi"):
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
            for logical, props in resources_of_type(template, *resource_types):
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
        mappings = resources_of_type(template, "AWS::Lambda::EventSourceMapping")
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
                kwargs[key] = [pick(i, ("IndexName", "KeySchema", "Projection")) for i in props[key]]
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
                out = pick(rule, ("AllowedHeaders", "AllowedMethods", "AllowedOrigins", "ID"))
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

    def _role_policies(self, template: Mapping[str, Any]) -> None:
        """Each role's statements, as IAM would evaluate them for its sessions (the sandbox's IAM authorization of
        identity-pool credentials reads the `appsync:GraphQL` ones)."""
        name_to_arn = {
            self.result.attributes[logical]["Ref"]: self.result.attributes[logical]["Arn"]
            for logical, _props in resources_of_type(template, "AWS::IAM::Role")
        }
        for logical, props in resources_of_type(template, "AWS::IAM::Role"):
            arn = self.result.attributes[logical]["Arn"]
            statements = self.result.role_policies.setdefault(arn, [])
            for policy in props.get("Policies") or []:
                statements += self._statements(policy.get("PolicyDocument"))
        for _logical, props in resources_of_type(template, "AWS::IAM::Policy"):
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
