"""The load test of benchmarks/load.py against 1 and 3 `hotline run --webhook` processes on
PostgreSQL, behind the sandbox spreading webhook deliveries over them (a load balancer).

Run with `python -m benchmarks.cluster_load --users 200 --processes 1 3`. PostgreSQL is a
throw-away cluster started here (tests/integration/pg.py); the sandbox is its own process.
"Bot CPU per update" adds up the CPU of every bot process.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp

from benchmarks.load import (
    BIN,
    TOKEN,
    cpu_seconds,
    free_port,
    peak_memory_mb,
    percentile,
    scenario,
    updates_handled,
    wait_until,
)
from bot.app.container import build_container
from bot.sandbox import DEFAULT_GROUP_ID
from bot.settings import Settings
from tests.integration import pg

SECRET = "bench-secret_0123456789"


async def run_once(url: str, processes: int, users: int, share: float, timeout: float) -> dict:
    """One measurement: a fresh database, sandbox and `processes` bot processes."""
    with tempfile.TemporaryDirectory(prefix="hotline-cluster-") as tmp:
        root = Path(tmp)
        build_container(Settings(_env_file=None, database_url=url, data_dir=root / "data")).close()
        sandbox_port = free_port()
        base = f"http://127.0.0.1:{sandbox_port}"
        ports = [free_port() for _ in range(processes)]
        hooks = [f"http://127.0.0.1:{port}/webhook" for port in ports]
        sandbox = subprocess.Popen(
            [sys.executable, "-m", "bot.sandbox", "--port", str(sandbox_port), "--spread", *hooks],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        bots: list[subprocess.Popen] = []
        logs = [root / f"p{n}.log" for n in range(processes)]
        try:
            async with aiohttp.ClientSession() as http:

                async def up(address: str) -> bool:
                    try:
                        async with http.get(address) as response:
                            return response.status == 200
                    except aiohttp.ClientError:
                        return False

                await wait_until(lambda: up(f"{base}/control/state"), 30)
                metrics = [free_port() for _ in range(processes)]
                for n in range(processes):
                    env = {
                        **os.environ,
                        "HOTLINE_DATABASE_URL": url,
                        "HOTLINE_DATA_DIR": str(root / "data"),
                        "HOTLINE_INSTANCE": f"p{n}",
                        "HOTLINE_TELEGRAM_TOKEN": TOKEN,
                        "HOTLINE_TELEGRAM_API_BASE": base,
                        "HOTLINE_WEBHOOK_URL": hooks[n],
                        "HOTLINE_WEBHOOK_PORT": str(ports[n]),
                        "HOTLINE_WEBHOOK_SECRET": SECRET,
                        "HOTLINE_METRICS_PORT": str(metrics[n]),
                        "HOTLINE_BACKOFFICE_PORT": str(free_port()),
                        "HOTLINE_ADVISORS_CHAT_ID": str(DEFAULT_GROUP_ID),
                        "HOTLINE_FLOOD_MESSAGES": "1000",
                        "HOTLINE_LOG_FILE": str(logs[n]),
                    }
                    bots.append(
                        subprocess.Popen(
                            [str(BIN / "hotline"), "run", "--webhook"],
                            env=env,
                            cwd=tmp,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                        )
                    )
                for port in metrics:
                    await wait_until(lambda p=port: up(f"http://127.0.0.1:{p}/readyz"), 120)
            cpu_before = sum(cpu_seconds(bot.pid) for bot in bots)
            handled_before = sum(updates_handled(log) for log in logs)
            result = await scenario(base, users, share, timeout)
            cpu = sum(cpu_seconds(bot.pid) for bot in bots) - cpu_before
            updates = sum(updates_handled(log) for log in logs) - handled_before
            result["cpu_per_update"] = cpu / max(1, updates)
            result["memory"] = max(peak_memory_mb(bot.pid) for bot in bots)
            return result
        finally:
            for process in (*bots, sandbox):
                process.terminate()
                process.wait(timeout=60)


def main() -> None:
    """Parse the command line, run each size, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[200])
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--tickets", type=float, default=0.05, help="share opening a ticket")
    parser.add_argument("--timeout", type=float, default=300.0, help="per answer, seconds")
    args = parser.parse_args()
    print(
        "| processes | officials | tickets | replies | replies/s | update→reply p50 | p99 "
        "| bot CPU per update | peak RSS per process | lost | duplicated |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for processes in args.processes:
        for users in args.users:
            with pg.temporary_postgres() as url:
                r = asyncio.run(run_once(url, processes, users, args.tickets, args.timeout))
            lat = r["latencies"]
            print(
                f"| {processes} | {users} | {r['tickets']} | {r['replies']} "
                f"| {r['replies'] / r['elapsed']:.1f} "
                f"| {statistics.median(lat):.2f} s | {percentile(lat, 0.99):.2f} s "
                f"| {r['cpu_per_update'] * 1000:.1f} ms | {r['memory']:.0f} MB "
                f"| {r['lost']} | {r['duplicated']} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
