#!/usr/bin/env python3
"""Browser walk over a running `techladder serve` (headless Chromium via selenium and the system driver).

Opens 总览, clicks into a district, into the district's pipeline (符合未认定), into a pipeline firm, and
from a criterion of its audit into the rule behind it; checks what each page shows against the API;
saves screenshots at desktop and phone width. Usage: walk.py BASE_URL SCREENSHOT_DIR
"""
import json
import sys
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE, SHOTS = sys.argv[1].rstrip("/"), sys.argv[2]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def api(path):
    with urllib.request.urlopen(BASE + path) as response:
        return json.load(response)


def browser():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shot(driver, name, size):
    width, height = SIZES[size]
    driver.set_window_size(width, height)
    # The whole page: as tall as its content.
    full = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, full), 4000))
    driver.save_screenshot(f"{SHOTS}/{name}-{size}.png")
    driver.set_window_size(width, height)


def check(condition, message):
    if not condition:
        raise SystemExit(f"FAIL: {message}")
    print(f"ok  {message}")


def walk(driver, size):
    tally = api("/api/v1/tally")
    driver.set_window_size(*SIZES[size])
    driver.get(BASE + "/")
    check("总览" in driver.title, f"[{size}] / has the title 总览")
    total = driver.find_element(By.CSS_SELECTOR, "#districts tfoot tr.total").text
    check(f"{tally['total']['certified']['total']:,}" in total, f"[{size}] / shows the city's certified count {tally['total']['certified']['total']}")
    shot(driver, "overview", size)

    # The district with the largest pipeline.
    district = max(tally["districts"], key=lambda d: d["pipeline"]["total"])
    driver.find_element(By.CSS_SELECTOR, f"#districts a[href^='/districts/{district['code']}']").click()
    check(district["name"] in driver.find_element(By.TAG_NAME, "h1").text, f"[{size}] district page of {district['name']}")
    driver.find_element(By.CSS_SELECTOR, "ul.tabs a[data-status='pipeline']").click()
    rows = driver.find_elements(By.CSS_SELECTOR, "table.firms tbody tr")
    check(len(rows) == min(district["pipeline"]["total"], 200), f"[{size}] pipeline lists {len(rows)} firms = the count {district['pipeline']['total']}")
    # Sort by name (the table script), then open the first firm.
    driver.find_element(By.CSS_SELECTOR, "table.firms thead th").click()
    shot(driver, "district", size)
    link = driver.find_element(By.CSS_SELECTOR, "table.firms tbody tr a")
    name = link.text
    link.click()
    check(driver.find_element(By.TAG_NAME, "h1").text == name, f"[{size}] firm page of {name}")
    firm_id = driver.current_url.split("/firms/")[1].split("?")[0]
    firm = api(f"/api/v1/firms/{firm_id}")
    check("pipeline" in firm["firm"]["statuses"], f"[{size}] the firm is in the pipeline")
    criteria = driver.find_elements(By.CSS_SELECTOR, "table.criteria tbody tr")
    audit = api(f"/api/v1/firms/{firm_id}/audit")[0]
    expected = sum(len(rung["criteria"]) for rung in audit["tiers"].values())
    check(len(criteria) == expected, f"[{size}] the firm page shows every criterion ({expected})")
    shot(driver, "firm", size)

    # Into a criterion: the rule behind it, with its citation.
    anchor = driver.find_element(By.CSS_SELECTOR, "table.criteria tbody tr td a")
    criterion = anchor.get_attribute("href").split("#")[1]
    anchor.click()
    row = driver.find_element(By.ID, criterion)
    check(row.is_displayed() and row.find_element(By.CSS_SELECTOR, "td.cite").text != "", f"[{size}] criterion {criterion} with its citation")
    shot(driver, "rule", size)

    # English toggle keeps the page.
    driver.find_element(By.CSS_SELECTOR, "header.site a.lang").click()
    check("lang=en" in driver.current_url and "Rules" in driver.page_source, f"[{size}] the toggle switches to English")

    driver.get(BASE + "/firms/NO-SUCH-FIRM")
    check("本快照中没有这个统一社会信用代码的企业" in driver.page_source, f"[{size}] an unknown firm says so")
    check(driver.find_element(By.CSS_SELECTOR, "main input[name='q']").get_attribute("value") == "NO-SUCH-FIRM", f"[{size}] and offers a search for it")


def main():
    driver = browser()
    try:
        for size in SIZES:
            walk(driver, size)
    finally:
        driver.quit()
    print("browser walk: 2 passed, 0 failed")


if __name__ == "__main__":
    main()
