"""How a timed comparison is reported: the median ratio with its spread, and the median seconds of each side."""

import statistics


def compared(ours: list[float], theirs: list[float], their_name: str) -> dict:
    """`ours` against `theirs`, run for run."""
    ratios = [mine / other for mine, other in zip(ours, theirs, strict=True)]
    return {
        "ratio": round(statistics.median(ratios), 2),
        "ratio_min": round(min(ratios), 2),
        "ratio_max": round(max(ratios), 2),
        "seconds": round(statistics.median(ours), 2),
        f"{their_name}_seconds": round(statistics.median(theirs), 2),
    }


def summary(values: list[float]) -> dict:
    """The median of repeated runs, with the spread."""
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3), "max": round(max(values), 3)}
