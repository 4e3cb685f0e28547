#!/usr/bin/env python3
"""What a run sharing the account's quota did, read from its report and the emulator's log.

  sharing.py REPORT LOG [--stopped-at SECONDS]

Prints one line of JSON: the calls, those failed, the attempts answered Throttling (the report's
throttled_attempts), the first to last request on the emulator (t_ms), and with --stopped-at (when
the emulator's other client stopped, in seconds from the emulator's start, the log's origin) how
long after that hotlive first had 8 or more warm calls within one second (null if never).
"""
import argparse
import json


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("log")
    parser.add_argument("--stopped-at", type=float)
    args = parser.parse_args()

    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    with open(args.log, encoding="utf-8") as f:
        wire = [json.loads(line) for line in f if line.strip()]
    times = sorted(r["t_ms"] for r in wire)
    warm = sorted(r["t_ms"] for r in wire if r["verdict"] == "success")
    result = {
        "calls": report["totals"]["calls"],
        "failed": report["totals"]["failed"],
        "throttled": report["totals"]["throttled_attempts"],
        "span_s": round((times[-1] - times[0]) / 1000, 1) if times else 0,
    }
    if args.stopped_at is not None:
        stop_ms = int(args.stopped_at * 1000)
        back = None
        # Each warm call after the stop ends a one-second window: the first that holds 8.
        first = 0
        for last, t in enumerate(warm):
            while warm[first] <= t - 1000:
                first += 1
            if t >= stop_ms and last - first + 1 >= 8:
                back = round((t - stop_ms) / 1000, 1)
                break
        result["pace_back_s"] = back
    print(json.dumps(result))


if __name__ == "__main__":
    main()
