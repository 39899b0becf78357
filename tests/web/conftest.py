"""Fixtures of the dashboard tests: an app on a private store, a live server, a real browser.

The browser is Debian's Chromium driven by Selenium through Debian's ``chromedriver`` (a test
tool's own browser download cannot work offline). Browser tests skip, saying why, when either is
missing. Screenshots go to ``$TRADEWAR_SCREENSHOTS`` (default ``out/screenshots`` in the
repository); the folder is printed at the end of the run.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.store.conftest import small_run  # noqa: F401  (a small stored run, solved once)

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
#: Flags that work in a root container without a display, network or GPU.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1600",
)


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("TRADEWAR_SCREENSHOTS", REPO / "out" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pytest_terminal_summary(terminalreporter: Any) -> None:
    folder = Path(os.environ.get("TRADEWAR_SCREENSHOTS", REPO / "out" / "screenshots"))
    shots = sorted(folder.glob("*.png")) if folder.is_dir() else []
    if shots:
        terminalreporter.write_line(f"dashboard screenshots ({len(shots)}): {folder}")


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("store")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class LiveServer:
    """uvicorn serving an application in a thread on a free loopback port."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        from tradewar.web._settings import KEEP_ALIVE_S

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_keep_alive=KEEP_ALIVE_S,  # as `tradewar serve`
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the dashboard server did not start within 30 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(15)


@pytest.fixture(scope="session")
def live_server(store_dir: Path) -> Iterator[LiveServer]:
    from tradewar.web import WebSettings, create_app

    with LiveServer(create_app(WebSettings(store=store_dir))) as server:
        yield server


def _first(paths: tuple[str, ...]) -> str | None:
    return next((p for p in paths if Path(p).exists()), None)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    binary = _first(CHROMIUM) or shutil.which("chromium")
    driver_path = _first(CHROMEDRIVER) or shutil.which("chromedriver")
    if binary is None or driver_path is None:
        pytest.skip(
            "browser tests need Debian's chromium and chromium-driver "
            "(apt-get install chromium chromium-driver; .ci/run installs them)"
        )
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("browser tests need selenium (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A TestClient of an app with its own (empty) results store."""
    from fastapi.testclient import TestClient

    from tradewar.web import WebSettings, create_app

    store = tmp_path_factory.mktemp("client-store")
    with TestClient(
        create_app(WebSettings(store=store)), base_url="http://127.0.0.1"
    ) as test_client:
        yield test_client
