#!/usr/bin/env python3
"""The live wall-screen in a real browser, during a real run: `hotlive run --listen` paces a few
dozen calls against the emulator while Debian's headless Chromium (driven over the DevTools
protocol, cdp_pipe.py) shows `/`. The test reads the grid's pixels off the page's canvas as it
fills in, sees cells go from pending to warm, keeps a screenshot taken mid-run, and at the end
checks that the page's totals, its cells and /status.json match the report.

Usage: wall_screen_browser_test.py --hotlive EXE --chromium PATH --out DIR
       wall_screen_browser_test.py --hotlive EXE --chromium PATH --out DIR --measure STREAMS
The second form measures the page on a plan of STREAMS streams × every region (204): three
fresh loads, each timed (the grid's download and set-up, the first paint, the work per update).

A missing Chromium is a failure, not a skip: scripts/bootstrap installs it.
"""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp_pipe import Browser  # noqa: E402

WIDTH, HEIGHT = 1600, 1000
STREAMS, REGIONS = 8, ["SHH", "JSU", "ZHJ", "ANH", "FUJ", "TIB"]  # TIB has no node: failed, then skipped
RATE = 6
# The page's geometry at its default cell size (src/live/wall_screen.cpp): CELL, LABEL_W, HEAD_H.
CELL, LABEL_W, HEAD_H = 30, 240, 48
# Light theme colours of the cells, as the canvas holds them.
COLOURS = {
    (208, 215, 222): "pending", (9, 105, 218): "sending", (26, 127, 55): "succeeded", (207, 34, 46): "failed",
    (110, 119, 129): "not_started", (212, 167, 44): "cancelled", (130, 80, 223): "skipped",
}
ENV = dict(os.environ, ALIBABA_CLOUD_ACCESS_KEY_ID="hotlive-demo-id",
           ALIBABA_CLOUD_ACCESS_KEY_SECRET="hotlive-demo-secret")
ENV.pop("ALIBABA_CLOUD_PROFILE", None)
ENV.pop("ALIBABA_CLOUD_SECURITY_TOKEN", None)

failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        failures.append(what)


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    sys.exit("timed out waiting for " + what)


def start_emulator(hotlive, work):
    log = open(os.path.join(work, "emulator.out"), "w")
    emulator = subprocess.Popen([hotlive, "emulate", "--listen", "127.0.0.1:0", "--without-nodes", "TIB",
                                 "--qps", "0", "--log", os.path.join(work, "emulator.log")],
                                stdout=subprocess.PIPE, stderr=log, text=True)
    line = emulator.stdout.readline()
    match = re.search(r"listening on (http://\S+)", line)
    if not match:
        sys.exit("the emulator said: " + line)
    return emulator, match.group(1)


def start_run(hotlive, work, plan_text, extra=()):
    plan = os.path.join(work, "plan.yaml")
    with open(plan, "w") as f:
        f.write(plan_text)
    report = os.path.join(work, "report.json")
    err_path = os.path.join(work, "run.err")
    err = open(err_path, "w")
    run = subprocess.Popen([hotlive, "run", plan, "--report", report, "--listen", "127.0.0.1:0",
                            "--listen-linger", "120s", "--quiet", *extra],
                           stdout=subprocess.DEVNULL, stderr=err, env=ENV, cwd=work)

    def url():
        with open(err_path) as f:
            match = re.search(r"hotlive: live view on (http://\S+)", f.read())
        return match and match.group(1)

    return run, wait_for(url, 120, "the live view's address"), report


def plan_text(endpoint, streams, regions, rate, concurrency):
    text = ("version: 1\nname: wall-screen\nendpoint: %s\n"
            "defaults: { domain: rts.example.com, app: live, audio_msid: rts audio, video_msid: rts video,"
            " regions: [%s] }\nlimits: { rate: %d, burst: 1, concurrency: %d }\nstreams:\n"
            % (endpoint, ", ".join(regions), rate, concurrency))
    return text + "".join("  - stream: stream-%d\n" % i for i in range(streams))


