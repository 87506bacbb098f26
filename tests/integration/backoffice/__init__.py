"""Integration tests of the staff back-office (aiohttp test client, real SQLite)."""
