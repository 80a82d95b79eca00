"""Cascade's page components: ``{% load ui %}`` and use them on any page.

    {% progress_bar goal.progress %}                      one bar, "42%"
    {% progress_bar goal.progress goal.rolled_up_progress %}  own progress and the roll-up below it
    {% progress_bar 0.4 0.6 compact=True %}               slim version for tree rows and tables
    {% status_badge goal %}  {% status_badge assumption %}  {% status_badge "draft" %}
    {% tier_badge goal %}    {% tier_badge "rep" %}
    {% flag_badge flag %}    (kind, severity colour, message as tooltip)
    {% confidence_badge checkin %}  {% confidence_badge goal.confidence %}
    {% form_field form.title %}   label, widget, help text and the error next to it
    {% form_errors form %}        errors that belong to no single field
    {% empty_state "No goals yet" "Draft one and link it to your manager's goal." url "Draft a goal" %}
    {% pagination page_obj %}     keeps the other query parameters (filters, search)
    {{ goal.target|amount:goal.unit }}  "$1,200,000", "8.5%", "12 deals";  {{ 0.42|percent }} "42%"
    {{ goal|standing }}  "$180,925.10 of $612,345", "8.1%, aiming down to 7%";  {{ goal|target_words }} "down to 7%"

Badges take a model instance (using its ``get_<field>_display``) or a raw value, so
other apps' objects with a ``status`` (assumptions, challenges) get the same look. The
templates live in ``core/templates/components/``; each starts with a short note.
"""

from django import forms, template
from django.urls import reverse
from django.utils.http import urlencode

from core.formatting import format_amount
from core.parsing import parse_id

register = template.Library()


def _as_percent(value) -> int | None:
    if value is None or value == "":
        return None
    return round(max(0.0, min(1.0, float(value))) * 100)


def _label(value: str) -> str:
    return str(value).replace("_", " ").capitalize()


def _choice(obj, field: str, label: str | None) -> tuple[str, str]:
    """(value, label) of a choice field, from a model instance or from a raw value."""
    if hasattr(obj, field):
        value = getattr(obj, field)
        display = getattr(obj, f"get_{field}_display", None)
        return str(value), label or (display() if display else _label(value))
    return str(obj or ""), label or _label(obj or "")


@register.inclusion_tag("components/progress_bar.html")
def progress_bar(progress, rolled_up=None, compact: bool = False, label: str = "Progress") -> dict:
    """A goal's own progress (0..1) and, when given, its rolled-up progress."""
    return {
        "own": _as_percent(progress),
        "rolled_up": _as_percent(rolled_up),
        "compact": compact,
        "label": label,
    }


@register.inclusion_tag("components/badge.html")
def status_badge(obj, label: str | None = None) -> dict:
    value, text = _choice(obj, "status", label)
    return {"kind": "status", "value": value, "text": text}


@register.inclusion_tag("components/badge.html")
def tier_badge(obj, label: str | None = None) -> dict:
    value, text = _choice(obj, "tier", label)
    return {"kind": "tier", "value": value, "text": text}


@register.inclusion_tag("components/badge.html")
def confidence_badge(obj, label: str | None = None) -> dict:
    value, text = _choice(obj, "confidence", label)
    return {"kind": "confidence", "value": value, "text": text if value else "No check-in yet"}


@register.inclusion_tag("components/badge.html")
def flag_badge(flag) -> dict:
    """An open alignment flag: its kind, coloured by severity, with the scan's message as tooltip."""
    return {
        "kind": "flag",
        "value": flag.severity,
        "text": flag.get_kind_display(),
        "title": flag.message,
    }


def _described_widget(bound_field: forms.BoundField, describers: list[str]) -> str:
    attrs = {}
    if describers:
        attrs["aria-describedby"] = " ".join(describers)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.inclusion_tag("components/form_field.html")
