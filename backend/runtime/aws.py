"""boto3 clients, created lazily and once per process.

boto3 honours AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> when a client is created, which is how the
sandbox points the runtime at moto. ``set_client`` is the seam for tests and the sandbox to inject a client
(e.g. a stubbed Pinpoint client); ``reset`` forgets all clients.
"""

from __future__ import annotations

import threading
from typing import Any

import boto3
from botocore.config import Config

_CONFIGS = {
    "dynamodb": Config(retries={"mode": "standard", "max_attempts": 3}, connect_timeout=2, read_timeout=5),
    "s3": Config(signature_version="s3v4"),
}
_clients: dict[str, Any] = {}
_lock = threading.Lock()


def client(service: str) -> Any:
    existing = _clients.get(service)
    if existing is not None:
        return existing
    with _lock:
        if service not in _clients:
            _clients[service] = boto3.session.Session().client(service, config=_CONFIGS.get(service))
        return _clients[service]


def dynamodb() -> Any:
    return client("dynamodb")


def s3() -> Any:
    return client("s3")


def set_client(service: str, value: Any) -> None:
    with _lock:
        _clients[service] = value


def reset() -> None:
    with _lock:
        _clients.clear()
