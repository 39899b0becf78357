"""In Chromium: a tariff entered in the scenario form runs, and its numbers are the CLI's for the
same TOML (docs/examples/us-china-2027.toml). Screenshots: 20-tariff-form, 21-tariff-result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.web.test_browser import _wait_for_job, fmt, shoot, text_of, wait_until

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:selenium")
TOML = Path(__file__).resolve().parents[2] / "docs" / "examples" / "us-china-2027.toml"


def _fill_tariff(browser: Any, k: int, importer: str, exporter: str, rate: int) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.find_element(By.CSS_SELECTOR, '[data-path="tariffs+"]').click()
    path = f"tariffs.{k}"
    wait_until(
        "the tariff row",
        lambda: browser.find_elements(By.CSS_SELECTOR, f'[data-path="{path}.rate"]'),
    )
    Select(
        browser.find_element(By.CSS_SELECTOR, f'select[data-path="{path}.importer"]')
    ).select_by_value(importer)
    Select(
        browser.find_element(By.CSS_SELECTOR, f'select[data-path="{path}.exporter"]')
    ).select_by_value(exporter)
    browser.find_element(By.CSS_SELECTOR, f'[data-path="{path}.rate"]').send_keys(str(rate))
    Select(
        browser.find_element(By.CSS_SELECTOR, f'[data-path="{path}.from?"]')
    ).select_by_visible_text("date")
    day = browser.find_element(By.CSS_SELECTOR, f'input[data-path="{path}.from"]')
    browser.execute_script("arguments[0].value = '2027-01-01'", day)


@pytest.mark.slow
def test_a_tariff_entered_in_the_form_matches_the_cli(browser: Any, live_server: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{live_server.url}/scenarios")
    wait_until("the form", lambda: browser.find_elements(By.CSS_SELECTOR, '[data-path="tariffs+"]'))
    assert "add tariff" in browser.find_element(By.CSS_SELECTOR, '[data-path="tariffs+"]').text
    assert "TariffCut" not in browser.find_element(By.ID, "form").text
    name = browser.find_element(By.CSS_SELECTOR, '[data-path="name"]')
    name.clear()
    name.send_keys("us-china-2027")
    date = browser.find_element(By.CSS_SELECTOR, 'input[data-path="policy.date"]')
    browser.execute_script("arguments[0].value = '2027-01-01'", date)
    _fill_tariff(browser, 0, "USA", "CHN", 60)
    _fill_tariff(browser, 1, "CHN", "USA", 34)
    shoot(browser, "20-tariff-form")
    browser.find_element(By.ID, "run-custom").click()
    wait_until("the job", lambda: "us-china-2027" in browser.find_element(By.ID, "job-label").text)
    _wait_for_job(browser)
    wait_until(
        "the results",
        lambda: browser.find_elements(By.CSS_SELECTOR, '[data-key="USA.welfare_pct"]'),
    )
    shoot(browser, "21-tariff-result")

    from tradewar.cli import app

    res = CliRunner().invoke(app, ["run", str(TOML), "--no-save", "--json"])
    assert res.exit_code == 0, res.output
    cli = {c["iso3"]: c for c in json.loads(res.output)["scenarios"][0]["countries"]}
    for code in ("USA", "CHN"):
        assert text_of(browser, f"{code}.welfare_pct") == fmt(cli[code]["welfare_pct"], 3, True)


@pytest.mark.slow
def test_the_scenarios_page_opens_on_a_real_scenario(browser: Any, live_server: Any) -> None:
    """A run holding the all-zero 2024 baseline opens on its other scenario, not the baseline."""
    import httpx
    from selenium.webdriver.common.by import By

    r = httpx.post(
        f"{live_server.url}/api/runs", json={"builtin": ["baseline-2024", "geneva-truce"]}
    )
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    wait_until(
        "the run",
        lambda: httpx.get(f"{live_server.url}/api/jobs/{job_id}").json()["status"] == "done",
        timeout=300,
    )
    browser.get(f"{live_server.url}/scenarios")
    wait_until(
        "the opening scenario",
        lambda: browser.find_elements(By.CSS_SELECTOR, '[data-key="USA.welfare_pct"]'),
    )
    assert browser.find_element(By.ID, "scenario-select").get_attribute("value") == "geneva-truce"
    assert browser.find_elements(By.ID, "us-china-trade-chart")  # US–China trade both ways
    shoot(browser, "22-scenarios-opening")
