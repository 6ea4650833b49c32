"""`docs/statuts.md`, written from the lifecycles: `python -m cli.status_docs > docs/statuts.md` (a test checks it)."""

from orientest.statuses.ambassadors import LIFECYCLE as AMBASSADOR
from orientest.statuses.lifecycle import UNSET, Lifecycle
from orientest.statuses.proposals import LIFECYCLE as PROPOSAL
from orientest.statuses.requests import LIFECYCLE as REQUEST

LIFECYCLES = (REQUEST, AMBASSADOR, PROPOSAL)
INTRODUCTION = """\
Écrit à partir du code (`orientest/statuses/`) par `python -m cli.status_docs > docs/statuts.md` ;
un test vérifie que ce fichier est à jour. Un flux ne fait que les changements listés ici ; l'équipe peut
toujours corriger un statut à la main dans le classeur, et les flux repartent de ce qu'elle a écrit."""


def _status(status: str) -> str:
    return "(vide)" if status == UNSET else f"`{status}`"


def _sources(lifecycle: Lifecycle, transition) -> str:
    if transition.sources is None:
        excluded = ", ".join(_status(s) for s in lifecycle.statuses if s in transition.unless)
        return "tout statut" + (f" sauf {excluded}" if excluded else "")
    ordered = [s for s in (UNSET, *lifecycle.statuses) if s in transition.sources]
    return ", ".join(_status(s) for s in ordered)


def markdown() -> str:
    lines = ["# Statuts et transitions", "", INTRODUCTION, ""]
    for lifecycle in LIFECYCLES:
        lines += [
            f"## Une {lifecycle.kind}" if lifecycle.kind in ("demande", "proposition") else f"## Un {lifecycle.kind}",
            "",
            "Statuts : " + ", ".join(_status(s) for s in lifecycle.statuses) + ".",
            "",
            "| changement | depuis | vers | quand |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| {t.name} | {_sources(lifecycle, t)} | {_status(t.target)} | {t.reason} |" for t in lifecycle.transitions
        ]
        if lifecycle.by_staff:
            lines += ["", "Par l'équipe seulement :", ""] + [f"- {change}" for change in lifecycle.by_staff]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
