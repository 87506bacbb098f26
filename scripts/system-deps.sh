#!/usr/bin/env bash
# Install the system programs the test suite drives: PostgreSQL (integration tests start their
# own throw-away server) and Chromium (browser tests). Debian packages, installed only when
# missing and only when we may (root); otherwise those tests skip with a message.
set -euo pipefail

missing=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
  || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: ${missing[*]} missing and not installable here; those tests will skip." >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
