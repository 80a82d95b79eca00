"""Journey: the alignment map on its own page: fit, zoom (buttons, keys, wheel, pinch), pan, focus a searched goal
with its path to the top, and export for a slide; and at phone width."""

import re

from playwright.sync_api import expect

from goals.models import Cycle, Goal, Phase, Tier
from tests.browser.conftest import PHONE, screenshot

WALL = {"width": 1366, "height": 768}


def zoom(page) -> float:
    return float(page.locator("#alignment-map").get_attribute("data-zoom"))


def inside(box: dict, frame: dict, slack: float = 1) -> bool:
    return (
        box["x"] >= frame["x"] - slack
        and box["y"] >= frame["y"] - slack
        and box["x"] + box["width"] <= frame["x"] + frame["width"] + slack
        and box["y"] + box["height"] <= frame["y"] + frame["height"] + slack
    )


def every_node_inside(page) -> bool:
    frame = page.locator("#alignment-map").bounding_box()
    return all(inside(node.bounding_box(), frame) for node in page.locator("#alignment-map .map-node").all())


def open_map(page, cycle: Cycle, goal: Goal | None = None) -> None:
    page.goto(f"/cycles/{cycle.pk}/map/" + (f"?map={goal.pk}" if goal else ""))
    expect(page.locator("#alignment-map .map-node").first).to_be_visible()


