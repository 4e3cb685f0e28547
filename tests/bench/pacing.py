#!/usr/bin/env python3
"""Pacing on the wire, read from the emulator's request log (`hotlive emulate --log FILE`).

  pacing.py LOG --rate R [--burst B] [--json]

Every logged request counts (retries and throttled ones included: the account's quota counts
them too). Prints the requests, the time from the first to the last request as the emulator saw
them (t_ms, millisecond resolution), the ideal (N-B)/rate (the first B requests may leave at
once, each later one 1/rate after the one before), the deviation from it in percent, and the most
requests in any 1-second sliding window (t-1000 ms, t], to compare with rate + burst.
"""
import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--burst", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="one line of JSON instead of text")
    args = parser.parse_args()

    with open(args.log, encoding="utf-8") as log:
        times = sorted(json.loads(line)["t_ms"] for line in log if line.strip())
    if len(times) < 2:
        sys.exit(f"pacing: {args.log} holds {len(times)} requests; need at least 2")

    n = len(times)
    span_s = (times[-1] - times[0]) / 1000
    # The first `burst` requests may leave at once; each later one waits 1/rate.
    ideal_s = (n - args.burst) / args.rate
    deviation = 100 * (span_s - ideal_s) / ideal_s
    window_max, first = 0, 0
    for last, t in enumerate(times):
        while times[first] <= t - 1000:
            first += 1
        window_max = max(window_max, last - first + 1)

    result = {"requests": n, "span_s": round(span_s, 3), "ideal_s": round(ideal_s, 3),
              "deviation_pct": round(deviation, 2), "max_per_1s_window": window_max,
              "limit_per_1s_window": int(args.rate) + args.burst}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{n} requests in {span_s:.3f} s first to last (ideal {ideal_s:.3f} s at {args.rate:g}/s, "
              f"burst {args.burst}): {deviation:+.2f} %; at most {window_max} in any 1 s window "
              f"(limit {result['limit_per_1s_window']})")


if __name__ == "__main__":
    main()
