"""The shared page components render what they are given, accessibly."""

from decimal import Decimal

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from goals.models import Status
from tests.factories import AlignmentFlagFactory, GoalFactory


def render(source: str, **context) -> str:
    return Template("{% load ui %}" + source).render(Context(context))


def test_progress_bar_shows_own_and_rolled_up_progress_as_percentages():
    html = render("{% progress_bar 0.423 0.61 %}")
    assert 'aria-valuenow="42"' in html
    assert 'aria-valuenow="61"' in html
    assert "rolled up" in html


def test_progress_bar_clamps_values_outside_zero_to_one():
    html = render("{% progress_bar 1.7 %}")
    assert 'aria-valuenow="100"' in html
    assert "rolled up" not in html


@pytest.mark.django_db
def test_status_and_tier_badges_use_the_models_labels(cascade):
    html = render("{% status_badge goal %} {% tier_badge goal %}", goal=cascade.objective)
    assert "badge--status-approved" in html and ">Approved<" in html
    assert "badge--tier-corporate" in html and "Corporate objective" in html


def test_badges_accept_raw_values_from_any_app():
    html = render('{% status_badge "under_review" %} {% confidence_badge "at_risk" %}')
    assert "badge--status-under_review" in html and "Under review" in html
    assert "badge--confidence-at_risk" in html and "At risk" in html


def test_a_goal_without_check_ins_says_so_on_its_confidence_badge():
    assert "No check-in yet" in render('{% confidence_badge "" %}')


@pytest.mark.django_db
def test_flag_badge_names_the_kind_and_explains_it_in_a_tooltip():
    flag = AlignmentFlagFactory(goal=GoalFactory(status=Status.DRAFT), message="Not linked to any objective.")
    html = render("{% flag_badge flag %}", flag=flag)
    assert "Orphan" in html
    assert 'title="Not linked to any objective."' in html
    assert "badge--flag-warning" in html


class TargetForm(forms.Form):
    target = forms.DecimalField(help_text="What counts as done.")
    shared = forms.BooleanField(required=False, label="Share with the team")


def test_form_field_shows_the_error_beside_the_field_and_keeps_what_was_typed():
    form = TargetForm(data={"target": "lots"})
    assert not form.is_valid()
    html = render("{% form_field form.target %}", form=form)
    assert 'value="lots"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_target_error id_target_help"' in html
    assert '<ul class="field__errors" id="id_target_error"><li>Enter a number.</li></ul>' in html
    assert '<label for="id_target">Target' in html


def test_form_field_puts_a_checkbox_before_its_label():
    html = render("{% form_field form.shared %}", form=TargetForm())
    assert html.index('type="checkbox"') < html.index("Share with the team")
    assert "field--checkbox" in html


def test_form_errors_lists_errors_of_no_single_field():
    form = TargetForm(data={"target": "5"})
    form.is_valid()
    form.add_error(None, "This goal's cycle is closed.")
    html = render("{% form_errors form %}", form=form)
    assert 'role="alert"' in html and "This goal&#x27;s cycle is closed." in html


def test_empty_state_offers_its_one_action():
    html = render('{% empty_state "No goals yet" "Draft one." "/goals/new/" "Draft a goal" %}')
    assert "No goals yet" in html
    assert '<a class="button button--primary" href="/goals/new/">Draft a goal</a>' in html


def test_pagination_keeps_filters_in_its_links():
    page = Paginator(list(range(60)), 25).page(2)
    request = RequestFactory().get("/explorer/", {"q": "ARR", "tier": "rep", "page": "2"})
    html = render("{% pagination page %}", page=page, request=request)
    assert "Page 2 of 3" in html
    assert 'href="?q=ARR&amp;tier=rep&amp;page=1"' in html
    assert 'href="?q=ARR&amp;tier=rep&amp;page=3"' in html


def test_pagination_is_silent_on_a_single_page():
    page = Paginator([1, 2], 25).page(1)
    assert render("{% pagination page %}", page=page).strip() == ""


def test_percent_filter_rounds_to_whole_percent():
    assert render("{{ value|percent }}", value=Decimal("0.426")) == "43%"
