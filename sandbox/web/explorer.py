"""The API explorer (GraphiQL, served from node_modules: works offline) and `GET /`, the list of endpoints.

GraphiQL 3's UMD bundle with React 18's UMD builds runs without a bundler. GraphiQL 4 and 5 ship only ES modules
that import react, @graphiql/react and more by bare name, and React ships CommonJS (React 19: no UMD either), which
a browser cannot load without a build step. The page's own script (explorer/explorer.js) signs in through the
Cognito front, sends the token as `Authorization`, and speaks AppSync's realtime protocol for subscriptions.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from aiohttp import web

from pipeline.project_root import PROJECT_ROOT

from ..auth.tokens import Authenticator

HERE = Path(__file__).resolve().parent / "explorer"
NODE_MODULES = PROJECT_ROOT / "node_modules"
ASSET_PREFIX = "/_sandbox/explorer/"

# The only files served: a fixed map, so no request path ever reaches the file system (no traversal).
ASSETS: dict[str, tuple[Path, str]] = {
    "react.js": (NODE_MODULES / "react/umd/react.production.min.js", "text/javascript"),
    "react-dom.js": (NODE_MODULES / "react-dom/umd/react-dom.production.min.js", "text/javascript"),
    "graphiql.js": (NODE_MODULES / "graphiql/graphiql.min.js", "text/javascript"),
    "graphiql.css": (NODE_MODULES / "graphiql/graphiql.min.css", "text/css"),
    "explorer.js": (HERE / "explorer.js", "text/javascript"),
    "explorer.css": (HERE / "explorer.css", "text/css"),
}


def wants_html(request: web.Request) -> bool:
    return "text/html" in request.headers.get("Accept", "")


def endpoints(request: web.Request) -> dict[str, str]:
    base = f"https://{request.host}"
    return {
        "graphql": f"{base}/graphql",
        "realtime": f"wss://{request.host}/graphql/realtime",
        "explorer": f"{base}/graphql",  # the same URL, opened in a browser
        "cognito": f"{base}/cognito",
        "push_outbox": f"{base}/_sandbox/push-outbox",
        "dead_letters": f"{base}/_sandbox/dead-letters",
    }


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no `</script>` or `<!--` can end it early."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Explorer:
    def __init__(self, authenticator: Authenticator) -> None:
        # The user pool and its client are provisioned after the web app is built: read them per request.
        self.authenticator = authenticator

    def page_config(self, request: web.Request) -> dict[str, Any]:
        verifier = self.authenticator.verifier
        client_ids = sorted(verifier.client_ids) if verifier else []
        return {
            "graphqlUrl": f"https://{request.host}/graphql",
            "realtimeUrl": f"wss://{request.host}/graphql/realtime",
            "cognitoUrl": f"https://{request.host}/cognito",
            # The stage has one app client (backend/infra/auth.py); sorted only to be deterministic.
            "clientId": client_ids[0] if client_ids else None,
        }

    async def explorer_page(self, request: web.Request) -> web.Response:
        missing = [name for name, (path, _type) in ASSETS.items() if not path.is_file()]
        if missing:
            return web.Response(
                status=503,
                text="The explorer needs its files: run `make sandbox` or `make deps`. Missing: " + ", ".join(missing),
            )
        page = (HERE / "index.html").read_text(encoding="utf-8")
        page = page.replace("{{ASSETS}}", ASSET_PREFIX).replace("{{CONFIG}}", _script_json(self.page_config(request)))
        return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "no-store"})

    async def asset(self, request: web.Request) -> web.StreamResponse:
        entry = ASSETS.get(request.match_info["name"])
        if entry is None or not entry[0].is_file():
            raise web.HTTPNotFound(text="not found")
        path, content_type = entry
        return web.FileResponse(
            path,
            headers={
                "Content-Type": f"{content_type}; charset=utf-8",
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "no-cache",
            },
        )

    async def index(self, request: web.Request) -> web.Response:
        links = endpoints(request)
        if not wants_html(request):
            return web.json_response(links)
        # The Host header is the client's: escaped like any other text.
        rows = "".join(f"<li><b>{name}</b>: <code>{html.escape(url)}</code></li>" for name, url in links.items())
        page = (
            "<!doctype html><meta charset=utf-8><title>Sandbox</title>"
            f"<h1>Sandbox endpoints</h1><ul>{rows}</ul>"
            '<p><a href="/graphql">Open the GraphQL explorer</a></p>'
        )
        return web.Response(text=page, content_type="text/html")

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/", self.index), web.get(ASSET_PREFIX + "{name}", self.asset)]
