"""Compiled regular expressions kept between runs, so a command starts in well under a second.

The safety rules join about 1,500 phrases into a few large expressions; building them (reading
each phrase's possible first letters, then Python's own regex compiler) takes seconds on every
start. Both steps are deterministic for a given Python, so their results are committed in
`data/compiled-regexes.json.gz` and reused: the layout of each phrase set, and the compiled
program of each expression, handed straight to the regex engine. An entry is found by a hash of
its exact input, so a changed phrase simply misses and is built as before (correct, only
slower), and a file written by another Python version is not read at all.
`python -m bot.classifier.compiled` rewrites the file; a test keeps it complete.
"""

from __future__ import annotations

import _sre
import base64
import gzip
import hashlib
import json
import re
import sys
from array import array
from functools import cache
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

CACHE_FILE = Path(__file__).resolve().parent / "data" / "compiled-regexes.json.gz"
_VERSION = (f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}-{_sre.MAGIC}"
            f"-{sys.byteorder}-u32")
"""Programs are stored as base64 of their 32-bit code words in this machine's byte order
(decoding a JSON list of ~700,000 numbers took a fifth of a second at every start)."""
_recorded: dict[str, dict[str, Any]] = {"layouts": {}, "programs": {}}
recording = False
"""True while `main` rebuilds the file: everything built is recorded."""
misses: list[str] = []
"""What had to be built because the file did not have it (a test keeps this empty)."""


def key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@cache
def _stored() -> dict[str, dict[str, Any]]:
    if recording:
        return {"layouts": {}, "programs": {}}
    try:
        with gzip.open(CACHE_FILE, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {"layouts": {}, "programs": {}}
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        return {"layouts": {}, "programs": {}}
    return data


def layout(inputs: str) -> Any:
    """The stored layout built from `inputs` (None when not stored)."""
    found = _stored()["layouts"].get(key(inputs))
    if found is None:
        misses.append(inputs[:80])
    return found


def remember_layout(inputs: str, value: Any) -> None:
    if recording:
        _recorded["layouts"][key(inputs)] = value


def regex(pattern: str) -> re.Pattern[str]:
    """`re.compile(pattern)`, from the stored program when there is one."""
    program = _stored()["programs"].get(key(pattern))
    if program is not None:
        return built_from(pattern, program)
    misses.append(pattern[:80])
    if recording:
        _recorded["programs"][key(pattern)] = _program(pattern)
    return re.compile(pattern)


def built_from(pattern: str, program: list[Any]) -> re.Pattern[str]:
    """The compiled pattern from a stored program (see `_program`)."""
    flags, packed, groups, groupindex, indexgroup = program
    code = array("I", base64.b64decode(packed)).tolist()
    built: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex,
                                          tuple(indexgroup))
    return built


def _program(pattern: str) -> list[Any]:
    """What CPython's `re._compiler.compile` hands `_sre.compile`, as JSON."""
    parsed = _parser.parse(pattern, 0)
    code = _compiler._code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    packed = base64.b64encode(array("I", code).tobytes()).decode("ascii")
    return [parsed.state.flags, packed, parsed.state.groups - 1, groupindex, indexgroup]


def main() -> int:
    """Rebuild the file from the safety rules as they are now."""
    import importlib

    from bot.classifier import compiled, regex_starts, safety

    compiled.recording = True
    compiled._stored.cache_clear()
    importlib.reload(regex_starts)
    importlib.reload(safety)
    payload = {"version": _VERSION, **compiled._recorded}
    with gzip.open(CACHE_FILE, "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(payload, handle, sort_keys=True, separators=(",", ":"))
    print(f"{CACHE_FILE.name}: {len(compiled._recorded['layouts'])} layouts, "
          f"{len(compiled._recorded['programs'])} programs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
