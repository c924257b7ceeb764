"""The Teams app package: the manifest that tells Teams what Amends offers, and its two icons.

The package is checked against Microsoft's manifest schema, kept beside this module, before it is
written: Teams answers a bad upload with little more than "something went wrong", long after the
admin has left the terminal.
"""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import validators
from jsonschema.exceptions import best_match
from PIL import Image, ImageChops, ImageDraw, ImageFilter

SCHEMA_PATH = Path(__file__).with_name("schema") / "MicrosoftTeams.schema.json"
PROJECT_URL = "https://github.com/amends-bot/amends"
ACCENT = "#2E7D5B"
ICON_FILES = {"color": "color.png", "outline": "outline.png"}
ICON_SIZES = {"color": 192, "outline": 32}
SCOPES = ("personal", "team", "groupChat")

# Derived, not random: the same bot gets the same Teams app id on every run, so an upload updates
# the app instead of adding a second one.
_APP_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, f"{PROJECT_URL}#teams-app")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_README = f"{PROJECT_URL}/blob/main/README.md"
_BOT_COMMANDS = (
    ("recover", "Report what went wrong: recover the guest in 214 says the room was not cleaned"),
    ("case", "case 42, case room 214, case mine, case open, case waiting"),
    ("help", "What Amends can do and how to ask it"),
)
_FULL_DESCRIPTION = (
    "Amends helps frontline staff put things right when service goes wrong: a room not cleaned, a "
    "cold dish, a late order, a broken promise. Tell it what happened in plain words and it suggests "
    "an apology, what to explain and what to offer within your role, asks a manager when an offer "
    "needs approval, and keeps each case until it is closed. Look cases up by number, room, table or "
    "order, report a message to Amends straight from a conversation, and share a case in any chat."
)


class ManifestError(ValueError):
    """Teams would refuse the package; the message says where and why."""


def build_manifest(app_id: str, *, name: str = "Amends", domain: str | None = None) -> dict[str, Any]:
    """Everything Teams shows or routes to the bot, from the bot's Azure app id."""
    version = schema_version()
    return {
        "$schema": f"https://developer.microsoft.com/json-schemas/teams/v{version}/{SCHEMA_PATH.name}",
        "manifestVersion": version,
        "version": "1.0.0",
        "id": app_guid(app_id),
        "developer": {"name": "Amends", "websiteUrl": PROJECT_URL, "privacyUrl": f"{_README}#privacy",
                      "termsOfUseUrl": f"{_README}#license"},
        "name": {"short": name, "full": f"{name}: service recovery for frontline staff"},
        "description": {"short": "Put things right when service goes wrong, case by case.",
                        "full": _FULL_DESCRIPTION},
        "icons": dict(ICON_FILES),
        "accentColor": ACCENT,
        "bots": [_bot(app_id)],
        "composeExtensions": [_compose_extension(app_id)],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [_host(domain)] if domain else [],
        "webApplicationInfo": {"id": app_id, "resource": "https://RscBasedStoreApp"},
        "authorization": {"permissions": {"resourceSpecific": [
            # Feedback channels ([teams] listen_channels) reach the bot without an @mention
            # only with this, which a team owner grants when adding Amends to the team.
            {"name": "ChannelMessage.Read.Group", "type": "Application"}]}},
    }


def app_guid(app_id: str) -> str:
    """Teams wants the app's id to be a GUID; an Azure bot's app id already is one."""
    return app_id if _GUID.match(app_id) else str(uuid.uuid5(_APP_NAMESPACE, app_id))


def _bot(app_id: str) -> dict[str, Any]:
    commands = [{"title": title, "description": text} for title, text in _BOT_COMMANDS]
    return {"botId": app_id, "scopes": list(SCOPES), "supportsFiles": False, "isNotificationOnly": False,
            "commandLists": [{"scopes": [scope], "commands": commands} for scope in SCOPES]}


def _compose_extension(app_id: str) -> dict[str, Any]:
    report = {"id": "reportMessage", "type": "action", "title": "Report to Amends",
              "description": "Open a case from this message", "context": ["message"], "fetchTask": True}
    find = {"id": "findCases", "type": "query", "title": "Find cases",
            "description": "Find a case and share it in the conversation", "context": ["compose", "commandBox"],
            "initialRun": False,
            "parameters": [{"name": "query", "title": "Case", "inputType": "text",
                            "description": "Case number, room, table, order…"}]}
    return {"botId": app_id, "commands": [report, find]}


def _host(domain: str) -> str:
    """validDomains takes a bare host; an admin often pastes the bot's URL instead."""
    domain = domain.strip()
    return urlsplit(domain).netloc if "://" in domain else domain.strip("/")


