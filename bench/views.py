"""Two reference views for ``make bench`` (mounted only with ``BENCHMARK_VIEWS=true``).

They run behind the same middleware as every page, and the list through the same
``base.html``, so the ratio of a page's throughput to the list's for the same user says how
much the page itself costs. They live here with the benchmark, not in an
app: the list reads the companies, which ``dialog.core`` may not import.
"""

from django.http import HttpResponse
from django.shortcuts import render

from companies.models import Company


def plain(request):
    return HttpResponse("ok", content_type="text/plain")


def bare_list(request):
    """50 rows through the portal's own ``base.html`` (navigation, user menu, footer), for
    whoever asks: one query for the rows besides what every page costs. A page measured
    against it for the same user shows what the page itself adds."""
    rows = list(Company.objects.order_by("pk").values_list("pk", "name", "city")[:50])
    return render(request, "bench/bare_list.html", {"rows": rows})
