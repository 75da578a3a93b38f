"""Fixtures for the publishing tests: the app over the real dataset, one worker; for the
browser tests, ``rightsgraph serve`` in a subprocess and headless Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from browser_support import ARGS, CHROMIUM
from playwright.sync_api import Browser, sync_playwright


@pytest.fixture(scope="session")
def app(make_app):
    return make_app({"workers": 1})


@pytest.fixture(scope="session")
def server_url():
    """``rightsgraph serve`` on a free loopback port, stopped after the session."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from rightsgraph.cli import main; main()", "serve", "--port", "0", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    line = process.stdout.readline()
    try:
        assert " at http://127.0.0.1:" in line, line
        parts = urlsplit(line.split(" at ", 1)[1].strip())
        yield f"http://{parts.hostname}:{parts.port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()
