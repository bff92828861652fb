"""A headless Chromium for the browser tests (Debian's chromium + chromedriver, driven by selenium).

The fixture skips, with the reason, only when Chromium or its driver is not installed
(`make browser` installs them). Network is cut by resolving every host to nowhere, so a page
that tries to fetch anything logs a failed request instead of hanging.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
DRIVER_CANDIDATES = ("/usr/bin/chromedriver",)


def _first(paths: tuple[str, ...], name: str) -> str | None:
    for p in paths:
        if Path(p).exists():
            return p
    return shutil.which(name)


def make_driver(*, width: int = 1200, height: int = 800) -> Any:
    """A headless Chromium with browser and performance (network) logs, and no network."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = _first(CHROMIUM_CANDIDATES, "chromium")
    driver_path = _first(DRIVER_CANDIDATES, "chromedriver")
    if not binary or not driver_path:
        pytest.skip("Chromium or chromedriver not installed (run `make browser` as root to install them)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--allow-file-access-from-files",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(driver_path), options=options)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (pages are cheap; browsers are not)."""
    pytest.importorskip("selenium", reason="selenium not installed (pip install -e '.[dev]')")
    driver = make_driver()
    try:
        yield driver
    finally:
        driver.quit()
