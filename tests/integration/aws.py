"""boto3 clients for the few AWS APIs the suite calls directly, pointed at the target.

Sandbox: moto endpoints, dummy credentials, the sandbox CA. Deployed: real endpoints, credentials given
explicitly (assumed test role, identity-pool credentials) or the ambient chain (CodeBuild's role).
"""

from __future__ import annotations

from dataclasses import dataclass

import boto3
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.credentials import Credentials

from .target import Target

CLIENT_CONFIG = Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 3, "mode": "standard"})
UNSIGNED_CONFIG = CLIENT_CONFIG.merge(Config(signature_version=UNSIGNED))


@dataclass(frozen=True)
class AwsCredentials:
    access_key_id: str
    secret_access_key: str
    session_token: str | None = None

    def botocore(self) -> Credentials:
        return Credentials(self.access_key_id, self.secret_access_key, self.session_token)


def sandbox_credentials(target: Target) -> AwsCredentials | None:
    """The sandbox's dummy keys (moto accepts any); None for a deployed target."""
    return AwsCredentials(target.sandbox.access_key_id, target.sandbox.secret_access_key) if target.sandbox else None


def iam_caller_credentials(target: Target, test_role: AwsCredentials | None) -> AwsCredentials:
    """Credentials for IAM-authorized GraphQL calls: the sandbox's dummy keys; else the assumed test role
    (granted the IAM-authorized fields); else the ambient chain (protected environments have no test role)."""
    chosen = sandbox_credentials(target) or test_role
    if chosen:
        return chosen
    found = botocore.session.get_session().get_credentials()
    if found is None:
        raise RuntimeError("no AWS credentials in the environment for IAM-signed GraphQL calls")
    frozen = found.get_frozen_credentials()
    return AwsCredentials(frozen.access_key, frozen.secret_key, frozen.token)


def client(target: Target, service: str, credentials: AwsCredentials | None = None, *, endpoint_url: str | None = None):
    """A boto3 client for `service` in the target's region; unsigned when credentials is None on a
    deployed target (public Cognito APIs) — the sandbox always gets its dummy keys."""
    credentials = credentials or sandbox_credentials(target)
    kwargs = {
        "region_name": target.region,
        "endpoint_url": endpoint_url or target.aws_endpoint(service),
        "config": CLIENT_CONFIG if credentials else UNSIGNED_CONFIG,
    }
    if target.sandbox:
        kwargs["verify"] = target.tls_verify
    if credentials:
        kwargs.update(
            aws_access_key_id=credentials.access_key_id,
            aws_secret_access_key=credentials.secret_access_key,
            aws_session_token=credentials.session_token,
        )
    return boto3.session.Session().client(service, **kwargs)


def guest_credentials(target: Target) -> AwsCredentials:
    """What an app gets before sign-in: identity-pool credentials of a new unauthenticated identity (GetId without
    logins, then GetCredentialsForIdentity; both unsigned, as Amplify calls them)."""
    assert target.identity_pool_id, "amplify_outputs.json has no auth.identity_pool_id"
    identity = boto3.session.Session().client(
        "cognito-identity",
        region_name=target.region,
        endpoint_url=target.aws_endpoint("cognito-identity"),
        config=UNSIGNED_CONFIG,
        **({"verify": target.tls_verify} if target.sandbox else {}),
    )
    identity_id = identity.get_id(IdentityPoolId=target.identity_pool_id)["IdentityId"]
    issued = identity.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
    return AwsCredentials(issued["AccessKeyId"], issued["SecretKey"], issued["SessionToken"])


def assume_role(target: Target, role_arn: str) -> AwsCredentials:
    sts = boto3.session.Session().client("sts", region_name=target.region, config=CLIENT_CONFIG)
    creds = sts.assume_role(RoleArn=role_arn, RoleSessionName="integration-tests", DurationSeconds=3600)["Credentials"]
    return AwsCredentials(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