# The cells as the canvas shows them: each one's pixel just inside its top-left corner.
CANVAS_CELLS = """(() => {
  const s = window.hotliveStats;
  if (!s || s.polls === 0) return null;
  const g = document.getElementById("grid").getContext("2d");
  const cells = [];
  for (let r = 0; r < %d; r++) for (let c = 0; c < %d; c++) {
    const p = g.getImageData(%d + c * %d + 4, %d + r * %d + 4, 1, 1).data;
    cells.push([p[0], p[1], p[2]]);
  }
  const tile = (n) => parseInt(document.getElementById("n-" + n).textContent.replace(/,/g, ""), 10);
  return { cells, state: document.getElementById("run-state").textContent,
           tiles: Object.fromEntries(["succeeded", "failed", "skipped", "not_started", "cancelled", "pending",
                                      "sending"].map((n) => [n, tile(n)])),
           inline_scripts: document.querySelectorAll("script:not([src])").length,
           causes: document.getElementById("causes").textContent };
})()""" % (STREAMS, len(REGIONS), LABEL_W, CELL, HEAD_H, CELL)


def counts(cells):
    seen = {}
    for rgb in cells:
        name = COLOURS.get(tuple(rgb), "other %s" % (rgb,))
        seen[name] = seen.get(name, 0) + 1
    return seen


def watch_a_run(args, work, profile):
    emulator, endpoint = start_emulator(args.hotlive, work)
    run, url, report = start_run(args.hotlive, work, plan_text(endpoint, STREAMS, REGIONS, RATE, 2))
    browser = Browser(args.chromium, profile, WIDTH, HEIGHT)
    try:
        with urllib.request.urlopen(url) as page:
            csp = page.headers.get("Content-Security-Policy", "")
        check(csp.startswith("default-src 'none'") and "script-src 'self'" in csp, "a strict CSP: " + csp)
        browser.navigate(url)
        history, mid_run, last = [], None, None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            seen = browser.evaluate(CANVAS_CELLS)
            if seen:
                last = seen
                c = counts(seen["cells"])
                history.append(c)
                if mid_run is None and c.get("pending", 0) > 0 and c.get("succeeded", 0) > 0:
                    mid_run = c
                    browser.screenshot(os.path.join(args.out, "wall-screen-mid-run.png"))
                if seen["state"].startswith("run ended") and c.get("pending", 0) == 0 and c.get("sending", 0) == 0:
                    break
            time.sleep(0.3)
        check(last is not None and last["state"].startswith("run ended"), "the page saw the run end")
        check(mid_run is not None, "mid-run, the page showed pending and warm cells at once: %s" % mid_run)
        warm = [h.get("succeeded", 0) for h in history]
        check(warm == sorted(warm) and warm[0] < warm[-1],
              "warm cells only grew, from %d to %d over %d looks" % (warm[0], warm[-1], len(warm)))
        check(len(history) >= 5, "%d looks at the page while it filled in" % len(history))
        browser.screenshot(os.path.join(args.out, "wall-screen-final.png"))

        wait_for(lambda: os.path.exists(report), 60, "the report")
        time.sleep(0.3)
        with open(report) as f:
            totals = json.load(f)["totals"]
        final = counts(last["cells"])
        for status in ["succeeded", "failed", "skipped", "not_started", "cancelled"]:
            check(final.get(status, 0) == totals[status],
                  "%s: %d cells on the canvas, %d in the report" % (status, final.get(status, 0), totals[status]))
            check(last["tiles"][status] == totals[status],
                  "%s: the page's total %d, the report's %d" % (status, last["tiles"][status], totals[status]))
        check(totals["failed"] >= 1 and totals["skipped"] >= 1, "the run has failed and skipped calls: %s" % totals)
        check("CodeRegionHasNoNode" in last["causes"], "the failures by cause name CodeRegionHasNoNode")
        check(last["inline_scripts"] == 0, "no inline script in the page")
        with urllib.request.urlopen(url + "status.json") as answer:
            status = json.load(answer)
        for name in ["succeeded", "failed", "skipped", "not_started", "cancelled"]:
            check(status["calls"][name] == totals[name],
                  "/status.json %s %d, the report %d" % (name, status["calls"][name], totals[name]))
        print("screenshots: " + os.path.abspath(args.out))
    finally:
        browser.close()
        run.send_signal(signal.SIGINT)
        check(run.wait(timeout=60) == 1, "the run exits 1 (TIB has no node)")
        emulator.terminate()
        emulator.wait(timeout=30)


