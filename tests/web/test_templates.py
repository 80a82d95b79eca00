"""Template hygiene: comments that Django would print as text."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_template_has_a_multi_line_short_comment():
    offenders = []
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        for number, line in enumerate(template.read_text().splitlines(), start=1):
            if "{#" in line and "#}" not in line[line.index("{#") :]:
                offenders.append(f"{template.relative_to(ROOT)}:{number}")
    assert offenders == [], "{# ... #} must close on its line; use {% comment %} for longer notes"
