"""Every benchmark of orientest, one JSON object on standard output (`make bench`; `--quick`: the same, smaller).

    python bench/run.py [--quick]

Figures are medians of several runs, with their min and max where a run is repeated. See docs/performances.md.
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from bench import flows, matching, prefect_overhead, replies, sheets_requests, smtp  # noqa: E402

FULL = {
    "sizes": [10, 1000, 10000],
    "scale": (5000, 20000, 50000),
    "matching": (2000, 5000, 3),
    "prefect": (10000, 3),
    "smtp": (1000, 5),
    "flows_repeat": 3,
}
QUICK = {
    "sizes": [10, 50, 100],
    "scale": (50, 200, 500),
    "matching": (300, 750, 1),
    "prefect": (200, 1),
    "smtp": (200, 1),
    "flows_repeat": 1,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes: under a minute")
    plan = QUICK if parser.parse_args().quick else FULL
    started = time.perf_counter()
    requests, ambassadors, repeat = plan["matching"]
    result = {
        "sheets_requests": sheets_requests.measure(plan["sizes"]),
        "flows": flows.measure(*plan["scale"], repeat=plan["flows_repeat"]),
        "matching": matching.run(requests, ambassadors, repeat),
        "prefect_overhead": prefect_overhead.measure(*plan["prefect"]),
        "smtp": smtp.measure(*plan["smtp"]),
        "replies": replies.measure(plan["flows_repeat"]),
    }
    result["scale"] = dict(zip(("ambassadors", "requests", "feedback"), plan["scale"], strict=True))
    result["bench_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
