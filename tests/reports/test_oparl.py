"""The OParl 1.1 API: valid against the official schemas, links resolve, public reports only."""

import datetime
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from django.utils.timezone import now
from jsonschema import Draft7Validator
from referencing import Registry
from referencing.jsonschema import DRAFT7

from reports.models import Report
from reports.withdrawal import report_withdraw

from .factories import CommitteeMeetingFactory, ReportFactory, ready_report, released_report

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(__file__).resolve().parent / "oparl-1.1" / "schema"


@pytest.fixture(scope="module")
def validate():
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        schema = json.loads(path.read_text())
        resource = DRAFT7.create_resource(schema)
        resources.append((schema["$id"], resource))
        resources.append((f"https://schema.oparl.org/1.1/{path.name}", resource))
    registry = Registry().with_resources(resources)

    def check(obj):
        kind = obj["type"].rsplit("/", 1)[-1]
        schema = json.loads((SCHEMA_DIR / f"{kind}.json").read_text())
        errors = list(Draft7Validator(schema, registry=registry).iter_errors(obj))
        assert not errors, f"{kind}: " + "; ".join(e.message for e in errors)

    return check


@pytest.fixture
def papers():
    meeting = CommitteeMeetingFactory()
    public = released_report(meeting=meeting, title="Öffentlicher Sachstand")
    hidden = released_report(
        meeting=meeting, title="Geheimer Sachstand", visibility=Report.Visibility.NON_PUBLIC
    )
    draft = ReportFactory(meeting=meeting, title="Entwurf Sachstand")
    return public, hidden, draft


@pytest.fixture
def withdrawn(staff_user):
    """A public report withdrawn for a correction, and its released correction."""
    old = released_report(title="Zurückgezogener Sachstand")
    old = report_withdraw(report=old, withdrawn_by=staff_user, reason="Falsche Zahlen")
    correction = released_report(corrects=old, title="Berichtigter Sachstand")
    return old, correction


def _get(client, url):
    path = urlparse(url).path + (f"?{urlparse(url).query}" if urlparse(url).query else "")
    response = client.get(path)
    assert response.status_code == 200, (url, response.status_code)
    return json.loads(response.content)


def test_every_object_is_valid_and_every_link_resolves(client, papers, withdrawn, validate):
    """Walk the API from /system like a client and check each object against its schema."""
    seen, todo = set(), ["http://testserver/oparl/v1/system"]
    while todo:
        url = todo.pop()
        if url in seen or "/oparl/v1/" not in url:
            continue
        seen.add(url)
        data = _get(client, url)
        objects = data.get("data", [data])
        if "links" in data:
            todo.extend(data["links"].values())
        for obj in objects:
            validate(obj)
            todo.append(obj["id"])
            for value in obj.values():
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str) and item.startswith("http://testserver/oparl/"):
                        todo.append(item)
                    if isinstance(item, dict) and "type" in item:
                        validate(item)
                        todo.append(item["id"])
    kinds = {urlparse(u).path.split("/")[3] for u in seen}
    assert {"system", "body", "organization", "meeting", "paper", "file", "consultation"} <= kinds


def test_only_released_public_reports_are_papers(client, papers):
    public, hidden, draft = papers
    data = _get(client, "/oparl/v1/body/papers")
    assert [paper["reference"] for paper in data["data"]] == [public.number]
    for report in (hidden, draft):
        for kind in ("paper", "file", "consultation"):
            assert client.get(f"/oparl/v1/{kind}/{report.pk}").status_code == 404
    assert "Geheimer" not in json.dumps(_get(client, "/oparl/v1/body/meetings"))


