"""Every page shares one layout: the main navigation, htmx with CSRF, a phone-width menu."""

import pytest

from core.navigation import MAIN_NAVIGATION

pytestmark = pytest.mark.django_db


def test_signed_out_pages_show_no_navigation(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'aria-label="Main"' not in html
    assert "Sign out" not in html


def test_signed_in_pages_show_the_main_navigation_with_the_current_page_marked(client, people):
    client.force_login(people.rep)
    html = client.get("/accounts/password_change/").content.decode()
    assert 'aria-label="Main"' in html
    for item in MAIN_NAVIGATION:
        if item.shown_to is None:
            assert f">{item.label}</a>" in html
    assert "Riley Rep" in html
    assert html.count('aria-current="page"') == 0  # the password page belongs to no section


def test_htmx_is_loaded_and_sends_the_csrf_token(client, people):
    client.force_login(people.rep)
    response = client.get("/accounts/password_change/")
    html = response.content.decode()
    assert "django_htmx/htmx-2.min.js" in html
    token = response.context["csrf_token"]
    assert f'hx-headers=\'{{"X-CSRFToken": "{token}"}}\'' in html


def test_phone_width_menu_has_an_accessible_toggle(client, people):
    client.force_login(people.rep)
    html = client.get("/accounts/password_change/").content.decode()
    assert 'class="nav-toggle" aria-controls="site-nav" aria-expanded="false"' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert '<a class="skip-link" href="#main">' in html
