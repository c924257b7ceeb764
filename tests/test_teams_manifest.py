"""`amends teams-manifest`: the zip an admin uploads to Teams, checked against Microsoft's own schema."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from jsonschema import validators
from PIL import Image

from handlers.teams.manifest import (
    SCHEMA_PATH,
    ManifestError,
    build_manifest,
    icons,
    schema_version,
    validate,
    write_package,
)
from tests.amends_cli import run_amends

APP_ID = "6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("teams") / "amends-teams.zip"
    result = run_amends("teams-manifest", "--out", str(out), "--app-id", APP_ID, "--domain", "amends.example.com")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [result.stdout.strip()]
    assert str(out) in result.stdout and "validated" in result.stdout
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _manifest(package: dict[str, bytes]) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(package["manifest.json"])
    return manifest


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def test_admin_gets_a_zip_of_the_manifest_and_two_icons_at_its_root(package: dict[str, bytes]) -> None:
    assert sorted(package) == ["color.png", "manifest.json", "outline.png"]


def test_the_written_manifest_validates_against_microsofts_schema(package: dict[str, bytes]) -> None:
    schema = _schema()
    validators.validator_for(schema)(schema).validate(_manifest(package))
    assert _manifest(package)["validDomains"] == ["amends.example.com"]


def test_icons_are_a_192_colour_one_and_a_32_white_on_transparent_outline(package: dict[str, bytes]) -> None:
    color = Image.open(io.BytesIO(package["color.png"]))
    outline = Image.open(io.BytesIO(package["outline.png"])).convert("RGBA")
    assert color.size == (192, 192) and outline.size == (32, 32)
    assert len(color.convert("RGB").getcolors(maxcolors=192 * 192) or []) > 2
    raw = outline.tobytes()
    pixels = [tuple(raw[i:i + 4]) for i in range(0, len(raw), 4)]
    assert {(r, g, b) for r, g, b, a in pixels if a} == {(255, 255, 255)}
    assert any(a == 0 for *_, a in pixels) and any(a == 255 for *_, a in pixels)


def test_the_bot_answers_under_the_app_id_in_every_scope_with_its_commands(package: dict[str, bytes]) -> None:
    manifest = _manifest(package)
    (bot,) = manifest["bots"]
    assert manifest["id"] == APP_ID and bot["botId"] == APP_ID
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"} and bot["supportsFiles"] is False
    for commands in bot["commandLists"]:
        assert [c["title"] for c in commands["commands"]] == ["recover", "case", "help"]
    assert sorted(s for lst in bot["commandLists"] for s in lst["scopes"]) == ["groupChat", "personal", "team"]
    assert manifest["permissions"] == ["identity", "messageTeamMembers"]


def test_staff_can_report_a_message_and_search_cases_from_the_compose_box(package: dict[str, bytes]) -> None:
    (extension,) = _manifest(package)["composeExtensions"]
    commands = {c["id"]: c for c in extension["commands"]}
    assert extension["botId"] == APP_ID
    report, find = commands["reportMessage"], commands["findCases"]
    assert (report["type"], report["context"], report["fetchTask"]) == ("action", ["message"], True)
    assert report["title"] == "Report to Amends"
    assert (find["type"], find["context"], find["initialRun"]) == ("query", ["compose", "commandBox"], False)
    assert [p["name"] for p in find["parameters"]] == ["query"]


def test_the_app_id_comes_from_MicrosoftAppId_when_not_passed(tmp_path: Path) -> None:
    out = tmp_path / "from-env.zip"
    result = run_amends("teams-manifest", "--out", str(out), env={"MicrosoftAppId": APP_ID})
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        assert json.loads(archive.read("manifest.json"))["bots"][0]["botId"] == APP_ID


def test_without_an_app_id_the_admin_is_told_to_set_MicrosoftAppId(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MicrosoftAppId", raising=False)
    out = tmp_path / "never.zip"
    result = run_amends("teams-manifest", "--out", str(out))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "MicrosoftAppId" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_a_name_teams_would_cut_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "never.zip"
    result = run_amends("teams-manifest", "--out", str(out), "--app-id", APP_ID,
                        "--name", "Amends for the Grand Hotel Kitchen Staff")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "$.name.short" in result.stderr
    assert not out.exists()


def test_a_manifest_missing_a_required_field_is_refused_with_where_and_why() -> None:
    manifest = build_manifest(APP_ID)
    del manifest["developer"]
    with pytest.raises(ManifestError, match=r"^\$: 'developer' is a required property$"):
        validate(manifest)


def test_a_short_name_over_30_characters_is_refused() -> None:
    with pytest.raises(ManifestError, match=r"^\$\.name\.short: '.{31}' is too long$"):
        validate(build_manifest(APP_ID, name="A" * 31))


def test_a_bot_id_that_is_not_a_guid_is_refused() -> None:
    with pytest.raises(ManifestError, match=r"(botId|webApplicationInfo.id): 'bot-in-dev' does not match"):
        validate(build_manifest("bot-in-dev"))


def test_an_icon_of_the_wrong_size_is_refused() -> None:
    big = io.BytesIO()
    Image.new("RGBA", (48, 48)).save(big, format="PNG")
    with pytest.raises(ManifestError, match=r"outline\.png is 48x48; Teams wants 32x32"):
        validate(build_manifest(APP_ID), files={**icons(), "outline.png": big.getvalue()})


def test_a_manifest_for_another_schema_version_is_refused() -> None:
    manifest = copy.deepcopy(build_manifest(APP_ID))
    manifest["manifestVersion"] = "1.16"
    with pytest.raises(ManifestError, match=r"^\$\.manifestVersion: '1\.16'"):
        validate(manifest)


def test_the_kept_schema_is_the_one_the_manifest_names() -> None:
    manifest = build_manifest(APP_ID)
    schema_url = re.fullmatch(r"https://developer\.microsoft\.com/json-schemas/teams/v([0-9.]+)/(.+)",
                              manifest["$schema"])
    assert schema_url is not None
    assert schema_url.group(2) == SCHEMA_PATH.name
    assert schema_url.group(1) == manifest["manifestVersion"] == schema_version()
    assert _schema()["properties"]["manifestVersion"]["const"] == manifest["manifestVersion"]
    assert f"version {schema_version()}" in SCHEMA_PATH.with_name("README.txt").read_text(encoding="utf-8")


def test_a_bot_id_that_is_not_a_guid_still_gets_the_same_guid_app_id_every_time() -> None:
    first, again, other = (build_manifest(a)["id"] for a in ("bot-in-dev", "bot-in-dev", "another-bot"))
    assert first == again != other
    assert re.fullmatch(r"[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}", first)


def test_the_same_app_gives_the_same_package_bytes(tmp_path: Path) -> None:
    one = write_package(tmp_path / "one.zip", APP_ID).read_bytes()
    two = write_package(tmp_path / "two.zip", APP_ID).read_bytes()
    assert one == two and icons() == icons()