MEASURE = """(async () => {
  const s = window.hotliveStats;
  const nav = performance.getEntriesByType("navigation")[0];
  return { grid_ms: s.gridMs, first_paint_ms: s.firstPaintMs, polls: s.polls,
           apply_ms: s.applyMs.slice(1), draw_ms: s.drawMs.slice(1), dom_loaded_ms: nav.domContentLoadedEventEnd };
})()"""


def measure(args, work, profile):
    """Three fresh loads of the page during one run of STREAMS streams × every region."""
    emulator, endpoint = start_emulator(args.hotlive, work)
    run, url, _ = start_run(args.hotlive, work, plan_text(endpoint, args.measure, ["all"], 200, 16))
    browser = Browser(args.chromium, profile, WIDTH, HEIGHT)
    figures = []
    try:
        for attempt in range(3):
            browser.navigate("about:blank")
            browser.navigate(url)
            wait_for(lambda: (browser.evaluate("window.hotliveStats && window.hotliveStats.polls") or 0) >= 11,
                     300, "ten updates")
            figures.append(browser.evaluate(MEASURE))
            f = figures[-1]
            print("load %d: grid %.0f ms, first paint at %.0f ms, per update: apply median %.2f ms max %.2f ms, "
                  "draw median %.2f ms max %.2f ms"
                  % (attempt + 1, f["grid_ms"], f["first_paint_ms"], statistics.median(f["apply_ms"]),
                     max(f["apply_ms"]), statistics.median(f["draw_ms"]), max(f["draw_ms"])), flush=True)
        browser.screenshot(os.path.join(args.out, "wall-screen-%d-streams.png" % args.measure))
    finally:
        browser.close()
        run.send_signal(signal.SIGKILL)
        run.wait()
        emulator.terminate()
        emulator.wait(timeout=30)

    def line(name, values):
        values = sorted(values)
        print("%-32s min %8.2f  median %8.2f  max %8.2f" % (name, values[0], statistics.median(values), values[-1]))

    line("grid download + set-up (ms)", [f["grid_ms"] for f in figures])
    line("first paint after load (ms)", [f["first_paint_ms"] for f in figures])
    line("update: apply, median (ms)", [statistics.median(f["apply_ms"]) for f in figures])
    line("update: draw, median (ms)", [statistics.median(f["draw_ms"]) for f in figures])
    line("update: apply + draw, max (ms)", [max(a + d for a, d in zip(f["apply_ms"], f["draw_ms"])) for f in figures])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hotlive", required=True)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--measure", type=int)
    args = parser.parse_args()
    args.hotlive = os.path.abspath(args.hotlive)
    if not (os.path.isfile(args.chromium) and os.access(args.chromium, os.X_OK)):
        sys.exit("%s is not installed: run scripts/bootstrap (apt-get install chromium)" % args.chromium)
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    work = tempfile.mkdtemp(prefix="hotlive-wall-")
    profile = tempfile.mkdtemp(prefix="hotlive-chromium-")
    try:
        (measure if args.measure else watch_a_run)(args, work, profile)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit("%d check(s) failed" % len(failures))


if __name__ == "__main__":
    main()
