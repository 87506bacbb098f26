"""Several `hotline run --webhook` processes on one throw-away PostgreSQL, behind the sandbox.

The sandbox runs in the test's process and spreads webhook deliveries over the processes'
URLs in turn, as a load balancer would. Each process logs to its own file, serves
/healthz, /readyz and /metrics on its own port, and can be killed or stopped and started again.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import sys
import time
from pathlib import Path

import aiohttp

from bot.app.container import build_container
from bot.sandbox import DEFAULT_ADVISOR_IDS, DEFAULT_GROUP_ID, SandboxServer
from bot.sandbox.control.client import SandboxClient
from bot.sandbox.state import SandboxState
from bot.settings import Settings

HOTLINE = Path(sys.executable).parent / "hotline"
TOKEN = "42:CLUSTER-TEST"
SECRET = "cluster-secret_0123456789"


_handed_out: set[int] = set()


def free_port() -> int:
    """A TCP port nobody listens on now, never the same twice (every server gets its own)."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


class Process:
    """One bot process of the cluster."""

    def __init__(self, rig: ClusterRig, number: int) -> None:
        self.rig = rig
        self.number = number
        self.port = free_port()
        self.metrics_port = free_port()
        self.backoffice_port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/webhook"
        self.log = rig.root / f"p{number}.log"
        self.process: asyncio.subprocess.Process | None = None

    def env(self) -> dict[str, str]:
        """The process's environment: the rig's settings and its own ports."""
        return {
            **os.environ,
            **self.rig.settings,
            "HOTLINE_INSTANCE": f"p{self.number}",
            "HOTLINE_WEBHOOK_URL": self.url,
            "HOTLINE_WEBHOOK_PORT": str(self.port),
            "HOTLINE_METRICS_PORT": str(self.metrics_port),
            "HOTLINE_BACKOFFICE_PORT": str(self.backoffice_port),
        }

    async def start(self) -> None:
        """Start `hotline run --webhook` and wait until /readyz says it is ready."""
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                str(HOTLINE),
                "run",
                "--webhook",
                env=self.env(),
                cwd=self.rig.root,
                stdout=log,
                stderr=log,
            )
        await self.rig.until(self.ready, 60, f"process {self.number} not ready")

    async def ready(self) -> bool:
        """Tell whether /readyz answers 200."""
        return await self.rig.get_status(f"http://127.0.0.1:{self.metrics_port}/readyz") == 200

    async def metrics(self) -> str:
        """The /metrics page."""
        async with self.rig.http.get(f"http://127.0.0.1:{self.metrics_port}/metrics") as page:
            return await page.text()

    async def leads(self) -> bool:
        """Tell whether the process says it is the leader."""
        try:
            return "hotline_leader 1.0" in await self.metrics()
        except aiohttp.ClientError:
            return False

    def kill(self) -> None:
        """SIGKILL: no goodbye, no cleanup."""
        self.process.send_signal(signal.SIGKILL)

    async def stop(self) -> tuple[int, float]:
        """SIGTERM and wait; return the exit code and how long the exit took."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        code = await self.process.wait()
        return code, time.monotonic() - started


class ClusterRig:
    """PostgreSQL at `url`, the spreading sandbox, and `count` bot processes."""

    def __init__(self, root: Path, url: str, count: int = 3, **settings: str) -> None:
        self.root = root
        self.url = url
        self.processes = [Process(self, n) for n in range(count)]
        self.settings = {
            "HOTLINE_DATABASE_URL": url,
            "HOTLINE_DATA_DIR": str(root / "data"),
            "HOTLINE_TELEGRAM_TOKEN": TOKEN,
            "HOTLINE_WEBHOOK_SECRET": SECRET,
            "HOTLINE_WEBHOOK_HOST": "127.0.0.1",
            "HOTLINE_ADVISORS_CHAT_ID": str(DEFAULT_GROUP_ID),
            "HOTLINE_FLOOD_MESSAGES": "1000",  # simulated people type faster than anyone
            "HOTLINE_SHUTDOWN_SECONDS": "10",
            **settings,
        }
        self.server: SandboxServer | None = None
        self.control: SandboxClient | None = None
        self.http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> ClusterRig:
        container = build_container(
            Settings(_env_file=None, database_url=self.url, data_dir=self.root / "setup")
        )
        for advisor, name in zip(DEFAULT_ADVISOR_IDS, ("Alice Martin", "Bruno Petit"), strict=True):
            container.advisors.add(advisor, name)
        container.close()
        # Each process keeps its own index; a copy of the current one spares three rebuilds.
        for process in self.processes:
            shutil.copytree(
                self.root / "setup" / "index", self.root / "data" / f"index-p{process.number}"
            )
        spread = [process.url for process in self.processes]
        self.server = SandboxServer(port=free_port(), state=SandboxState(webhook_spread=spread))
        await self.server.start()
        self.settings["HOTLINE_TELEGRAM_API_BASE"] = self.server.base_url
        self.control = SandboxClient(self.server.base_url)
        await self.control.__aenter__()
        # unsafe: keep the back-office cookie of an IP address (127.0.0.1).
        self.http = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10), cookie_jar=aiohttp.CookieJar(unsafe=True)
        )
        await asyncio.gather(*(process.start() for process in self.processes))
        return self

    async def __aexit__(self, *exc_info) -> None:
        for process in self.processes:
            if process.process is not None and process.process.returncode is None:
                process.process.send_signal(signal.SIGTERM)
        for process in self.processes:
            if process.process is not None:
                try:
                    await asyncio.wait_for(process.process.wait(), 20)
                except TimeoutError:
                    process.kill()
        await self.http.close()
        await self.control.__aexit__(None, None, None)
        await self.server.stop()

    async def get_status(self, url: str) -> int | None:
        """The HTTP status of a GET, or None when nobody answers."""
        try:
            async with self.http.get(url) as response:
                return response.status
        except (aiohttp.ClientError, TimeoutError):
            return None

    async def until(self, probe, timeout: float, failure: str) -> None:
        """Wait until `probe()` is true."""
        deadline = time.monotonic() + timeout
        while not await probe():
            if time.monotonic() > deadline:
                raise AssertionError(failure + "\n" + self.tail())
            await asyncio.sleep(0.2)

    async def leader(self) -> Process:
        """The process that leads now (waiting for an election if needed)."""
        found: list[Process] = []

        async def elected() -> bool:
            found[:] = [
                p for p in self.processes if p.process.returncode is None and await p.leads()
            ]
            return len(found) == 1

        await self.until(elected, 15, "no single leader")
        return found[0]

    def logs(self) -> str:
        """Every process's log, concatenated."""
        return "\n".join(
            p.log.read_text(errors="replace") for p in self.processes if p.log.exists()
        )

    def tail(self, lines: int = 40) -> str:
        """The end of the logs, for failure messages."""
        return "\n".join(self.logs().splitlines()[-lines:])
