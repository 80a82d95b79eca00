"""The header fits one line at desktop widths for every role; on a phone, home puts the check-in near the top."""

import pytest

from tests.browser.conftest import PHONE, screenshot

DESKTOP_WIDTHS = [1366, 1920]
# Staff see the most links (the audit trail and the admin besides an executive's).
PEOPLE = {"rep": "alex.rivera", "manager": "jordan.blake", "executive": "marcus.oyelaran", "staff": "admin"}


def header_rows(page) -> dict:
    """The header's boxes: its height, and the top and bottom of every item on its line."""
    return page.evaluate(
        """() => {
        const inner = document.querySelector('.site-header__inner');
        const parts = [inner.querySelector('.brand'), ...inner.querySelectorAll('.site-nav li'),
                       ...inner.querySelectorAll('.site-header__menu > *:not(nav)')];
        const boxes = parts.map((el) => el.getBoundingClientRect()).filter((box) => box.width > 0);
        return {
            height: inner.getBoundingClientRect().height,
            tops: boxes.map((box) => Math.round(box.top)),
            bottoms: boxes.map((box) => Math.round(box.bottom)),
            items: inner.querySelectorAll('.site-nav li').length,
            overflow: inner.scrollWidth - inner.clientWidth,
        };
    }"""
    )


@pytest.mark.parametrize("width", DESKTOP_WIDTHS)
@pytest.mark.parametrize("role", list(PEOPLE))
def test_the_header_is_one_line(open_page, demo_company, role, width):
    page = open_page(PEOPLE[role], viewport={"width": width, "height": 900})
    header = header_rows(page)
    screenshot(page, f"header-{role}-{width}", full_page=False)
    assert header["items"] >= 7
    # every item sits on the same line: no box starts below another box's bottom
    assert min(header["bottoms"]) > max(header["tops"]), header
    assert header["height"] < 64, header
    assert header["overflow"] <= 0, header


def test_home_on_a_phone_puts_the_check_in_near_the_top(open_page, demo_company):
    page = open_page("alex.rivera", viewport=PHONE)
    screenshot(page, "home-phone")
    check_in = page.locator("#check-in")
    top = check_in.bounding_box()["y"]
    assert top < 900, f"the check-in starts {top:.0f} px down the page"
    value = page.get_by_label("New current value")
    assert value.bounding_box()["y"] < 1300
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 4500, f"home is {height} px tall at 390 px"
