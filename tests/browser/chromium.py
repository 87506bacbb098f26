"""Where Debian's Chromium is, if installed (the browser tests never download a browser)."""

import shutil

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
