"""Signed /recover requests at 20 concurrent connections against `amends serve` on SQLite, and
against ../shared/bench/bare.py (Bolt's default ack path, and process_before_response) in the
same run. Every Amends answer must carry its case number, written before the answer.

    .venv/bin/python bench/bench_slack.py [--duration 10] [--connections 20]

Needs wrk (apt-get install -y wrk). Outgoing Web API calls go to a local fake Slack that
enforces about one message per second per channel, as Slack does.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "bench"
sys.path.insert(0, str(REPO))

from tests.slack.fake_api import FakeSlackApi  # noqa: E402

SECRET = "secret"
REPORTS = REPO / "bot" / "classifier" / "data" / "reports-b.jsonl"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def signed_bodies(count: int) -> list[tuple[str, str, str]]:
    texts = [json.loads(line)["text"] for line in REPORTS.read_text().splitlines()][:count]
    stamp = str(int(time.time()))
    bodies = []
    for index, text in enumerate(texts):
        body = urllib.parse.urlencode({
            "token": "x", "team_id": "T1", "team_domain": "t", "channel_id": "C1",
            "channel_name": "general", "user_id": f"U{index % 10}", "user_name": "ann",
            "command": "/recover", "text": text, "api_app_id": "A1",
            "response_url": "http://127.0.0.1:9/resp", "trigger_id": "1.2.3"})
        signature = "v0=" + hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(),
                                     hashlib.sha256).hexdigest()
        bodies.append((body, stamp, signature))
    return bodies


def lua_script(path: Path, bodies: list[tuple[str, str, str]]) -> None:
    """Cycles through differently worded reports and counts answers without a case number."""
    requests = ",\n".join(
        "wrk.format('POST', '/slack/events', {['Host']='127.0.0.1', "
        "['Content-Type']='application/x-www-form-urlencoded', "
        f"['X-Slack-Request-Timestamp']='{stamp}', ['X-Slack-Signature']='{signature}'}}, {json.dumps(body)})"
        for body, stamp, signature in bodies)
    path.write_text(f"""
local requests = {{ {requests} }}
local i = 0
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 good = 0 end
function request() i = i % #requests + 1 return requests[i] end
function response(status, headers, body)
  if status == 200 and (not check or string.find(body, check)) then good = good + 1 else bad = bad + 1 end
end
function done(summary, latency, reqs)
  for _, t in ipairs(threads) do
    io.write(string.format("LUA good=%d bad=%d\\n", t:get("good"), t:get("bad")))
  end
end
""")


def run_wrk(port: int, script: Path, duration: int, connections: int, check: str | None) -> dict[str, float]:
    env_script = script.with_suffix(f".{port}.lua")
    prefix = f"check = {json.dumps(check)}\n" if check else "check = nil\n"
    env_script.write_text(prefix + script.read_text())
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency",
                          "-s", str(env_script), f"http://127.0.0.1:{port}/slack/events"],
                         capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def parse_wrk(out: str) -> dict[str, float]:
    def ms(value: str) -> float:
        number, unit = re.match(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    lua = re.search(r"LUA good=(\d+) bad=(\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": ms(percentiles["50"]), "p99": ms(percentiles["99"]),
        "errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "non2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "good": int(lua.group(1)) if lua else 0, "bad": int(lua.group(2)) if lua else 0,
    }


def start(command: list[str], env: dict[str, str], port: int, health: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}{health}")
    return process


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="amends-bench-"))
    script = folder / "req.lua"
    lua_script(script, signed_bodies(50))
    python = sys.executable
    with FakeSlackApi() as api:
        api.limit_per_channel(1.0)
        ports = {"bare": free_port(), "bare_pbr": free_port(), "amends": free_port()}
        database = folder / "amends.db"
        processes = [
            start([python, str(SHARED / "bare.py")], {"PORT": str(ports["bare"])}, ports["bare"], "/"),
            start([python, str(SHARED / "bare.py")], {"PORT": str(ports["bare_pbr"]), "BOLT_PBR": "1"},
                  ports["bare_pbr"], "/"),
            start([python, "-m", "handlers.cli", "serve", "--host", "127.0.0.1"],
                  {"AMENDS_PORT": str(ports["amends"]), "AMENDS_DATABASE_URL": f"sqlite:///{database}",
                   "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-bench",
                   "SLACK_API_URL": api.base_url, "AMENDS_LOG_LEVEL": "WARNING"},
                  ports["amends"], "/healthz"),
        ]
        try:
            warm = run_wrk(ports["amends"], script, 2, args.connections, "Case #")
            with sqlite3.connect(database) as conn:
                before = conn.execute("select count(*) from cases").fetchone()[0]
            results = {name: run_wrk(port, script, args.duration, args.connections,
                                     "Case #" if name == "amends" else None)
                       for name, port in ports.items()}
            with sqlite3.connect(database) as conn:
                stored = conn.execute("select count(*) from cases").fetchone()[0] - before
        finally:
            for process in processes:
                process.terminate()
                process.wait()
    report(results, stored, warm, args.connections)


def report(results: dict[str, dict[str, float]], stored: int, warm: dict[str, float],
           connections: int) -> None:
    names = {"bare": "bare Bolt, default ack path", "bare_pbr": "bare Bolt, process_before_response",
             "amends": "amends serve, /recover on SQLite"}
    print(f"{'server':<36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for key, name in names.items():
        r = results[key]
        print(f"{name:<36} {r['rps']:8.0f} {r['p50']:8.2f} {r['p99']:8.2f} {int(r['errors'] + r['non2xx']):7d}")
    ours = results["amends"]
    print(f"ratio amends / bare default: {ours['rps'] / results['bare']['rps']:.2f}  (target >= 2)")
    print(f"ratio amends / bare PBR:     {ours['rps'] / results['bare_pbr']['rps']:.2f}  (target >= 0.6)")
    print(f"answers with a case number: {ours['good']:.0f}, without: {ours['bad']:.0f}; "
          f"cases stored in the run: {stored} (answers read by wrk + up to {connections} in flight "
          f"when it stopped)")


if __name__ == "__main__":
    main()