def form_field(bound_field: forms.BoundField, label: str | None = None, hide_label: bool = False) -> dict:
    """A labelled field with its help text and its error right beside it; a bound form keeps what was typed."""
    auto_id = bound_field.auto_id or f"id_{bound_field.html_name}"
    help_id = f"{auto_id}_help" if bound_field.help_text else None
    error_id = f"{auto_id}_error" if bound_field.errors else None
    widget = bound_field.field.widget
    return {
        "field": bound_field,
        "label": label or bound_field.label,
        "hide_label": hide_label,
        "widget_html": _described_widget(bound_field, [i for i in (error_id, help_id) if i]),
        "help_id": help_id,
        "error_id": error_id,
        "is_checkbox": isinstance(widget, forms.CheckboxInput),
        "is_choice_list": isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple),
        "required": bound_field.field.required,
    }


@register.inclusion_tag("components/form_errors.html")
def form_errors(form: forms.BaseForm) -> dict:
    return {"errors": form.non_field_errors()}


@register.inclusion_tag("components/empty_state.html")
def empty_state(title: str, message: str = "", action_url: str = "", action_label: str = "") -> dict:
    return {"title": title, "message": message, "action_url": action_url, "action_label": action_label}


@register.inclusion_tag("components/cycle_switcher.html")
def cycle_switcher(cycles, current, url_name: str = "", by_query: bool = False, label: str = "Cycles", css: str = ""):
    """Buttons to this page in each other cycle, the current one marked; nothing when there is only one.

    The page is ``url_name`` taking the cycle's id, or with ``by_query`` (or no name: this page)
    the cycle as ``?cycle=``.
    """

    def url(cycle) -> str:
        if url_name and not by_query:
            return reverse(url_name, args=[cycle.pk])
        return f"{reverse(url_name) if url_name else ''}?cycle={cycle.pk}"

    links = [{"name": cycle.name, "url": url(cycle), "current": cycle.pk == current.pk} for cycle in cycles]
    return {"links": links, "label": label, "css": css}


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, page_obj, param: str = "page") -> dict:
    """Previous/next links and the position; other query parameters (filters, search) are kept."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else {}

    def page_url(number: int) -> str:
        params = query.copy() if hasattr(query, "copy") else {}
        params[param] = number
        return "?" + (params.urlencode() if hasattr(params, "urlencode") else urlencode(params))

    return {
        "page_obj": page_obj,
        "previous_url": page_url(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": page_url(page_obj.next_page_number()) if page_obj.has_next() else "",
    }


@register.filter
def amount(value, unit: str = "") -> str:
    """1200000|amount:"USD" -> "$1,200,000"; 8.5|amount:"%" -> "8.5%"; 12|amount:"deals" -> "12 deals"."""
    return format_amount(value, unit)


@register.filter
def target_words(goal) -> str:
    """A goal's target as its direction reads: "$612,345", "down to 7%", "between 90% and 95%"."""
    direction = getattr(goal, "direction", "increase")
    if direction == "stay_within":
        low, high = sorted((goal.baseline, goal.target))
        return f"between {format_amount(low, goal.unit)} and {format_amount(high, goal.unit)}"
    target = format_amount(goal.target, goal.unit)
    return f"down to {target}" if direction == "decrease" else target


@register.filter
def standing(goal) -> str:
    """Where a goal stands against its target: "$180,925.10 of $612,345", "8.1%, aiming down to 7%"."""
    current = format_amount(goal.current, goal.unit)
    if getattr(goal, "direction", "increase") == "increase":
        return f"{current} of {format_amount(goal.target, goal.unit)}"
    return f"{current}, aiming {target_words(goal)}"


@register.filter
def percent(value) -> str:
    """0.423 -> "42%"."""
    number = _as_percent(value)
    return "" if number is None else f"{number}%"


@register.filter
def undo_deletion_id(message) -> int | str:
    """The deletion a flash message offers to undo (``extra_tags="undo-<id>"``), or ""."""
    for tag in (getattr(message, "extra_tags", "") or "").split():
        if tag.startswith("undo-") and (deletion_id := parse_id(tag[5:])):
            return deletion_id
    return ""
