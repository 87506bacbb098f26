"""Run the sandbox alone: python -m bot.sandbox [--host H] [--port P] [--spread URL...]."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal

from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState


async def _serve(
    host: str, port: int, allowed_hosts: list[str], spread: list[str] | None = None
) -> None:
    state = SandboxState(webhook_spread=spread)
    server = SandboxServer(host, port, state=state, allowed_hosts=allowed_hosts)
    await server.start()
    print(f"Bac à sable Telegram prêt : {server.base_url}", flush=True)
    print(f"Pour le bot : TelegramAPIServer.from_base({server.base_url!r})", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    # SIGTERM too, so that process managers and `kill` stop it cleanly.
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await server.stop()
        print("Bac à sable arrêté.", flush=True)


def main() -> None:
    """Parse the command line and serve until Ctrl+C or SIGTERM."""
    parser = argparse.ArgumentParser(description="Bac à sable de l’API Bot Telegram.")
    parser.add_argument("--host", default="127.0.0.1")
    default_port = int(os.environ.get("HOTLINE_SANDBOX_PORT", "8080"))
    parser.add_argument("--port", type=int, default=default_port)
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NOM",
        help="autre nom sous lequel on joint le bac à sable (ex. un conteneur), répétable",
    )
    parser.add_argument(
        "--spread",
        nargs="+",
        metavar="URL",
        help="livrer les mises à jour du webhook à ces adresses à tour de rôle (répartiteur)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.host, args.port, args.allow_host, args.spread))


if __name__ == "__main__":
    main()
