"""files.* methods (the two-step external upload and files.info); bytes arrive at ``/upload/v1``."""

from __future__ import annotations

import mimetypes
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.slack.fake.blocks import invalid_arguments
from tests.slack.fake.records import Call
from tests.slack.fake.state import UploadedFile

if TYPE_CHECKING:
    from tests.slack.fake_api import FakeSlackApi

JsonDict = dict[str, Any]


def _file_object(api: FakeSlackApi, call: Call, upload: UploadedFile) -> JsonDict:
    ident = api.identity_for(call.token)
    mimetype = upload.mimetype
    filetype = (mimetypes.guess_extension(mimetype) or ".txt").lstrip(".")
    private = f"{api.origin}/files-pri/{upload.id}/{upload.filename}"
    return {
        "id": upload.id,
        "created": int(time.time()),
        "timestamp": int(time.time()),
        "name": upload.filename,
        "title": upload.title or upload.filename,
        "mimetype": mimetype,
        "filetype": filetype,
        "pretty_type": filetype.upper(),
        "user": ident.user_id,
        "user_team": ident.team_id,
        "editable": False,
        "size": len(upload.data or b""),
        "mode": "hosted",
        "is_external": False,
        "external_type": "",
        "is_public": False,
        "public_url_shared": False,
        "display_as_bot": False,
        "username": "",
        "url_private": private,
        "url_private_download": private + "?download=1",
        "permalink": f"{ident.url}files/{ident.user_id}/{upload.id}/{upload.filename}",
        "alt_txt": upload.alt_txt,
        "channels": [c for c in [upload.channel_id, *upload.channels] if c],
        "groups": [],
        "ims": [],
        "comments_count": 0,
        "has_rich_preview": False,
        "file_access": "visible",
    }


def _files_get_upload_url_external(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    filename = str(p.get("filename") or "")
    try:
        length = int(p.get("length", ""))
    except (TypeError, ValueError):
        length = -1
    if not filename or length < 0:
        return invalid_arguments("filename and length are required")
    file_id = api.next_id("F")
    api.files[file_id] = UploadedFile(
        id=file_id,
        filename=filename,
        length=length,
        alt_txt=p.get("alt_txt"),
        snippet_type=p.get("snippet_type"),
    )
    return {"ok": True, "upload_url": f"{api.origin}/upload/v1/{file_id}", "file_id": file_id}


def _files_complete_upload_external(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    entries = p.get("files")
    if not isinstance(entries, list) or not entries:
        return invalid_arguments("files must be a non-empty array")
    uploads: list[UploadedFile] = []
    for entry in entries:
        upload = api.files.get(str(entry.get("id", ""))) if isinstance(entry, dict) else None
        if upload is None or upload.data is None:
            return {"ok": False, "error": "file_not_found"}
        uploads.append(upload)
    channels_param = p.get("channels") or ""
    channels = [c for c in str(channels_param).split(",") if c] if not isinstance(channels_param, list) else []
    for entry, upload in zip(entries, uploads, strict=True):
        upload.completed = True
        upload.title = entry.get("title") or upload.filename
        upload.channel_id = p.get("channel_id")
        upload.channels = channels
        upload.initial_comment = p.get("initial_comment")
        upload.thread_ts = p.get("thread_ts")
    return {"ok": True, "files": [_file_object(api, call, u) for u in uploads]}


def _files_info(api: FakeSlackApi, call: Call) -> JsonDict:
    upload = api.files.get(str(call.params.get("file") or ""))
    if upload is None or not upload.completed:
        return {"ok": False, "error": "file_not_found"}
    return {"ok": True, "file": _file_object(api, call, upload), "comments": [], "response_metadata": {}}


METHODS: dict[str, Callable[[FakeSlackApi, Call], JsonDict]] = {
    "files.getUploadURLExternal": _files_get_upload_url_external,
    "files.completeUploadExternal": _files_complete_upload_external,
    "files.info": _files_info,
}
