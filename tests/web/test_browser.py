"""End to end in Debian's Chromium: every page loads with no console error, the numbers shown are
the API's, and (slow) a scenario run from the page, built-in and from the form, shows the API's
numbers, compares and offers its downloads. Screenshots of every step are kept (folder printed at
the end of the run)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.web.conftest import screenshot_dir

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:selenium")


def fmt(value: float | None, digits: int = 2, sign: bool = False) -> str:
    """A number as the pages show it (common.js TW.fmt)."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return f"+{text}" if sign and value > 0 else text


def wait_until(what: str, check: Callable[[], Any], timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except Exception as exc:  # the element may not exist yet
            last = exc
        else:
            if last:
                return last
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")


def shoot(driver: Any, name: str) -> None:
    """A full-page screenshot (the window is resized to the page's height, then back)."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 900), 12000))
    time.sleep(0.3)
    driver.save_screenshot(str(screenshot_dir() / f"{name}.png"))
    driver.set_window_size(1280, 1600)


def severe_console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def text_of(driver: Any, key: str) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.CSS_SELECTOR, f'[data-key="{key}"]').text)


def api(server: Any, path: str, **params: Any) -> Any:
    r = httpx.get(f"{server.url}{path}", params=params, timeout=120)
    r.raise_for_status()
    return r.json()


def test_timeline_page_draws_the_chart_and_the_breakdown_matches_the_api(
    browser: Any, live_server: Any
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{live_server.url}/timeline")
    note = wait_until(
        "the series",
        lambda: "steps from" in (t := browser.find_element(By.ID, "series-note").text) and t,
        timeout=120,
    )
    series = api(live_server, "/api/timeline/series", end=time.strftime("%Y-%m-%d"))
    last = series["series"][-1]
    assert f"US on China {fmt(last['us_on_cn'], 1)}%" in note
    assert f"China on US {fmt(last['cn_on_us'], 1)}%" in note
    canvas = browser.find_element(By.ID, "etr-chart")
    assert canvas.size["height"] > 200
    shoot(browser, "01-timeline")
    # click in the chart: a breakdown for the date under the pointer appears
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).move_to_element_with_offset(canvas, 200, 0).click().perform()
    clicked = wait_until(
        "the breakdown of the clicked date",
        lambda: browser.find_element(By.ID, "breakdown-date").text,
    )
    day = browser.find_element(By.ID, "day").get_attribute("value")
    assert day in clicked
    # a chosen date: the averages shown are the API's
    browser.execute_script("document.getElementById('day').value = '2025-06-01'")
    browser.find_element(By.ID, "show-day").click()
    wait_until(
        "the breakdown of 2025-06-01",
        lambda: "2025-06-01" in browser.find_element(By.ID, "breakdown-date").text,
    )
    tariffs = api(live_server, "/api/timeline/tariffs", date="2025-06-01")
    for key in ("US_on_CN", "CN_on_US"):
        d = tariffs["directions"][key]
        assert text_of(browser, f"{key}.trade_weighted") == f"{fmt(d['trade_weighted'], 1)}%"
        assert text_of(browser, f"{key}.simple") == f"{fmt(d['simple'], 1)}%"
        for sector in d["sectors"]:
            if sector["goods"]:
                shown = browser.find_element(
                    By.CSS_SELECTOR, f'#dir-{key} [data-key="{sector["sector"]}.total"]'
                ).text
                assert shown == fmt(sector["total"], 1), (key, sector["sector"])
    links = browser.find_elements(By.CSS_SELECTOR, "#dir-US_on_CN a.src")
    assert links
    assert all(a.get_attribute("href").startswith("http") for a in links)
    shoot(browser, "02-timeline-breakdown")
    assert severe_console_errors(browser) == []


def test_data_page_shows_the_apis_numbers(browser: Any, live_server: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{live_server.url}/data")
    wait_until("the world name", lambda: browser.find_element(By.ID, "world-name").text)
    data = api(live_server, "/api/data")
    assert browser.find_element(By.ID, "world-name").text == data["name"]
    assert browser.find_element(By.ID, "base-year").text == str(data["base_year"])
    for iso in data["economies"]:
        assert text_of(browser, f"{iso}.gdp_bn") == fmt(data["gdp_bn"][iso], 1)
    for sector, theta in data["theta"].items():
        assert text_of(browser, f"{sector}.theta") == fmt(theta, 2)
    shoot(browser, "03-data")
    assert severe_console_errors(browser) == []


def test_war_and_scenarios_pages_load(browser: Any, live_server: Any) -> None:
    from selenium.webdriver.common.by import By

    from tradewar.worlds import default_world

    browser.get(f"{live_server.url}/war")
    wait_until("the forms", lambda: browser.find_elements(By.ID, "war-run"))
    options = browser.find_elements(By.CSS_SELECTOR, "#war-a option")
    offered = [o.get_attribute("value") for o in options]
    assert offered == list(default_world().countries)  # the world's economies, not a typed list
    assert options[offered.index("KOR")].text == "South Korea (KOR)"
    shoot(browser, "04-war-and-talks")
    assert severe_console_errors(browser) == []
    browser.get(f"{live_server.url}/scenarios")
    wait_until(
        "the built-in list",
        lambda: browser.find_elements(By.CSS_SELECTOR, "input[data-builtin]"),
    )
    assert browser.find_element(By.CSS_SELECTOR, '[data-path="name"]')
    assert browser.find_element(By.ID, "load-error").text == ""
    shoot(browser, "05-scenarios")
    assert severe_console_errors(browser) == []


def _wait_for_job(browser: Any, timeout: float = 300) -> str:
    from selenium.webdriver.common.by import By

    status = wait_until(
        "the job to finish",
        lambda: (s := browser.find_element(By.ID, "job-status").text) in ("done", "failed") and s,
        timeout=timeout,
    )
    message = browser.find_element(By.ID, "job-message").text
    assert status == "done", message
    return str(message.split("saved as run ")[1].split(";")[0].strip())


def _check_scenario_numbers(browser: Any, live_server: Any, run_id: str, name: str) -> None:
    from selenium.webdriver.common.by import By

    wait_until(
        f"results of {name}",
        lambda: (
            browser.find_element(By.ID, "scenario-select").get_attribute("value") == name
            and browser.find_elements(By.CSS_SELECTOR, '[data-key="USA.welfare_pct"]')
        ),
    )
    s = api(live_server, f"/api/runs/{run_id}/scenarios/{name}")
    h = s["headline"]
    assert text_of(browser, "headline.welfare_USA_pct") == f"{fmt(h['welfare_USA_pct'], 2, True)}%"
    assert text_of(browser, "headline.welfare_CHN_pct") == f"{fmt(h['welfare_CHN_pct'], 2, True)}%"
    assert text_of(browser, "headline.us_imports_from_cn_pct") == (
        f"{fmt(h['us_imports_from_cn_pct'], 2, True)}%"
    )
    for row in s["countries"]:
        iso = row["iso3"]
        assert text_of(browser, f"{iso}.welfare_pct") == fmt(row["welfare_pct"], 3, True)
        assert text_of(browser, f"{iso}.iso3") == f"{s['names'][iso]} ({iso})"
        assert text_of(browser, f"{iso}.trade_balance_bn") == fmt(row["trade_balance_bn"], 1)
    flow = s["us_china"]["us_imports_from_cn"]
    assert text_of(browser, "us_imports_from_cn.counterfactual_bn") == fmt(
        flow["counterfactual_bn"], 1
    )
    for row in s["diversion"]:
        assert text_of(browser, f"{row['exporter']}.change_bn") == fmt(row["change_bn"], 2, True)
    assert browser.find_element(By.ID, "scenario-title").text == s["title"]


@pytest.mark.slow
def test_run_scenarios_from_the_page_and_compare(browser: Any, live_server: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(f"{live_server.url}/scenarios")
    wait_until(
        "the built-in list", lambda: browser.find_elements(By.CSS_SELECTOR, "input[data-builtin]")
    )
    # 1. two built-in scenarios, run as one job
    for name in ("geneva-truce", "peak-2025-04-10"):
        browser.find_element(By.CSS_SELECTOR, f'input[data-builtin="{name}"]').click()
    browser.find_element(By.ID, "run-builtin").click()
    wait_until("the progress bar", lambda: browser.find_element(By.ID, "job").is_displayed())
    shoot(browser, "06-scenarios-running")
    first = _wait_for_job(browser)
    wait_until(
        "the new run",
        lambda: browser.find_elements(
            By.CSS_SELECTOR, '#scenario-select option[value="geneva-truce"]'
        ),
    )
    Select(browser.find_element(By.ID, "scenario-select")).select_by_value("geneva-truce")
    _check_scenario_numbers(browser, live_server, first, "geneva-truce")
    shoot(browser, "07-scenario-geneva")
    Select(browser.find_element(By.ID, "scenario-select")).select_by_value("peak-2025-04-10")
    _check_scenario_numbers(browser, live_server, first, "peak-2025-04-10")
    shoot(browser, "08-scenario-peak")
    # downloads point at the run's exports and they answer
    for link in ("dl-zip", "dl-json", "dl-report"):
        href = browser.find_element(By.ID, link).get_attribute("href")
        assert first in href
        assert httpx.get(href, timeout=120).status_code == 200
    # 2. a scenario built in the form from a built-in template, with an overlay
    Select(browser.find_element(By.ID, "template")).select_by_value("busan-truce")
    wait_until(
        "the template",
        lambda: (
            browser.find_element(By.CSS_SELECTOR, '[data-path="name"]').get_attribute("value")
            == "busan-truce-variant"
        ),
    )
    name_box = browser.find_element(By.CSS_SELECTOR, '[data-path="name"]')
    name_box.clear()
    name_box.send_keys("busan-then-lapse")
    date_box = browser.find_element(By.CSS_SELECTOR, 'input[data-path="policy.date"]')
    browser.execute_script("arguments[0].value = '2026-12-01'", date_box)
    overlay_kind = Select(browser.find_element(By.CSS_SELECTOR, '[data-path="policy.overlay?"]'))
    overlay_kind.select_by_visible_text("choose")
    Select(
        browser.find_element(By.CSS_SELECTOR, 'select[data-path="policy.overlay"]')
    ).select_by_value("truce-lapses-2026-11-10")
    shoot(browser, "09-scenario-form")
    browser.find_element(By.ID, "run-custom").click()
    wait_until(
        "the second job",
        lambda: "busan-then-lapse" in browser.find_element(By.ID, "job-label").text,
    )
    second = _wait_for_job(browser)
    assert second != first
    _check_scenario_numbers(browser, live_server, second, "busan-then-lapse")
    spec = api(live_server, f"/api/runs/{second}")["summary"]["scenarios"][0]
    assert spec["name"] == "busan-then-lapse"
    shoot(browser, "10-scenario-custom")
    # 3. compare the custom scenario (A) with the peak of the war (B)
    Select(browser.find_element(By.ID, "cmp-run-a")).select_by_value(second)
    Select(browser.find_element(By.ID, "cmp-run-b")).select_by_value(first)
    wait_until(
        "scenarios of run B",
        lambda: (
            "peak-2025-04-10"
            in [
                o.get_attribute("value")
                for o in Select(browser.find_element(By.ID, "cmp-scn-b")).options
            ]
        ),
    )
    Select(browser.find_element(By.ID, "cmp-scn-b")).select_by_value("peak-2025-04-10")
    browser.find_element(By.ID, "compare").click()
    wait_until(
        "the comparison", lambda: browser.find_elements(By.CSS_SELECTOR, "#comparison table")
    )
    c = api(
        live_server,
        "/api/compare",
        run_a=second,
        scenario_a="busan-then-lapse",
        run_b=first,
        scenario_b="peak-2025-04-10",
    )
    for row in c["countries"]:
        cell = browser.find_element(By.CSS_SELECTOR, f'#comparison [data-key="{row["iso3"]}.diff"]')
        assert cell.text == fmt(row["welfare_pct"]["diff"], 3, True)
    browser.execute_script("document.getElementById('comparison').scrollIntoView()")
    shoot(browser, "11-compare")
    assert severe_console_errors(browser) == []


@pytest.mark.slow
def test_war_and_talks_page_runs_analyses(browser: Any, live_server: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{live_server.url}/war")
    wait_until("the forms", lambda: browser.find_elements(By.ID, "war-run"))
    for key in ("war", "escalate"):
        browser.find_element(By.ID, f"{key}-run").click()
        result = wait_until(
            f"the {key} result",
            lambda key=key: browser.find_element(By.ID, f"{key}-result").get_attribute("data-job"),
            timeout=600,
        )
        job = api(live_server, f"/api/jobs/{result}")
        assert job["status"] == "done"
        r = job["result"]
        box = browser.find_element(By.ID, f"{key}-result")
        if key == "war":
            for iso, pct in r["welfare_pct"].items():
                cell = box.find_element(By.CSS_SELECTOR, f'[data-key="{iso}.pct"]')
                assert cell.text == fmt(pct, 3, True)
            shown = box.find_element(By.CSS_SELECTOR, '[data-key="war.USA.median"]').text
            assert shown == f"{fmt(r['median_tariff_pct']['USA'], 1)}%"
            for iso, m in r["tariffs"].items():  # from → to, so the war is not read as a gift
                cell = box.find_element(By.CSS_SELECTOR, f'[data-key="{iso}.from_median_pct"]')
                assert (
                    cell.text == f"{fmt(m['from_median_pct'], 1)}% → {fmt(m['to_median_pct'], 1)}%"
                )
        else:
            start = box.find_element(By.CSS_SELECTOR, '[data-key="escalate.start"]').text
            assert "Starting tariffs on goods" in start
            for k, play in enumerate(r["plays"]):
                cell = box.find_element(By.CSS_SELECTOR, f'[data-key="{k}.pa"]')
                assert cell.text == fmt(play["average_payoff_pct"]["USA"], 4, True)
    shoot(browser, "12-war-and-talks-results")
    assert severe_console_errors(browser) == []
