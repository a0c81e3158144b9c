"""Two reference views for ``make bench`` (mounted only with ``BENCHMARK_VIEWS=true``).

They run behind the same middleware as every page, so the ratio of a page's throughput to
theirs says how much the page itself costs. They live here with the benchmark, not in an
app: the list reads the companies, which ``dialog.core`` may not import.
"""

from django.http import HttpResponse
from django.shortcuts import render

from companies.models import Company


def plain(request):
    return HttpResponse("ok", content_type="text/plain")


def bare_list(request):
    """The same 50 rows in a minimal template: one query for the rows."""
    rows = list(Company.objects.order_by("pk").values_list("pk", "name", "city")[:50])
    return render(request, "bench/bare_list.html", {"rows": rows})
