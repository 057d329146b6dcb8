"""One botocore data loader per data path for the whole sandbox process.

botocore gives every new session its own loader, and the loader's cache is per instance: each boto3 session
parsed the same service model JSON again, and so did moto (its response serializer loads the models with a
loader of its own, and each new moto backend makes a boto3 session to list regions). The runtime makes a new
session per client too. Parsing those models was about a fifth of the sandbox's start-up and the first request's
time. The models are read-only data, and botocore already shares one loaded model among all clients of a session.
"""

from __future__ import annotations

import threading
from typing import Any

_loaders: dict[Any, Any] = {}
_lock = threading.Lock()
_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    import botocore.session
    import moto.core.utils
    from botocore.loaders import create_loader

    def shared_loader(search_path_string: Any = None) -> Any:
        with _lock:
            loader = _loaders.get(search_path_string)
            if loader is None:
                loader = _loaders[search_path_string] = create_loader(search_path_string)
            return loader

    botocore.session.create_loader = shared_loader
    moto.core.utils.create_loader = shared_loader
    _installed = True
