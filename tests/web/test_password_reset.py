"""People who forgot their password get a reset link by email and choose a new one."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_a_reset_link_is_emailed_and_sets_a_new_password(client, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post("/accounts/password_reset/", {"email": people.rep.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Reset your Cascade password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "quota-season-2027", "new_password2": "quota-season-2027"}
    )
    assert done.status_code == 302
    people.rep.refresh_from_db()
    assert people.rep.check_password("quota-season-2027")


def test_mismatched_new_passwords_are_refused_next_to_the_field(client, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post("/accounts/password_reset/", {"email": people.rep.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    html = client.post(form_url, {"new_password1": "quota-season-2027", "new_password2": "other"}).content.decode()
    assert 'id="id_new_password2_error"' in html
    assert "The two password fields didn\u2019t match." in html


def test_an_unknown_address_looks_the_same_and_sends_nothing(client, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.com"}, follow=True)
    assert b"Check your email" in response.content
    assert mail.outbox == []


def test_a_used_or_forged_link_explains_itself(client, people):
    html = client.get("/accounts/reset/MQ/not-a-token/").content.decode()
    assert "This link no longer works" in html
