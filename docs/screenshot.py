"""Regenerate docs/screenshot-home.png from a running demo (make demo), in Debian's Chromium.

    .venv/bin/python docs/screenshot.py [http://127.0.0.1:8000] [username]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
username = sys.argv[2] if len(sys.argv) > 2 else "city"
out = Path(__file__).with_name("screenshot-home.png")

with sync_playwright() as p:
    browser = p.chromium.launch(
        executable_path="/usr/bin/chromium", headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run"],
    )
    page = browser.new_page(viewport={"width": 1366, "height": 1180}, locale="zh-CN")
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Demo@2021")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    if page.locator("#zone-chart").count():
        page.wait_for_selector("#zone-chart svg")
        page.wait_for_timeout(1500)  # let the chart's bars finish growing
    page.screenshot(path=str(out))
    browser.close()
print(out)
