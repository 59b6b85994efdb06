"""axe-core in a Playwright tab: the accessibility violations of a page as it stands.

axe-core comes from the npm registry (`package.json`, devDependencies; installed into
node_modules/ by `make install`), never from a CDN; it is run with its default rules (WCAG 2
A and AA, and its best practices)."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def violations(tab, within: str | None = None) -> list[tuple[str, list]]:
    """(rule, the first three elements that break it) for each rule the page — or the part of
    it the CSS selector `within` names — breaks."""
    if not tab.evaluate("typeof window.axe !== 'undefined'"):
        tab.evaluate(AXE.read_text(encoding="utf-8"))
    result = tab.evaluate(
        "within => axe.run(within ? {include: [[within]]} : document,"
        " {resultTypes: ['violations']})",
        within,
    )
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
