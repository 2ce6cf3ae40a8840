"""Take docs/img/report.png, the README's picture of the HTML report, with headless Chromium.

    python -m contradictions run seeds --html /tmp/r.html
    python docs/screenshot.py /tmp/r.html

Uses Debian's /usr/bin/chromium through Playwright (no browser download). The top of the page at 1200 px wide:
the summary, sources, disputed figures, the source matrix and the first finding. Saved with a 256-colour palette
to keep the file small.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "img" / "report.png"
WIDTH, HEIGHT = 1200, 1612
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main(page_path: str) -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.goto(Path(page_path).resolve().as_uri())
        page.wait_for_selector(".card")
        png = page.screenshot()
        browser.close()
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(OUT, optimize=True)
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/r.html"))
