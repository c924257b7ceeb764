"""Runs the test suite's fake Slack Web API in its own process for benchmarks, with Slack's
per-channel limit (about one message a second, else 429 + Retry-After). Prints its base URL,
then serves until stdin closes. GET /_bench/posts and /_bench/ratelimited report what it took."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.slack.fake_api import FakeSlackApi  # noqa: E402


class BenchSlackApi(FakeSlackApi):
    def build_app(self) -> web.Application:
        app = super().build_app()
        app.router.add_get("/_bench/posts", self._posts)
        app.router.add_get("/_bench/ratelimited", self._ratelimited)
        return app

    async def _posts(self, _: web.Request) -> web.Response:
        accepted = Counter(f"{channel} {message.get('text', '')}"
                           for channel, messages in self.messages.items()
                           for message in messages.values())
        return web.json_response(accepted)

    async def _ratelimited(self, _: web.Request) -> web.Response:
        return web.json_response(sum(self.rate_limited.values()))


def main() -> None:
    with BenchSlackApi(validate_blocks=False) as api:
        if "--limit" in sys.argv:
            api.limit_per_channel(1.0)
        print(api.base_url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
