#!/usr/bin/env python3
"""How often a run called some functions, from a callgrind output file (callgrind_annotate does
not print call counts): every "calls=N" line under a "cfn=" naming a callee adds N to it.

Usage: callgrind_calls.py CALLGRIND_OUT LABEL=REGEX...
Prints one line: LABEL=COUNT for each, the calls to every function whose name matches REGEX
(Python re.search) summed.
"""
import re
import sys


def main():
    path, wanted = sys.argv[1], [arg.split("=", 1) for arg in sys.argv[2:]]
    patterns = [(label, re.compile(regex)) for label, regex in wanted]
    names = {}  # "(id)" -> name: callgrind names a function in full once, by id afterwards
    counts = {label: 0 for label, _ in wanted}
    callee = None
    with open(path, encoding="utf-8", errors="replace") as out:
        for line in out:
            if line.startswith(("cfn=", "fn=")):
                spec = line.split("=", 1)[1].strip()
                match = re.match(r"(\(\d+\))(?: (.*))?$", spec)
                name = spec
                if match:
                    if match.group(2) is not None:
                        names[match.group(1)] = match.group(2)
                    name = names.get(match.group(1), spec)
                callee = name if line.startswith("cfn=") else None
            elif line.startswith("calls=") and callee is not None:
                calls = int(line.split("=", 1)[1].split()[0])
                for label, pattern in patterns:
                    if pattern.search(callee):
                        counts[label] += calls
                callee = None
    print(" ".join(f"{label}={counts[label]}" for label, _ in wanted))


if __name__ == "__main__":
    main()
