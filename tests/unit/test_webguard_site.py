"""Reading Host and Origin values: what counts as an address, and what is refused."""

from __future__ import annotations

import pytest

from bot.webguard.site import shown, split_authority, url_address


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("LocalHost:8080", ("localhost", 8080)),
        ("[::1]:8080", ("::1", 8080)),
        ("hotline.example.fr", ("hotline.example.fr", None)),
        ("user@127.0.0.1:8080", None),
        ("127.0.0.1:8080/path", None),
        ("127.0.0.1:99999", None),
        ("[::1", None),
        ("", None),
    ],
)
def test_a_host_header_is_split_into_host_and_port_or_refused(value, expected):
    assert split_authority(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("https://hotline.example.fr", ("hotline.example.fr", 443)),
        ("http://hotline.example.fr", ("hotline.example.fr", 80)),
        ("http://[::1]:8090", ("::1", 8090)),
        ("null", None),
        ("file://", None),
        ("ftp://example.fr", None),
        ("http://user@example.fr", None),
    ],
)
def test_an_origin_or_base_url_gives_its_host_and_port(value, expected):
    assert url_address(value) == expected


def test_a_header_shown_in_a_message_is_one_short_line():
    assert shown("evil\r\nX: y") == "evil  X: y"
    assert len(shown("a" * 500)) == 80
