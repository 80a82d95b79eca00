"""The vendored d3-hierarchy is the version package.json pins, shipped with its licence."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "static" / "vendor" / "d3-hierarchy"


def test_vendored_d3_hierarchy_matches_the_pinned_version_and_keeps_its_licence():
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["d3-hierarchy"]
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/d3-hierarchy"]
    assert locked["version"] == pinned
    assert (VENDOR / "VERSION").read_text().startswith(f"d3-hierarchy {pinned} (ISC)")
    assert f"v{pinned} Copyright" in (VENDOR / "d3-hierarchy.min.js").read_text().splitlines()[0]
    licence = (VENDOR / "LICENSE").read_text()
    assert "Mike Bostock" in licence and "Permission to use, copy, modify" in licence


def test_the_explorer_page_loads_the_vendored_copy_not_a_cdn():
    template = (ROOT / "goals" / "templates" / "goals" / "explorer" / "explorer.html").read_text()
    assert "{% static 'vendor/d3-hierarchy/d3-hierarchy.min.js' %}" in template
    assert "cdn" not in template.lower() and "https://" not in template