def schema_version() -> str:
    """The manifest version is the kept schema's: replacing the file is the whole upgrade."""
    return str(_schema()["properties"]["manifestVersion"]["const"])


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def validate(manifest: Mapping[str, Any], *, files: Mapping[str, bytes] | None = None) -> None:
    """Refuse what Teams would refuse. `files` are the package's icons (default: ours)."""
    schema = _schema()
    kind = validators.validator_for(schema)
    error = best_match(kind(schema, format_checker=kind.FORMAT_CHECKER).iter_errors(manifest))
    if error is not None:
        raise ManifestError(f"{error.json_path}: {_shortened(error.message)}")
    if manifest.get("manifestVersion") != schema_version():  # a draft-04 schema cannot say `const`
        raise ManifestError(f"$.manifestVersion: {manifest.get('manifestVersion')!r} is not "
                            f"{schema_version()!r}, the version of the kept schema")
    _check_icons(manifest["icons"], icons() if files is None else files)


def _shortened(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _check_icons(declared: Mapping[str, str], files: Mapping[str, bytes]) -> None:
    for kind, size in ICON_SIZES.items():
        file_name = declared[kind]
        if file_name not in files:
            raise ManifestError(f"$.icons.{kind}: {file_name} is not in the package")
        try:
            found = Image.open(io.BytesIO(files[file_name])).size
        except OSError as error:
            raise ManifestError(f"$.icons.{kind}: {file_name} is not an image ({error})") from error
        if found != (size, size):
            raise ManifestError(f"$.icons.{kind}: {file_name} is {found[0]}x{found[1]}; Teams wants {size}x{size}")


def icons() -> dict[str, bytes]:
    """Drawn rather than kept as files, so the mark lives in one place; the same bytes every time."""
    return dict(_drawn_icons())


@cache
def _drawn_icons() -> tuple[tuple[str, bytes], ...]:
    return ((ICON_FILES["color"], _png(_color_icon())), (ICON_FILES["outline"], _png(_outline_icon())))


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


_SUPERSAMPLE = 8


def _mark(size: int, inset: float, stroke: float) -> tuple[Image.Image, Image.Image]:
    """Masks of a speech bubble and of a check mark in it: a conversation, put right. Drawn large
    and scaled down so the edges are smooth."""
    big, span = size * _SUPERSAMPLE, 1 - 2 * inset

    def at(x: float, y: float) -> tuple[float, float]:
        return ((inset + x * span) * big, (inset + y * span) * big)

    bubble = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(bubble)
    draw.rounded_rectangle((*at(0, 0.04), *at(1, 0.8)), radius=0.22 * span * big, fill=255)
    draw.polygon([at(0.2, 0.7), at(0.16, 0.98), at(0.48, 0.76)], fill=255)
    check = Image.new("L", (big, big), 0)
    draw, width = ImageDraw.Draw(check), stroke * span * big
    points = [at(0.27, 0.43), at(0.43, 0.59), at(0.73, 0.27)]
    draw.line(points, fill=255, width=round(width), joint="curve")
    for x, y in (points[0], points[-1]):
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=255)
    return bubble, check


def _small(mask: Image.Image, size: int) -> Image.Image:
    return mask.resize((size, size), Image.Resampling.LANCZOS)


def _color_icon() -> Image.Image:
    """The mark in white on the accent colour, the check cut out of the bubble."""
    size = ICON_SIZES["color"]
    bubble, check = _mark(size, inset=0.24, stroke=0.13)
    image = Image.new("RGB", (size, size), ACCENT)
    image.paste((255, 255, 255), mask=_small(bubble, size))
    image.paste(ACCENT, mask=_small(check, size))
    return image


def _outline_icon() -> Image.Image:
    """Teams tints the outline icon itself, so it is white on transparent and nothing else."""
    size = ICON_SIZES["outline"]
    bubble, check = _mark(size, inset=0.05, stroke=0.12)
    ring = 3 * _SUPERSAMPLE + 1  # a line about 1.5 px wide once scaled down
    outline = ImageChops.subtract(bubble, bubble.filter(ImageFilter.MinFilter(ring)))
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    image.putalpha(_small(ImageChops.lighter(outline, check), size))
    return image


def write_package(path: Path, app_id: str, *, name: str = "Amends", domain: str | None = None) -> Path:
    """Validated first, so a package that Teams would refuse is never written."""
    manifest, files = build_manifest(app_id, name=name, domain=domain), icons()
    validate(manifest, files=files)
    entries = {"manifest.json": json.dumps(manifest, indent=2, ensure_ascii=False).encode() + b"\n", **files}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for file_name, data in entries.items():
            entry = zipfile.ZipInfo(file_name, date_time=(1980, 1, 1, 0, 0, 0))  # same app, same bytes
            entry.external_attr = 0o644 << 16
            package.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())
    return path
