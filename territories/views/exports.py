"""The printable page of a plan and its PDF export (WeasyPrint renders the same page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify

from territories.pdf import PdfUnavailable, render_pdf
from territories.picture import funnel_picture
from territories.sections import SECTIONS
from territories.selectors import plan_page
from territories.views.common import plan_or_404


def _print_context(request, plan) -> dict:
    page = plan_page(plan)
    funnel = page.funnel
    return {
        "plan": plan,
        "page": page,
        "sections": SECTIONS,
        "picture": funnel_picture(funnel.funnel, funnel.currency) if funnel.funnel else None,
        "latest": page.latest_version,
        "decisions": [review for review in page.reviews if review.kind != "comment"],
    }


@login_required
def plan_print(request, pk: int):
    plan = plan_or_404(request, pk)
    return render(request, "territories/print.html", _print_context(request, plan))


@login_required
def plan_pdf(request, pk: int):
    plan = plan_or_404(request, pk)
    html = render_to_string("territories/print.html", {**_print_context(request, plan), "for_pdf": True}, request)
    try:
        pdf = render_pdf(html)
    except PdfUnavailable as error:
        messages.error(request, str(error))
        return redirect(reverse("territories:plan-print", args=[plan.pk]))
    name = slugify(f"territory plan {plan.owner.full_name} {plan.cycle.name}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
