"""The fake's non-API endpoints: response_url posts, file upload URLs and private file downloads."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from tests.slack.fake.records import Call, decode_value
from tests.slack.fake.state import UploadedFile


class PlainEndpoints:
    """``/response/{name}``, ``/upload/v1/{file_id}`` and ``/files-pri/{file_id}/{name}``."""

    files: dict[str, UploadedFile]
    response_url_max_uses: int
    _response_url_uses: Counter[str]
    _record: Callable[[Call], None]

    async def _response_url(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        body = await request.read()
        params: dict[str, Any] = {}
        if body:
            if request.content_type == "application/json":
                data = json.loads(body)
                params = data if isinstance(data, dict) else {"body": data}
            else:
                params = {k: decode_value(v) for k, v in parse_qsl(body.decode("utf-8"), keep_blank_values=True)}
                if isinstance(params.get("payload"), dict):
                    params = params["payload"]
        self._record(
            Call(
                method=f"response_url:{name}",
                params=params,
                token=None,
                headers=dict(request.headers.items()),
                body=body,
            )
        )
        self._response_url_uses[name] += 1
        if self._response_url_uses[name] > self.response_url_max_uses:
            return web.json_response({"ok": False, "error": "used_url"})
        return web.json_response({"ok": True})

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            part = form.get("file") or form.get("filename")
            data = part.file.read() if isinstance(part, web.FileField) else str(part or "").encode()
            body = data
        else:
            data = body = await request.read()
        self._record(
            Call(
                method=f"upload_url:{file_id}",
                params={"file_id": file_id, "size": len(data)},
                token=None,
                headers=dict(request.headers.items()),
                body=body,
            )
        )
        upload = self.files.get(file_id)
        if upload is None:
            return web.Response(status=404, text="file_not_found", content_type="text/plain")
        upload.data = data
        return web.Response(text=f"OK - {len(data)}", content_type="text/plain")

    async def _download(self, request: web.Request) -> web.Response:
        upload = self.files.get(request.match_info["file_id"])
        if upload is None or upload.data is None:
            return web.Response(status=404)
        return web.Response(body=upload.data, content_type=upload.mimetype)
