"""Importing goals from the explorer: upload a CSV, then follow the job's page until it is done."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from goals.models import Goal, ImportJob

pytestmark = pytest.mark.django_db


def upload(text: str):
    return SimpleUploadedFile("goals.csv", text.encode(), content_type="text/csv")


def test_an_upload_becomes_a_job_whose_page_shows_the_result(client, people, cycle, django_capture_on_commit_callbacks):
    client.force_login(people.rep)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cycles/{cycle.pk}/import/", {"file": upload("owner,title,metric,target\nrep,Logos,logos,4\n")}
        )
    job = ImportJob.objects.get()
    assert response["Location"] == f"/imports/{job.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "Imported 1 goal." in html
    assert 'hx-trigger="every 2s"' not in html  # done: the page stops asking
    assert Goal.objects.filter(title="Logos").exists()


def test_a_running_job_refreshes_itself_and_a_failed_one_lists_its_rows(client, people, cycle):
    client.force_login(people.rep)
    client.post(f"/cycles/{cycle.pk}/import/", {"file": upload("owner,title,metric,target\nrep,Logos,logos,ten\n")})
    job = ImportJob.objects.get()
    assert 'hx-trigger="every 2s"' in client.get(f"/imports/{job.pk}/").content.decode()  # queued
    from goals.import_jobs import run_import_job

    run_import_job(job.pk)
    html = client.get(f"/imports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Nothing was imported." in html and "target" in html
    client.force_login(people.peer_rep)
    assert client.get(f"/imports/{job.pk}/").status_code == 404


def test_a_file_that_is_not_utf8_is_a_form_error(client, people, cycle):
    client.force_login(people.rep)
    bad = SimpleUploadedFile("goals.csv", "owner,title\nrép,x\n".encode("latin-1"), content_type="text/csv")
    response = client.post(f"/cycles/{cycle.pk}/import/", {"file": bad})
    assert response.status_code == 200
    assert "not UTF-8" in response.content.decode()
    assert not ImportJob.objects.exists()
