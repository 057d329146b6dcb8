"""The canary function's settings, from the environment variables the infrastructure sets (docs/canary.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .journey import JourneyTarget
from .metrics import MetricSpec


class CanaryConfigError(RuntimeError):
    """A variable is missing: a deployment bug, so the run fails loudly (and the metric goes silent)."""


_VARIABLES = (
    "GRAPHQL_URL",
    "USER_POOL_ID",
    "USER_POOL_CLIENT_ID",
    "CANARY_SECRET_ARN",
    "CANARY_ENVIRONMENT",
    "CANARY_METRIC_NAMESPACE",
    "CANARY_SUCCESS_METRIC",
    "CANARY_DURATION_METRIC",
    "CANARY_DIMENSION",
)


@dataclass(frozen=True)
class CanaryConfig:
    target: JourneyTarget
    user_pool_id: str
    secret_arn: str
    metrics: MetricSpec

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> CanaryConfig:
        missing = [name for name in _VARIABLES if not environ.get(name)]
        if missing:
            raise CanaryConfigError(f"missing environment variable(s): {', '.join(missing)}")
        return cls(
            target=JourneyTarget(environ["GRAPHQL_URL"], environ["USER_POOL_CLIENT_ID"]),
            user_pool_id=environ["USER_POOL_ID"],
            secret_arn=environ["CANARY_SECRET_ARN"],
            metrics=MetricSpec(
                namespace=environ["CANARY_METRIC_NAMESPACE"],
                success_metric=environ["CANARY_SUCCESS_METRIC"],
                duration_metric=environ["CANARY_DURATION_METRIC"],
                dimension=environ["CANARY_DIMENSION"],
                environment=environ["CANARY_ENVIRONMENT"],
            ),
        )


def user_pool_region(user_pool_id: str) -> str:
    """A user pool id starts with its region (`eu-west-1_AbC123`)."""
    region, separator, _ = user_pool_id.partition("_")
    if not separator or not region:
        raise CanaryConfigError(f"not a user pool id: {user_pool_id!r}")
    return region
