"""What every resource creator shares: one boto3 client per service against moto and the template's resolver."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.cloudformation.intrinsics import Resolver, pseudo_parameters

from ..constants import ACCOUNT_ID
from .provisioned import Provisioned

STACK_NAME = "sandbox"


def resources_of_type(template: Mapping[str, Any], *types: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (logical, resource.get("Properties") or {})
        for logical, resource in (template.get("Resources") or {}).items()
        if resource.get("Type") in types
    ]


def pick(props: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: props[k] for k in keys if k in props}


class ProvisionerBase:
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
