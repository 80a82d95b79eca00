"""Without Chromium the browser tests skip and say why, unless CI requires them (then they fail)."""

from tests.browser.conftest import CHROMIUM, missing_browser


def test_a_missing_browser_skips_with_the_reason():
    outcome, reason = missing_browser("/nonexistent/chromium", environ={})
    assert outcome == "skip"
    assert "apt-get install chromium" in reason


def test_a_missing_browser_fails_when_ci_requires_it():
    outcome, reason = missing_browser("/nonexistent/chromium", environ={"CASCADE_REQUIRE_BROWSER": "1"})
    assert outcome == "fail"
    assert "CASCADE_REQUIRE_BROWSER=1" in reason


def test_an_installed_browser_runs(tmp_path):
    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    assert missing_browser(str(browser), environ={}) is None
    assert CHROMIUM == "/usr/bin/chromium"
