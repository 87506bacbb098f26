"""Is a request meant for this server, from its own pages? Host and Origin checks.

A web page open in a developer's or staff member's browser can send requests to a server on
127.0.0.1 (they carry the page's Origin), or point its own name at 127.0.0.1 after the page has
loaded (DNS rebinding: the requests are then "same-origin" but carry the page's Host). Both are
recognised here, so that the servers can refuse them.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from aiohttp import web

# The names under which a browser on this machine reaches a server listening on loopback.
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def split_authority(value: str) -> tuple[str, int | None] | None:
    """Return (host, port) of "host[:port]" ("[::1]:8080" gives "::1"); None when malformed."""
    try:
        parts = urlsplit("//" + value.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host or parts.username is not None or parts.path or parts.query or parts.fragment:
        return None
    return host, port


def url_address(url: str) -> tuple[str, int] | None:
    """Return (host, port) of an absolute http(s) URL, the scheme's port when none is written."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host or parts.scheme not in DEFAULT_PORTS or parts.username is not None:
        return None
    return host, port if port is not None else DEFAULT_PORTS[parts.scheme]


def shown(value: str) -> str:
    """A header value fit for an error message: short, one line."""
    value = value.replace("\r", " ").replace("\n", " ")
    return value if len(value) <= 80 else value[:79] + "…"


class SiteGuard:
    """The addresses of one server: loopback names and its own address on the port it listens
    on, the host names it was configured with, and public base URLs (behind a reverse proxy)."""

    def __init__(self, hosts: Iterable[str] = (), urls: Iterable[str] = ()) -> None:
        self.hosts = frozenset(host.strip().strip("[]").lower() for host in hosts if host.strip())
        self.urls = tuple(urls)

    def addresses(self, request: web.Request) -> set[tuple[str, int]]:
        """Every (host, port) this request may name in its Host or Origin header."""
        allowed = {address for url in self.urls if (address := url_address(url))}
        local = request.get_extra_info("sockname")
        if isinstance(local, tuple) and len(local) >= 2:
            names = LOOPBACK | self.hosts | {str(local[0]).lower()}
            allowed |= {(name, int(local[1])) for name in names}
        return allowed

    def _names_us(self, authority: tuple[str, int | None] | None, request: web.Request) -> bool:
        if authority is None:
            return False
        host, port = authority
        allowed = self.addresses(request)
        if port is None:
            # "Host: example.fr" is port 80 over HTTP, 443 over TLS (ended by a proxy, maybe).
            return any((host, default) in allowed for default in DEFAULT_PORTS.values())
        return (host, port) in allowed

    def host_ok(self, request: web.Request) -> bool:
        """True when the request has exactly one Host header, naming this server."""
        values = request.headers.getall("Host", [])
        return len(values) == 1 and self._names_us(split_authority(values[0]), request)

    def origin_ok(self, request: web.Request) -> bool:
        """True without an Origin header (programs, same-origin reads), or with our own."""
        values = request.headers.getall("Origin", [])
        if not values:
            return True
        if len(values) > 1:
            return False
        # "null" (sandboxed frames, local files) and anything but scheme://host[:port] fail here.
        address = url_address(values[0])
        if address is None or urlsplit(values[0].strip()).path:
            return False
        return address in self.addresses(request)
