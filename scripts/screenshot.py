"""Save a screenshot of a running app page (for the README): Debian's Chromium via Playwright.

.venv/bin/python scripts/screenshot.py "http://127.0.0.1:8501/?q=..." docs/screenshot.png
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main() -> int:
    url, out = sys.argv[1], sys.argv[2]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.wait_for_selector("text=/\\d+ träffar · \\d+ ms/", timeout=120_000)
        page.wait_for_timeout(1000)
        page.screenshot(path=out)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