def test_the_map_fits_zooms_and_pans(open_page, demo_company):
    cycle = Cycle.objects.get(phase=Phase.ACTIVE)
    objective = Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE).order_by("tree_id").first()
    page = open_page("marcus.oyelaran", viewport=WALL)
    page.get_by_role("link", name="Explorer").click()
    page.get_by_role("link", name="Alignment map").first.click()
    expect(page).to_have_url(re.compile(rf"/cycles/{cycle.pk}/map/"))
    expect(page.locator("#alignment-map svg")).to_have_attribute(
        "aria-label", re.compile(rf"^Alignment map of {re.escape(objective.title)}: \d+ goals$")
    )
    assert every_node_inside(page)  # the first view fits the screen
    screenshot(page, "alignment-map", full_page=False)

    fitted = zoom(page)
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    assert zoom(page) > fitted * 1.5
    assert not every_node_inside(page)
    page.get_by_role("button", name="Fit to screen").click()
    assert zoom(page) == fitted and every_node_inside(page)

    page.locator("#alignment-map").focus()
    page.keyboard.press("+")
    assert zoom(page) > fitted
    page.keyboard.press("0")
    assert zoom(page) == fitted
    page.keyboard.press("-")
    assert zoom(page) < fitted

    box = page.locator("#alignment-map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    expect(page.locator("#alignment-map")).not_to_have_attribute("data-zoom", f"{fitted / 1.25:.3f}")

    root = page.locator(f'#alignment-map [data-goal-id="{objective.pk}"]')
    before = root.bounding_box()
    page.mouse.move(box["x"] + 8, box["y"] + 8)
    page.mouse.down()
    page.mouse.move(box["x"] + 130, box["y"] + 70, steps=6)
    page.mouse.up()
    after = root.bounding_box()
    assert round(after["x"] - before["x"]) == 122 and round(after["y"] - before["y"]) == 62
    assert page.javascript_errors == []


def test_two_fingers_pinch_to_zoom(open_page, demo_company):
    cycle = Cycle.objects.get(phase=Phase.ACTIVE)
    page = open_page("marcus.oyelaran", viewport=WALL)
    open_map(page, cycle)
    fitted = zoom(page)
    box = page.locator("#alignment-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def finger(kind: str, pointer: int, x: float, y: float) -> None:
        page.dispatch_event(
            "#alignment-map",
            kind,
            {"pointerId": pointer, "pointerType": "touch", "clientX": x, "clientY": y, "isPrimary": pointer == 1},
        )

    finger("pointerdown", 1, cx - 20, cy)
    finger("pointerdown", 2, cx + 20, cy)
    finger("pointermove", 1, cx - 60, cy)
    finger("pointermove", 2, cx + 60, cy)
    finger("pointerup", 1, cx - 60, cy)
    finger("pointerup", 2, cx + 60, cy)
    assert abs(zoom(page) - fitted * 3) < 0.01  # the fingers moved three times as far apart
    assert page.javascript_errors == []


def test_a_searched_goal_is_focused_with_its_path_to_the_top(open_page, demo_company):
    cycle = Cycle.objects.get(phase=Phase.ACTIVE)
    rep_goal = Goal.objects.get(cycle=cycle, owner__username="alex.rivera", metric="new ARR")
    page = open_page("marcus.oyelaran", viewport=WALL)
    open_map(page, cycle)

    page.get_by_label("Find a goal on the map").fill(rep_goal.title)
    option = page.get_by_role("option", name=re.compile(re.escape(rep_goal.title)))
    option.click()

    node = page.locator(f'#alignment-map [data-goal-id="{rep_goal.pk}"]')
    expect(node).to_have_class(re.compile(r"\bis-selected\b"))
    ancestors = list(rep_goal.get_ancestors())
    path = page.locator("#alignment-map .map-node.is-on-path")
    expect(path).to_have_count(len(ancestors))
    for ancestor in ancestors:
        expect(page.locator(f'#alignment-map [data-goal-id="{ancestor.pk}"]')).to_have_class(
            re.compile(r"\bis-on-path\b")
        )
    expect(page.locator("#alignment-map path.is-on-path")).to_have_count(len(ancestors))
    assert inside(node.bounding_box(), page.locator("#alignment-map").bounding_box())
    expect(page.locator("#map-status")).to_contain_text(rep_goal.title)
    screenshot(page, "alignment-map-focused", full_page=False)

    # A goal outside the drawn tree: the map opens on its parent, so its siblings show too.
    elsewhere = (
        Goal.objects.filter(cycle=cycle, tier=Tier.MANAGER).exclude(tree_id=rep_goal.tree_id).order_by("tree_id", "lft")
    ).first()
    page.get_by_label("Find a goal on the map").fill(elsewhere.title)
    page.get_by_role("option", name=re.compile(re.escape(elsewhere.title))).click()
    expect(page.locator(f'#alignment-map [data-goal-id="{elsewhere.pk}"]')).to_have_class(
        re.compile(r"\bis-selected\b")
    )
    assert f"map={elsewhere.parent_id}" in page.url
    expect(page.locator("#alignment-map .map-node.is-on-path")).to_have_count(elsewhere.get_ancestors().count())
    assert page.javascript_errors == []


def test_the_map_exports_as_svg_and_png(open_page, demo_company, tmp_path):
    cycle = Cycle.objects.get(phase=Phase.ACTIVE)
    objective = Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE).order_by("tree_id").first()
    page = open_page("marcus.oyelaran", viewport=WALL)
    open_map(page, cycle)
    drawn = page.locator("#alignment-map .map-node").count()

    with page.expect_download() as svg_download:
        page.get_by_role("button", name="Export SVG").click()
    assert svg_download.value.suggested_filename.startswith(
        "alignment-map-"
    ) and svg_download.value.suggested_filename.endswith(".svg")
    svg_file = tmp_path / "map.svg"
    svg_download.value.save_as(svg_file)
    text = svg_file.read_text()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>') and 'xmlns="http://www.w3.org/2000/svg"' in text
    assert text.count('class="map-node ') == drawn and objective.title[:20] in text
    assert 'fill="#e3f4ea"' in text or 'fill="#fdf1dc"' in text  # colours travel with the picture
    assert "tabindex" not in text and 'transform="translate(' in text

    with page.expect_download() as png_download:
        page.get_by_role("button", name="Export PNG").click()
    assert png_download.value.suggested_filename.endswith(".png")
    png_file = tmp_path / "map.png"
    png_download.value.save_as(png_file)
    data = png_file.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert page.javascript_errors == []


def test_the_map_at_phone_width(open_page, demo_company):
    cycle = Cycle.objects.get(phase=Phase.ACTIVE)
    page = open_page("jordan.blake", viewport=PHONE)
    open_map(page, cycle)
    assert page.locator("#alignment-map .map-node").count() > 2
    assert every_node_inside(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "alignment-map-phone", full_page=False)
    assert page.javascript_errors == []
