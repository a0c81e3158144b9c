"""The legal pages: built-in text or staff's own, and the page to edit it."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from .forms import LegalPageForm
from .models import LegalPage
from .text_format import html_to_text, text_to_html

# Search engines may index the public pages (start page, public events, released reports, legal
# pages); everything behind a login or meant for one person stays out.
ROBOTS_DISALLOW = [
    "/konto/",
    "/benutzer/",
    "/protokoll/",
    "/unternehmen/",
    "/beirat/",
    "/ausschuss/",
    "/admin/",
    "/i18n/",
    "/oparl/",
]


def robots_txt(request):
    lines = ["User-agent: *", *[f"Disallow: {path}" for path in ROBOTS_DISALLOW], ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def default_html(kind: str, request) -> str:
    return render_to_string(f"legal/default_{kind}.html", request=request)


class LegalPageView(TemplateView):
    template_name = "legal/page.html"
    kind = None

    def get_context_data(self, **kwargs):
        page = LegalPage.objects.filter(kind=self.kind).first()
        body = text_to_html(page.body) if page else default_html(self.kind, self.request)
        return {
            **super().get_context_data(**kwargs),
            "title": LegalPage.Kind(self.kind).label,
            "body": body,
            "page": page,
            "kind": self.kind,
        }


class LegalPageEditView(PermissionRequiredMixin, FormView):
    permission_required = "legal.edit_page"
    form_class = LegalPageForm
    template_name = "legal/edit.html"
    kind = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        instance = LegalPage.objects.filter(kind=self.kind).first()
        kwargs["instance"] = instance or LegalPage(kind=self.kind)
        if instance is None and self.request.method == "GET":
            kwargs["initial"] = {"body": html_to_text(default_html(self.kind, self.request))}
        return kwargs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": LegalPage.Kind(self.kind).label}

    def form_valid(self, form):
        page = form.save(commit=False)
        page.updated_by = self.request.user
        page.save()
        messages.success(self.request, _("Der Text wurde gespeichert."))
        return redirect(f"legal:{self.kind}")