def test_paper_carries_reference_file_and_consultation(client, papers):
    public, _hidden, _draft = papers
    paper = _get(client, f"/oparl/v1/paper/{public.pk}")
    assert paper["reference"] == public.number
    assert paper["mainFile"]["sha512Checksum"] == public.pdf_sha512
    assert paper["mainFile"]["size"] == public.pdf_size
    assert paper["mainFile"]["mimeType"] == "application/pdf"
    assert paper["consultation"][0]["role"] == "Kenntnisnahme"
    pdf = client.get(urlparse(paper["mainFile"]["accessUrl"]).path)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_paper_list_filters_by_creation_time(client, papers):
    public, _hidden, _draft = papers
    since = public.created_at.isoformat()
    assert len(_get(client, f"/oparl/v1/body/papers?created_since={since}")["data"]) == 1
    older = ready_report()
    Report.objects.filter(pk=older.pk).update(created_at="2020-01-01T00:00:00Z")
    Report.objects.filter(pk=older.pk).update(status=Report.Status.RELEASED, released_at=now())
    assert len(_get(client, "/oparl/v1/body/papers")["data"]) == 2
    data = _get(client, f"/oparl/v1/body/papers?created_since={since}")["data"]
    assert [paper["reference"] for paper in data] == [public.number]
    response = client.get("/oparl/v1/body/papers?modified_since=gestern")
    assert response.status_code == 400


def test_lists_are_paginated(client):
    for _ in range(25):
        released_report()
    first = _get(client, "/oparl/v1/body/papers")
    assert first["pagination"]["totalElements"] == 25 and len(first["data"]) == 20
    second = _get(client, first["links"]["next"])
    assert len(second["data"]) == 5 and "next" not in second["links"]


def test_meeting_list_filters_by_modification_time_and_carries_timestamps(client, validate):
    meeting = CommitteeMeetingFactory()
    data = _get(client, "/oparl/v1/body/meetings")["data"]
    assert data and data[0]["created"] and data[0]["modified"]
    validate(data[0])
    since = meeting.updated_at.isoformat()
    assert len(_get(client, f"/oparl/v1/body/meetings?modified_since={since}")["data"]) == 1
    type(meeting).objects.filter(pk=meeting.pk).update(updated_at="2020-01-01T00:00:00Z")
    assert _get(client, f"/oparl/v1/body/meetings?modified_since={since}")["data"] == []


def test_a_withdrawn_paper_is_a_deleted_object(client, papers, withdrawn, validate):
    """OParl 1.1 "Gelöschte Objekte": same URL, ``deleted: true``, ``modified`` the time of
    the withdrawal, nothing else of the paper left; its consultation is gone."""
    old, correction = withdrawn
    before = old.withdrawn_at.replace(microsecond=0) - datetime.timedelta(seconds=1)
    paper = _get(client, f"/oparl/v1/paper/{old.pk}")
    validate(paper)
    assert paper == {
        "id": f"http://testserver/oparl/v1/paper/{old.pk}",
        "type": "https://schema.oparl.org/1.1/Paper",
        "created": timezone.localtime(old.created_at).isoformat(timespec="seconds"),
        "modified": timezone.localtime(old.updated_at).isoformat(timespec="seconds"),
        "deleted": True,
    }
    assert datetime.datetime.fromisoformat(paper["modified"]) >= before
    assert "Zurückgezogener" not in json.dumps(paper)

    file = _get(client, f"/oparl/v1/file/{old.pk}")
    validate(file)
    assert file["deleted"] is True
    assert set(file) == {"id", "type", "created", "modified", "accessUrl", "deleted"}
    assert client.get(f"/oparl/v1/consultation/{old.pk}").status_code == 404

    # Clients that update with modified_since learn of the withdrawal from the list.
    since = before.isoformat()
    listed = _get(client, f"/oparl/v1/body/papers?modified_since={since}")["data"]
    by_id = {item["id"]: item for item in listed}
    assert by_id[paper["id"]] == paper
    fresh = by_id[f"http://testserver/oparl/v1/paper/{correction.pk}"]
    assert "deleted" not in fresh and fresh["relatedPaper"] == [paper["id"]]
    public, _hidden, _draft = papers
    assert f"http://testserver/oparl/v1/paper/{public.pk}" in {
        item["id"] for item in _get(client, "/oparl/v1/body/papers")["data"]
    }
