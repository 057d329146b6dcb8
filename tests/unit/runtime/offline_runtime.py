"""The Lambda runtime in this process against moto: its environment and its caches. Shared by the runtime's unit
tests (conftest.py) and the DynamoDB request bench (devtools/bench/dynamodb_requests.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from backend.runtime import aws, pagination, settings

from . import tables


def redirects(environ: Mapping[str, str]) -> list[str]:
    """The variables that would send boto3 somewhere other than moto's in-process mock (a profile, an endpoint)."""
    return [name for name in environ if name == "AWS_PROFILE" or name.startswith("AWS_ENDPOINT_URL")]


def environment(region: str, **values: str) -> dict[str, str]:
    """The runtime's variables against moto: dummy credentials, so no call can reach a real account (moto's advice:
    https://docs.getmoto.org/en/latest/docs/getting_started.html#how-do-i-avoid-tests-from-mutating-my-real-infrastructure),
    the region, the contract's bucket and tables; `values` adds what differs (service name, version, push app)."""
    return {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
        "MEDIA_BUCKET": tables.MEDIA_BUCKET,
        **tables.TABLE_NAMES,
        **values,
    }


def reset(modules: Iterable[object] = (settings, aws, pagination)) -> None:
    """Forget the runtime's cached settings, clients and pagination key, as a cold start would."""
    for module in modules:
        module.reset()  # type: ignore[attr-defined]
