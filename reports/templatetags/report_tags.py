"""Dashboard helpers of the reports."""

from django import template
from django.db.models import Count, Q

from reports.models import Report

register = template.Library()


@register.simple_tag
def report_counts():
    """How many reports wait for release and how many are still being worked on (staff)."""
    return Report.objects.aggregate(
        ready=Count("pk", filter=Q(status=Report.Status.READY)),
        drafts=Count(
            "pk",
            filter=Q(
                status__in=[Report.Status.DRAFT, Report.Status.GENERATING, Report.Status.FAILED]
            ),
        ),
    )


@register.simple_tag
def latest_released_report():
    return Report.objects.released().order_by("-released_at").first()
