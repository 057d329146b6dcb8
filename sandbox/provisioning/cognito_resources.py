"""Cognito's resources in moto: user pools, their clients and groups, identity pools and their roles.

User pool, client and identity pool ids are rekeyed to stable ones (stable_ids.py) so that they survive restarts.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from . import stable_ids
from .provisioner_base import STACK_NAME, ProvisionerBase, pick, resources_of_type

log = logging.getLogger("sandbox.provisioning")


class CognitoResources(ProvisionerBase):
    def _user_pool(self, logical: str, props: dict[str, Any]) -> None:
        kwargs = pick(
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
            pick(
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
        kwargs = self._r(pick(props, ("Description", "Precedence")))
        self.client("cognito-idp").create_group(UserPoolId=self._r(props["UserPoolId"]), GroupName=name, **kwargs)
        self.result.attributes[logical] = {"Ref": name}

    def _identity_pool(self, logical: str, props: dict[str, Any]) -> None:
        name = self._r(props.get("IdentityPoolName")) or f"{STACK_NAME}_{logical}"
        providers = [
            pick(p, ("ProviderName", "ClientId", "ServerSideTokenCheck"))
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
        for logical, props in resources_of_type(template, "AWS::Cognito::IdentityPoolRoleAttachment"):
            pool_id = self.resolver.try_resolve(props.get("IdentityPoolId"))
            roles = self.resolver.try_resolve(props.get("Roles")) or {}
            if pool_id not in self.result.identity_pools or not isinstance(roles, dict):
                log.info("role attachment %s names nothing the sandbox has; left out", logical)
                continue
            self.result.identity_pools[pool_id]["roles"] = {
                kind: arn for kind, arn in roles.items() if kind in ("authenticated", "unauthenticated")
            }
