"""The web server behind `counterpoint serve`: textual-serve's, with the checks a server
without authentication needs, a page that addresses its websocket by the name the browser
used, and sessions that never outlive it.

On loopback it answers only requests addressed to a loopback name (else a web page could
rebind its own domain to 127.0.0.1 and read the store), and anywhere it accepts only
websockets opened from its own page (websockets ignore the same-origin rule: any site the
analyst visits could otherwise open ws://127.0.0.1:PORT/ws and drive the app). Imported
only by that command: aiohttp and textual-serve take some 0.3 s to load."""

from __future__ import annotations

import asyncio
import contextlib
import re
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from .serve_hosts import is_loopback, url_host

QUIT_GRACE_SECONDS = 5.0
"""How long a session's process has to quit when its browser goes or the server stops,
before it is killed: a hung app must never outlive the server."""

PAGE = "app_index.html"
GOOGLE_FONTS = re.compile(
    r'<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/>'
)
LOCAL_FONT = (
    '<style>@font-face { font-family: "Roboto Mono"; '
    'src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"); }</style>'
)


def self_contained_page(templates: Path) -> str:
    """textual-serve's page, with its font from the server instead of Google Fonts: opening
    the store must tell no third party, and offline that request stalls the first paint
    until it fails. (textual-serve ships the same font; tests/test_serve.py checks that
    the page asks nothing of any other server.)"""
    return GOOGLE_FONTS.sub(LOCAL_FONT, (templates / PAGE).read_text(encoding="utf-8"))


class _Session(AppService):
    """textual-serve's session, which also reports its process to the server, so that the
    server can make sure no session outlives it."""

    def __init__(self, *args: Any, processes: set[Process], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._processes = processes

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        process = await super()._open_app_process(width, height)
        self._processes.add(process)
        return process


class CounterpointServer(Server):
    """textual-serve's server with the checks a server without authentication needs, a
    page that addresses its websocket by the name the browser used, and sessions that end
    with it."""

    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        *,
        loopback_only: bool,
        grace: float = QUIT_GRACE_SECONDS,
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title="Counterpoint",
            public_url=f"http://{url_host(host)}:{port}",
        )
        self.loopback_only = loopback_only
        self.sockets: set[web.WebSocketResponse] = set()
        self.processes: set[Process] = set()
        self.grace = grace

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        page = self_contained_page(self.templates_path)
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({PAGE: page}))
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        """Refuse, on loopback, a request addressed to another name (DNS rebinding); and
        everywhere, a websocket opened by a page of another origin."""
        name = request.url.host or ""
        if self.loopback_only and not is_loopback(name):
            raise web.HTTPMisdirectedRequest(text="this server answers loopback names only\n")
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and origin != f"http://{request.host}":
            raise web.HTTPForbidden(text="websocket from another origin refused\n")
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The page, with its websocket addressed by the name the browser used: opened as
        http://localhost:PORT it must not point at 127.0.0.1, another origin."""
        base = f"http://{request.host}" if request.url.host else self.public_url
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": "ws:" + base.split(":", 1)[1] + "/ws",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template(PAGE, request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's session handler, but a session's process is waited for only so
        long after its browser goes, then killed."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        self.sockets.add(websocket)
        session: _Session | None = None
        try:
            await websocket.prepare(request)
            session = _Session(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
                processes=self.processes,
            )
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            self.sockets.discard(websocket)
            if session is not None:
                await self._end_session(session)
        return websocket

    async def _end_session(self, session: _Session) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(session.stop(), self.grace)
        process = session._process
        if process is not None:
            await self._reap(process)

    async def _reap(self, process: Process) -> None:
        """Wait a moment for a session's process to quit, then kill it."""
        if process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), self.grace)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):  # it ended just now after all
                    process.kill()
                await process.wait()
        self.processes.discard(process)

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"Counterpoint on {self.public_url}/ — Ctrl+C stops it.")

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every browser's websocket (each session then asks its app to quit), and
        make sure every session's process has ended before the server does."""
        for websocket in list(self.sockets):
            await websocket.close(code=1001, message=b"server shutdown")
        await asyncio.gather(*(self._reap(p) for p in list(self.processes)))
