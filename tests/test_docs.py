"""The repository's docs stand alone and list every API endpoint integrators can call."""

import re
from pathlib import Path

from drf_spectacular.generators import SchemaGenerator

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "DEVELOPERS.md", *sorted((ROOT / "docs").glob("**/*.md"))]


def test_no_doc_points_outside_the_repository():
    outside = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in DOCS
        for line in path.read_text().splitlines()
        if "../shared" in line
    ]
    assert outside == []


def test_every_relative_link_in_the_docs_leads_to_a_file():
    broken = []
    for path in DOCS:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text()):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (path.parent / target).exists():
                broken.append(f"{path.relative_to(ROOT)} -> {target}")
    assert broken == []


def test_docs_api_lists_every_path_of_the_schema():
    listed = (ROOT / "docs" / "api.md").read_text()
    schema = SchemaGenerator().get_schema(request=None, public=True)

    missing = [path for path in schema["paths"] if f"`{path}`" not in listed]

    assert missing == [], "add these endpoints to docs/api.md's table"
