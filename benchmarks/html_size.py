"""Size and opening time of the HTML report for a large generated report (run by hand, not a test).

    .venv/bin/python benchmarks/html_size.py                    # 10,000 findings
    .venv/bin/python benchmarks/html_size.py --findings 3000 --keep /tmp/report.html

The report is `tests/bigreport.py`'s generated one (proportions of a real 409-report run, random words). Prints
the rendering time, the file's size and, in headless Chromium (/usr/bin/chromium), the time from navigation to
the first finding card visible and to the load event.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from machine import machine_line  # noqa: E402

from contradictions.report.html import render_html  # noqa: E402
from tests.bigreport import big_report  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def open_in_chromium(path: Path, timeout_s: float) -> tuple[float, float]:
    """Seconds from navigation to the first card visible, and to the load event."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(timeout_s * 1000)
        start = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="commit")
        page.locator(".card").first.wait_for(state="visible")
        first_card = time.perf_counter() - start
        page.wait_for_load_state("load")
        loaded = time.perf_counter() - start
        browser.close()
    return first_card, loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the page here instead of a temporary file")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for the page (default 600)")
    args = parser.parse_args()
    print(machine_line())
    data = big_report(args.findings)
    start = time.perf_counter()
    page = render_html(data)
    rendered = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "report.html"
        path.write_text(page, encoding="utf-8")
        size = path.stat().st_size
        first_card, loaded = open_in_chromium(path, args.timeout)
    print(f"{args.findings:,} findings, {len(data['sources']):,} sources: rendered in {rendered:.1f} s, "
          f"{size / 1e6:.1f} MB; Chromium: first card visible {first_card:.2f} s, load event {loaded:.2f} s")


if __name__ == "__main__":
    main()
