"""Read-only OParl 1.1 endpoints at /oparl/v1/ (JSON, open to everyone, public data only)."""

import datetime
import math

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET

from dialog.committee.models import Committee, CommitteeMeeting

from . import oparl
from .oparl import Urls

PER_PAGE = 20
FILTERS = {
    "created_since": "created_at__gte",
    "created_until": "created_at__lte",
    "modified_since": "updated_at__gte",
    "modified_until": "updated_at__lte",
}


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message):
    return _json({"type": "Error", "message": message}, status=400)


def _parse_filters(request):
    """The list filters of OParl 1.1 §2.7; raises ValueError on a malformed date."""
    lookups = {}
    for name, lookup in FILTERS.items():
        raw = request.GET.get(name)
        if raw is None:
            continue
        value = parse_datetime(raw.replace(" ", "+"))
        if value is None:
            raise ValueError(name)
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        lookups[lookup] = value
    return lookups


def _page(request, items, serialise, urls_name, urls):
    """An OParl list: ``data``, ``pagination`` and ``links`` (first/prev/next/last)."""
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return _error("page must be a positive integer")
    total = len(items) if isinstance(items, list) else items.count()
    pages = max(1, math.ceil(total / PER_PAGE))
    start = (number - 1) * PER_PAGE
    chunk = items[start : start + PER_PAGE]
    base = urls(urls_name)
    query = request.GET.copy()

    def link(page):
        query["page"] = page
        return f"{base}?{query.urlencode()}"

    links = {"first": link(1), "last": link(pages)}
    if number > 1:
        links["prev"] = link(min(number - 1, pages))
    if number < pages:
        links["next"] = link(number + 1)
    return _json(
        {
            "data": [serialise(urls, item) for item in chunk],
            "pagination": {
                "totalElements": total,
                "elementsPerPage": PER_PAGE,
                "currentPage": number,
                "totalPages": pages,
            },
            "links": links,
        }
    )


@require_GET
def system(request):
    return _json(oparl.system(Urls(request)))


@require_GET
def body_list(request):
    return _page(request, [None], lambda urls, _item: oparl.body(urls), "body-list", Urls(request))


@require_GET
def body(request):
    return _json(oparl.body(Urls(request)))


@require_GET
def legislative_term(request, number):
    if number != settings.REPORT_ELECTORAL_PERIOD:
        raise Http404
    return _json(oparl.legislative_term(Urls(request), number))


@require_GET
def organization_list(request):
    items = [("committee", c) for c in Committee.objects.order_by("name")]
    items += [("fixed", slug) for slug in oparl.FIXED_ORGANIZATIONS]

    def serialise(urls, item):
        kind, value = item
        if kind == "committee":
            return oparl.committee_organization(urls, value)
        return oparl.fixed_organization(urls, value)

    return _page(request, items, serialise, "organization-list", Urls(request))


@require_GET
def organization(request, pk):
    return _json(oparl.committee_organization(Urls(request), get_object_or_404(Committee, pk=pk)))


@require_GET
def organization_fixed(request, slug):
    if slug not in oparl.FIXED_ORGANIZATIONS:
        raise Http404
    return _json(oparl.fixed_organization(Urls(request), slug))


@require_GET
def person_list(request):
    """The portal publishes no persons; the list exists because Body requires it."""
    return _page(request, [], lambda urls, item: item, "person-list", Urls(request))


def _meetings():
    return CommitteeMeeting.objects.select_related("committee").order_by("starts_at", "pk")


@require_GET
def meeting_list(request):
    try:
        lookups = _parse_filters(request)
    except ValueError as exc:
        return _error(f"{exc} must be a date-time (ISO 8601)")
    meetings = _meetings().filter(**lookups)
    return _page(request, meetings, oparl.meeting, "meeting-list", Urls(request))


@require_GET
def meeting(request, pk):
    return _json(oparl.meeting(Urls(request), get_object_or_404(_meetings(), pk=pk)))


@require_GET
def paper_list(request):
    try:
        lookups = _parse_filters(request)
    except ValueError as exc:
        return _error(f"{exc} must be a date-time (ISO 8601)")
    papers = oparl.public_papers().filter(**lookups)
    return _page(request, papers, oparl.paper, "paper-list", Urls(request))


@require_GET
def paper(request, pk):
    return _json(oparl.paper(Urls(request), get_object_or_404(oparl.public_papers(), pk=pk)))


@require_GET
def file(request, pk):
    return _json(oparl.file(Urls(request), get_object_or_404(oparl.public_papers(), pk=pk)))


@require_GET
def consultation(request, pk):
    papers = oparl.public_papers().filter(meeting__isnull=False, withdrawn_at__isnull=True)
    report = get_object_or_404(papers, pk=pk)
    return _json(oparl.consultation(Urls(request), report))
