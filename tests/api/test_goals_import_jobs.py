"""A large goals CSV runs as a job on a worker: 202 with the job, its progress, the same all-or-nothing result."""

import pytest
from django.core.cache import cache

from goals.import_jobs import progress_key, run_import_job
from goals.models import Goal, ImportJob

pytestmark = pytest.mark.django_db


def csv_of(rows: int, bad_line: int | None = None) -> str:
    lines = ["owner,title,metric,target"]
    for n in range(rows):
        target = "ten" if n + 2 == bad_line else "10"
        lines.append(f"rep,Deal {n},ARR,{target}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def small_threshold(settings):
    settings.IMPORT_SYNC_MAX_ROWS = 5


def send(client, cycle, text):
    return client.post(f"/api/goals/import/?cycle={cycle.pk}", text, content_type="text/csv")


def test_a_small_file_still_imports_within_the_request(api_as, people, cycle, small_threshold):
    response = send(api_as(people.rep), cycle, csv_of(5))
    assert response.status_code == 201 and response.json()["created"] == 5


def test_a_large_file_answers_202_with_the_job_and_the_job_holds_the_result(
    api_as, people, cycle, small_threshold, django_capture_on_commit_callbacks
):
    client = api_as(people.rep)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, cycle, csv_of(12))
    assert response.status_code == 202
    job_url = response["Location"]
    assert job_url == f"/api/import-jobs/{response.json()['id']}/"
    job = client.get(job_url).json()
    assert (job["status"], job["rows_total"], job["result"]["created"]) == ("succeeded", 12, 12)
    assert job["progress"] == {"phase": "done", "done": 12, "total": 12}
    assert [goal["row"] for goal in job["result"]["goals"]] == list(range(2, 14))
    assert Goal.objects.filter(owner=people.rep, title__startswith="Deal ").count() == 12


def test_a_bad_row_in_a_large_file_imports_nothing_and_the_job_lists_it(
    api_as, people, cycle, small_threshold, django_capture_on_commit_callbacks
):
    client = api_as(people.rep)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, cycle, csv_of(12, bad_line=9))
    job = client.get(response["Location"]).json()
    assert job["status"] == "failed"
    assert job["errors"]["rows"] == [{"row": 9, "errors": {"target": ["“ten” value must be a decimal number."]}}]
    assert not Goal.objects.filter(title__startswith="Deal ").exists()


def test_progress_shows_while_a_worker_imports(api_as, people, cycle, small_threshold):
    response = send(api_as(people.rep), cycle, csv_of(12))  # not committed in this test: the job waits
    job = ImportJob.objects.get(pk=response.json()["id"])
    assert api_as(people.rep).get(f"/api/import-jobs/{job.pk}/").json()["progress"]["phase"] == "waiting"
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    cache.set(progress_key(job.pk), {"phase": "checking", "done": 500, "total": 12})
    body = api_as(people.rep).get(f"/api/import-jobs/{job.pk}/").json()
    assert body["progress"] == {"phase": "checking", "done": 500, "total": 12}


def test_a_job_runs_once_however_often_its_task_is_delivered(people, cycle, small_threshold):
    from goals.import_jobs import import_job_create

    job = import_job_create(actor=people.rep, kind="goals", cycle=cycle, text=csv_of(7))
    assert run_import_job(job.pk).status == "succeeded"
    assert run_import_job(job.pk) is None
    assert Goal.objects.filter(title__startswith="Deal ").count() == 7
    assert ImportJob.objects.get(pk=job.pk).text == ""


def test_others_never_see_someone_elses_job(api_as, people, cycle, small_threshold):
    job_id = send(api_as(people.rep), cycle, csv_of(12)).json()["id"]
    assert api_as(people.peer_rep).get(f"/api/import-jobs/{job_id}/").status_code == 404
    assert api_as(people.staff).get(f"/api/import-jobs/{job_id}/").status_code == 200


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_job(celery_worker, api_as, people, cycle, settings):
    import time

    settings.IMPORT_SYNC_MAX_ROWS = 5
    response = send(api_as(people.rep), cycle, csv_of(20))
    job_id = response.json()["id"]
    for _ in range(200):
        job = ImportJob.objects.get(pk=job_id)
        if job.is_done:
            break
        time.sleep(0.1)
    assert (job.status, job.result["created"]) == ("succeeded", 20)
