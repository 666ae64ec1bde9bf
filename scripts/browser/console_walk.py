"""Walks sgw's console in headless Chromium as an operator: login, overview, a message, a dead letter's replay, a
report. Saves a screenshot of each step in OUTDIR and checks what each page must show; exits 1 on the first failure.

usage: console_walk.py CHROMIUM BASE_URL TOKEN_SECRET OUTDIR PERIOD
"""
import re
import sys

from cdp import Browser

chromium, base, secret, outdir, period = sys.argv[1:6]
checks = []


def check(condition, what):
    checks.append(what)
    if not condition:
        raise AssertionError(what)
    print(f"  ok: {what}")


def shot(browser, name, what):
    path = f"{outdir}/{name}.png"
    browser.screenshot(path)
    print(f"  screenshot {path}: {what}")


browser = Browser(chromium)
try:
    # 1. Not signed in: any console page leads to the login page.
    browser.goto(base + "/console/messages")
    check("/console/login" in browser.url(), "a page without the cookie redirects to the login page")
    check("登录" in browser.title(), "the login page's title says 登录")
    shot(browser, "01-login", "the login page")

    # A wrong token is refused on the page itself.
    browser.eval("document.getElementById('token').value = 'sgw_not-a-token'")
    browser.submit("form button[type=submit]")
    check("令牌无效" in browser.text(), "a wrong token is refused with 令牌无效")

    # 2. Signing in with the operator's token returns to the page asked for, then the overview.
    browser.eval(f"document.getElementById('token').value = {secret!r}")
    browser.submit("form button[type=submit]")
    check(browser.url().endswith("/console/messages"), "signing in returns to the page first asked for")
    check(browser.eval("document.cookie") == "", "the cookie is HttpOnly: no script reads it")
    browser.goto(base + "/console/")
    check(browser.title().startswith("概览"), "the overview's title says 概览")
    text = browser.text()
    for word in ("按目的地", "按部门", "即将到期"):
        check(word in text, f"the overview shows {word}")
    shot(browser, "02-overview", "the overview: per destination and per department, and the next deadlines")

    # 3. The message search, then the first message's page with its timeline.
    browser.goto(base + "/console/messages?kind=approval")
    check(browser.title().startswith("消息"), "the message search's title says 消息")
    check(browser.eval("document.querySelector('select[name=kind]').value") == "approval", "the search keeps its filter")
    links = browser.eval("[...document.querySelectorAll('a.message-link')].map(a => a.getAttribute('href'))")
    check(bool(links), "the message search lists messages")
    shot(browser, "03-messages", "the message search, approvals only")
    browser.goto(base + links[0])
    text = browser.text()
    check("时间线" in text and "接收" in text, "a message page shows its timeline, from 接收 on")
    check(re.search(r"\d{17}[\dX]", text) is None, "an operator sees no unmasked ID number on a message page")
    shot(browser, "04-message", "one message: its facts and its timeline")

    # 4. A dead letter: its request and answer, then the replay.
    browser.goto(base + "/console/deadletters")
    check(browser.title().startswith("死信"), "the dead letters' title says 死信")
    shot(browser, "05-deadletters", "the dead letters")
    replayable = browser.eval("[...document.querySelectorAll('tr.replayable a.deadletter-link')].map(a => a.getAttribute('href'))")
    check(bool(replayable), "some dead letter can be replayed")
    target = replayable[0]
    browser.goto(base + target)
    text = browser.text()
    check("请求" in text and "应答" in text, "a dead letter's page shows the request and the answer")
    shot(browser, "06-deadletter", "one dead letter with its request, its answer and the replay button")
    browser.submit("#replay-button")
    text = browser.text()
    check("已重新投递" in text, "the replay is confirmed with 已重新投递")
    check(browser.eval("(document.getElementById('delivery-state') || {}).textContent") == "待推送",
          "the replayed delivery is due again (待推送)")
    shot(browser, "07-replayed", "the same delivery after the replay")
    browser.goto(base + "/console/deadletters")
    still = browser.eval("[...document.querySelectorAll('a.deadletter-link')].map(a => a.getAttribute('href'))")
    check(target not in still, "the replayed delivery is no longer a dead letter")

    # 5. A report for the period, with its charts.
    browser.goto(base + f"/console/reports?period={period}")
    check(browser.title().startswith("报表"), "the reports' title says 报表")
    check(browser.eval("document.querySelectorAll('.report svg').length") > 0, "the report has its SVG charts")
    check(browser.eval("document.querySelectorAll('a[href*=\"format=xlsx\"]').length") > 0, "the report offers its XLSX")
    shot(browser, "08-report", f"the accountability report for {period} with its charts")

    # The wrong token's 401 on the login page was asked for; anything else is a problem.
    # 6. Imports with their counts, and the adapters' health.
    browser.goto(base + "/console/imports")
    check(browser.title().startswith("导入"), "the imports' title says 导入")
    text = browser.text()
    check("计数不符" not in text and "共 " in text, "every finished import's counts add up")
    check(browser.eval("document.querySelectorAll('a[href$=\"/rejects\"]').length") > 0, "an import with rejected rows offers its rejects file")
    shot(browser, "09-imports", "the imports with their counts and rejects files")
    browser.goto(base + "/console/adapters")
    check(browser.title().startswith("适配器") and "最近成功" in browser.text(), "the adapters' page shows their last success")
    shot(browser, "10-adapters", "the adapters and their health")

    problems = [p for p in browser.problems() if not ("401" in p and "/console/login" in p)]
    check(not problems, "no page reported an error, a blocked resource or a failed load" + (f": {problems}" if problems else ""))
    print(f"browser test: {len(checks)} checks passed")
except AssertionError as failure:
    try:
        shot(browser, "failed", "the page when the test failed")
    except Exception:
        pass
    print(f"browser test FAILED: {failure}", file=sys.stderr)
    print(f"  at {browser.url()}: {browser.text()[:600]!r}", file=sys.stderr)
    sys.exit(1)
finally:
    browser.close()
