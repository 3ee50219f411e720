"""How docs/serve-chromium.png was made: `counterpoint serve` opened in headless chromium,
photographed once the terminal in the page has drawn. Not a benchmark; run by hand:

    counterpoint serve --port 8766 &
    .venv/bin/python bench/serve_screenshot.py http://127.0.0.1:8766/ docs/serve-chromium.png

chromium's own `--screenshot` photographs the page as soon as it has loaded, before the
app's first frame has come over the websocket (with `--virtual-time-budget` too: virtual
time does not wait for the socket), so it shows only textual-serve's "Counterpoint"
splash. Here chromium is driven over the DevTools protocol instead, in real time: wait
for the page's `-first-byte` class (set by textual-serve's client on the first frame),
then give the app a moment to finish drawing."""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import subprocess
import time
from pathlib import Path
from typing import Any

import aiohttp

DEBUG_PORT = 9333
DRAWN_WITHIN = 30.0  # seconds


async def screenshot(url: str, out: Path, width: int, height: int, chromium: str) -> None:
    browser = subprocess.Popen(
        [
            chromium,
            "--headless",
            "--no-sandbox",  # as root in a container; chromium refuses to start otherwise
            "--disable-gpu",
            "--hide-scrollbars",
            f"--remote-debugging-port={DEBUG_PORT}",
            f"--window-size={width},{height}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with aiohttp.ClientSession() as client:
            targets = await _targets(client)
            page = next(t for t in targets if t["type"] == "page")
            async with client.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                calls = 0

                async def call(method: str, **params: Any) -> dict[str, Any]:
                    nonlocal calls
                    calls += 1
                    mine = calls
                    await ws.send_str(json.dumps({"id": mine, "method": method, "params": params}))
                    while True:
                        answer = json.loads((await ws.receive()).data)
                        if answer.get("id") == mine:
                            return answer.get("result", answer)

                await call(
                    "Emulation.setDeviceMetricsOverride",
                    width=width,
                    height=height,
                    deviceScaleFactor=1,
                    mobile=False,
                )
                await call("Page.navigate", url=url)
                started = time.monotonic()
                while True:
                    body = await call("Runtime.evaluate", expression="document.body?.className")
                    if "-first-byte" in str(body["result"].get("value")):
                        break
                    if time.monotonic() - started > DRAWN_WITHIN:
                        raise SystemExit(f"no frame from the app within {DRAWN_WITHIN:.0f} s")
                    await asyncio.sleep(0.2)
                print(f"first frame after {time.monotonic() - started:.2f} s")
                await asyncio.sleep(3)
                shot = await call("Page.captureScreenshot", format="png")
                out.write_bytes(base64.b64decode(shot["data"]))
    finally:
        browser.terminate()
        browser.wait(10)


async def _targets(client: aiohttp.ClientSession) -> list[dict[str, Any]]:
    for _ in range(100):
        try:
            async with client.get(f"http://127.0.0.1:{DEBUG_PORT}/json/list") as answer:
                targets: list[dict[str, Any]] = await answer.json()
                return targets
        except aiohttp.ClientError:
            await asyncio.sleep(0.1)
    raise SystemExit("chromium did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("out", type=Path)
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=640)
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()
    asyncio.run(screenshot(args.url, args.out, args.width, args.height, args.chromium))


if __name__ == "__main__":
    main()
