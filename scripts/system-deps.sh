#!/usr/bin/env bash
# Install the system programs the test suite drives: PostgreSQL (integration tests start their
# own throw-away server) and Chromium (browser tests, driven by Playwright's Python package with
# this system binary: no `playwright install`). Debian packages, installed only when missing and
# only when we may (root with apt-get); otherwise those tests skip with a message.
set -euo pipefail

missing=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
  || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: ${missing[*]} missing and not installable here (needs root and apt-get);" \
    "those tests will skip. As root: apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# A failed install (no network, no mirror) must not stop the rest of the suite: say it, go on.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
  echo "system-deps: could not install ${missing[*]}; those tests will skip." >&2
fi
