"""Report generation on the large dataset: the full pipeline (snapshot, templates,
WeasyPrint, joining the parts, checksums, atomic store) against WeasyPrint alone rendering the
same HTML (a large report is rendered in parts: WeasyPrint alone renders the same parts, the
cover with the table of contents and the footer pages, see reports/rendering.py).

Each measurement runs in a fresh process, so its peak memory is its own. Prints one JSON line.
Run as ``python bench/report_timing.py`` inside the benchmark environment.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialog.settings")
    import django

    django.setup()


def _peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def pipeline():
    _setup()
    from django.contrib.auth import get_user_model

    from dialog.committee.models import CommitteeMeeting
    from reports import services
    from reports.models import Report

    staff = get_user_model().objects.get(email="verwaltung@example.org")
    report = services.report_create(
        author=staff,
        title="Benchmark: Sachstand des Industrie-Dialogs",
        meeting=CommitteeMeeting.objects.order_by("-starts_at").first(),
        period_start=__import__("datetime").date(2016, 1, 1),
        period_end=__import__("datetime").date.today(),
    )
    # Where the worker starts: the report is marked "generating" (what the request does).
    Report.objects.filter(pk=report.pk).update(status=Report.Status.GENERATING)
    started, cpu = time.perf_counter(), time.process_time()
    services.report_generate(report_id=report.pk)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    report = Report.objects.get(pk=report.pk)
    print(json.dumps({"pk": report.pk, "status": report.status, "seconds": round(seconds, 2),
                      "cpu_s": round(cpu, 2), "pages": report.pdf_page_count,
                      "peak_mb": _peak_mb()}))  # fmt: skip


def weasyprint_alone(pk):
    _setup()
    from reports.models import Report
    from reports.rendering import render_parts, report_parts

    parts = report_parts(Report.objects.get(pk=pk).snapshot)
    started, cpu = time.perf_counter(), time.process_time()
    render_parts(parts)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({"seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "peak_mb": _peak_mb()}))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "pipeline":
        return pipeline()
    if len(sys.argv) > 1 and sys.argv[1] == "weasyprint":
        return weasyprint_alone(int(sys.argv[2]))
    run = [sys.executable, __file__]
    full = json.loads(subprocess.check_output([*run, "pipeline"], text=True).splitlines()[-1])
    bare = json.loads(
        subprocess.check_output([*run, "weasyprint", str(full["pk"])], text=True).splitlines()[-1]
    )
    print(json.dumps({
        "status": full["status"],
        "pages": full["pages"],
        "pipeline_s": full["seconds"],
        "weasyprint_alone_s": bare["seconds"],
        "ratio": round(full["seconds"] / bare["seconds"], 2),
        "s_per_page": round(full["seconds"] / max(full["pages"] or 1, 1), 3),
        # CPU time of this process (not PostgreSQL's): steadier than the wall clock when the
        # machine is busy with other work.
        "pipeline_cpu_s": full["cpu_s"],
        "weasyprint_alone_cpu_s": bare["cpu_s"],
        "cpu_ratio": round(full["cpu_s"] / bare["cpu_s"], 2),
        "pipeline_peak_mb": full["peak_mb"],
        "weasyprint_alone_peak_mb": bare["peak_mb"],
    }))  # fmt: skip


if __name__ == "__main__":
    main()
