#!/usr/bin/env python3
"""The HTML report in a real browser: Debian's headless Chromium renders a report of a few hundred
calls; the test checks the DOM it built (cells per status and their computed colours, where they
landed) and keeps a screenshot as a build artefact.

Usage: html_report_browser_test.py --sample EXE --chromium PATH --harness FILE --out DIR

A missing Chromium is a failure, not a skip: scripts/bootstrap installs it.
"""
import argparse
import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

# The page's status colours (src/report/html.cpp), as getComputedStyle writes them.
EXPECTED_COLOURS = {
    "succeeded": "rgb(26, 127, 55)",
    "failed": "rgb(207, 34, 46)",
    "not_started": "rgb(110, 119, 129)",
    "cancelled": "rgb(212, 167, 44)",
    "skipped": "rgb(130, 80, 223)",
}
WIDTH, HEIGHT = 1600, 1000
# A laptop-sized window and a report as wide as the 34 provinces and one country: every call that
# is not warm must be within the window's width, no horizontal scroll needed.
NARROW_WIDTH, NARROW_HEIGHT, NARROW_STREAMS, NARROW_REGIONS = 1400, 900, 20, 35
BROWSER_TIMEOUT_S = 180  # generous: the machine is shared

failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def chromium(binary, profile, *args):
    """Runs headless Chromium with the flags that work in a sandboxed container; returns stdout."""
    command = [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=BROWSER_TIMEOUT_S)
    if done.returncode != 0:
        sys.exit("chromium exited with %d:\n%s" % (done.returncode, done.stderr[-4000:]))
    return done.stdout


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def render_in_harness(binary, profile, out, harness, sample_args, width, height):
    """Writes the sample report into `out`, loads it in the harness at width x height; returns what
    the sample expected and what the harness saw."""
    os.makedirs(out, exist_ok=True)
    sample = subprocess.run(sample_args, capture_output=True, text=True, check=True)
    print(sample.stdout.strip())
    with open(os.path.join(out, "expected.json")) as f:
        expected = json.load(f)
    shutil.copy(harness, os.path.join(out, "harness.html"))
    harness_url = "file://%s?width=%d&height=%d" % (os.path.abspath(os.path.join(out, "harness.html")), width, height)
    dom = chromium(binary, profile, "--allow-file-access-from-files", "--dump-dom", harness_url)
    match = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    if match is None:
        sys.exit("no #result in the harness's DOM:\n" + dom[:4000])
    text = html.unescape(match.group(1))
    try:
        seen = json.loads(text)
    except json.JSONDecodeError:
        sys.exit("the harness said: " + text)
    with open(os.path.join(out, "dom.json"), "w") as f:
        json.dump(seen, f, indent=1)
    return expected, seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", required=True)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--harness", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    if not (os.path.isfile(args.chromium) and os.access(args.chromium, os.X_OK)):
        sys.exit("%s is not installed: run scripts/bootstrap (apt-get install chromium)" % args.chromium)

    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    report_url = "file://" + os.path.abspath(os.path.join(args.out, "report.html"))

    profile = tempfile.mkdtemp(prefix="hotlive-chromium-")
    try:
        expected, seen = render_in_harness(args.chromium, profile, args.out, args.harness,
                                           [args.sample, args.out], WIDTH, HEIGHT)

        check(seen["cells"] == expected["cells"], "%d cells, expected %d" % (seen["cells"], expected["cells"]))
        check(seen["rows"] == expected["rows"], "%d rows, expected %d" % (seen["rows"], expected["rows"]))
        check(seen["columns"] == expected["columns"],
              "%d columns, expected %d" % (seen["columns"], expected["columns"]))
        check(seen["zero_sized"] == 0, "%d cells laid out with no size" % seen["zero_sized"])
        check(seen["distinct_places"] == seen["cells"],
              "%d cells in %d distinct places" % (seen["cells"], seen["distinct_places"]))
        for status, count in expected["by_status"].items():
            entry = seen["by_status"].get(status, {"count": 0, "colours": {}, "wrong_class": 0})
            check(entry["count"] == count, "%s: %d cells, expected %d" % (status, entry["count"], count))
            check(entry["wrong_class"] == 0, "%s: %d cells without class status-%s" % (status, entry["wrong_class"], status))
            colours = entry["colours"]
            check(list(colours) == [EXPECTED_COLOURS[status]],
                  "%s: computed background %s, expected %s" % (status, colours, EXPECTED_COLOURS[status]))
        check(len(set(EXPECTED_COLOURS.values())) == 5, "five distinct status colours")
        check(seen["legend"] == EXPECTED_COLOURS,
              "the legend shows each status in its colour: %s" % seen["legend"])
        check(seen["scripts"] == 0, "%d script elements in the report" % seen["scripts"])
        check(seen["title"] == "hotlive: new-year-gala-2027", "the page's title is %r" % seen["title"])
        check(expected["hostile_stream"] in seen["row_names"], "the hostile stream name is a row's text")

        screenshot = os.path.join(args.out, "screenshot.png")
        chromium(args.chromium, profile, "--hide-scrollbars", "--window-size=%d,%d" % (WIDTH, HEIGHT),
                 "--screenshot=" + screenshot, report_url)
        size = png_size(screenshot) if os.path.exists(screenshot) else None
        check(size == (WIDTH, HEIGHT), "screenshot is a %dx%d PNG (got %s)" % (WIDTH, HEIGHT, size))
        check(size is not None and os.path.getsize(screenshot) > 20000,
              "screenshot has content (%d bytes)" % (os.path.getsize(screenshot) if size else 0))
        print("screenshot: " + os.path.abspath(screenshot))

        narrow_out = os.path.join(args.out, "narrow")
        expected, seen = render_in_harness(
            args.chromium, profile, narrow_out, args.harness,
            [args.sample, narrow_out, str(NARROW_STREAMS), str(NARROW_REGIONS)], NARROW_WIDTH, NARROW_HEIGHT)
        check(seen["columns"] == NARROW_REGIONS, "%d columns, expected %d" % (seen["columns"], NARROW_REGIONS))
        check(seen["failed_in_last_five_columns"] > 0,
              "%d failed calls in the last five columns" % seen["failed_in_last_five_columns"])
        check(seen["not_warm_beyond_width"] == [],
              "at %dx%d, calls not warm beyond the window's %d visible pixels: %s"
              % (NARROW_WIDTH, NARROW_HEIGHT, seen["visible_width"], seen["not_warm_beyond_width"][:5]))
        check(seen["scroll_width"] <= seen["visible_width"],
              "no horizontal scroll at %dx%d (page %d px wide, %d visible)"
              % (NARROW_WIDTH, NARROW_HEIGHT, seen["scroll_width"], seen["visible_width"]))
        narrow_screenshot = os.path.join(narrow_out, "screenshot.png")
        chromium(args.chromium, profile, "--hide-scrollbars", "--window-size=%d,%d" % (NARROW_WIDTH, NARROW_HEIGHT),
                 "--screenshot=" + narrow_screenshot, "file://" + os.path.abspath(os.path.join(narrow_out, "report.html")))
        print("screenshot: " + os.path.abspath(narrow_screenshot))
    finally:
        shutil.rmtree(profile, ignore_errors=True)

    if failures:
        sys.exit("%d check(s) failed" % len(failures))


if __name__ == "__main__":
    main()
