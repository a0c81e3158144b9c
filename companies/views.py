"""Pages of the company register: directory and register, company page, forms, watchlist,
needs overview, import and export, and the data-protection actions on contact persons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from dialog.core.exports import DATE, DECIMAL, INT, Column, ExportMixin
from dialog.core.mixins import PermissionFirstMixin

from . import charts, imports, selectors, services
from .filters import (
    CompanyFilterSet,
    DirectoryFilterSet,
    FollowUpFilterSet,
    NeedFilterSet,
    WatchlistFilterSet,
)
from .forms import (
    CompanyForm,
    ContactLogEntryForm,
    ContactPersonForm,
    EmployeeCountForm,
    ImportForm,
    NeedForm,
    NetworkMembershipForm,
    RiskSignalForm,
    RiskSignalResolveForm,
)
from .history import company_history
from .models import Company, ContactLogEntry, ContactPerson, Need, RiskSignal, SizeClass
from .risk import risk_score


def _is_staff(user):
    return user.has_perm("companies.manage")


def _networks(company):
    return ", ".join(m.network.name for m in company.current_networks)


class CompanyListView(PermissionRequiredMixin, ExportMixin, FilterView):
    """Staff: the register with all filters. Board members and partners: the directory."""

    permission_required = "companies.view_directory"
    paginate_by = 25

    def get_filterset_class(self):
        return CompanyFilterSet if _is_staff(self.request.user) else DirectoryFilterSet

    def get_queryset(self):
        if _is_staff(self.request.user):
            return selectors.company_register().order_by("name")
        return selectors.company_directory().order_by("name")

    def get_template_names(self):
        if _is_staff(self.request.user):
            return ["companies/company_list.html"]
        return ["companies/directory_list.html"]

    @property
    def export_name(self):
        return "unternehmen" if _is_staff(self.request.user) else "unternehmensverzeichnis"

    def get_export_columns(self):
        directory = [
            Column(_("Name"), "name"),
            Column(_("WZ-Schlüssel"), "sector.code"),
            Column(_("Wirtschaftszweig"), "sector.title"),
            Column(_("Stadtbezirk"), "get_district_display"),
            Column(_("Website"), "website"),
            Column(_("Netzwerke"), _networks),
        ]
        if not _is_staff(self.request.user):
            return directory
        return [
            Column(_("Handelsregisternummer"), "register_number"),
            Column(_("Name"), "name"),
            Column(_("Rechtsform"), "legal_form"),
            Column(_("WZ-Schlüssel"), "sector.code"),
            Column(_("Wirtschaftszweig"), "sector.title"),
            Column(_("Straße"), "street"),
            Column(_("PLZ"), "postal_code"),
            Column(_("Ort"), "city"),
            Column(_("Stadtbezirk"), "get_district_display"),
            Column(_("Website"), "website"),
            Column(_("Gründungsjahr"), "founded_year", INT),
            Column(_("Status"), "get_status_display"),
            Column(_("Beschäftigte (zuletzt)"), "latest_employees", INT),
            Column(_("Größenklasse"), _size_class),
            Column(_("offene Frühwarnsignale"), "open_signal_count", INT),
            Column(_("Netzwerke"), _networks),
        ]


def _size_class(company):
    size_class = SizeClass.for_employees(company.latest_employees)
    return SizeClass(size_class).label if size_class else ""


class CompanyDetailView(PermissionFirstMixin, DetailView):
    """Staff: the full company page. Board members and partners: the directory entry only."""

    permission_required = "companies.view_directory"
    model = Company
    context_object_name = "company"

    def load(self, **kwargs):
        # Whoever may use this route sees every company (``Company.objects.visible_to``):
        # staff the whole profile, board members and partners the directory fields.
        pk = kwargs["pk"]
        if _is_staff(self.request.user):
            try:
                self.object = selectors.company_profile(pk)
            except Company.DoesNotExist as exc:
                raise Http404 from exc
        else:
            self.object = get_object_or_404(selectors.company_directory(), pk=pk)

    def get_template_names(self):
        if _is_staff(self.request.user):
            return ["companies/company_detail.html"]
        return ["companies/directory_detail.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not _is_staff(self.request.user):
            return context
        company = self.object
        counts = company.employee_series
        latest = counts[-1] if counts else None
        signals = company.signals
        today = timezone.localdate()
        context.update(
            {
                "employee_counts": counts,
                "latest_count": latest,
                "size_class": SizeClass.for_employees(latest.employees) if latest else None,
                "chart": charts.employee_trend(counts),
                "open_signals": [s for s in signals if s.resolved_on is None],
                "resolved_signals": [s for s in signals if s.resolved_on is not None],
                "score": risk_score(signals, today),
                "history": company_history(company),
                "today": today,
            }
        )
        return context


class CompanyCreateView(PermissionRequiredMixin, FormView):
    permission_required = "companies.manage"
    form_class = CompanyForm
    template_name = "companies/company_form.html"

    def form_valid(self, form):
        company = services.company_create(**form.cleaned_data)
        messages.success(self.request, _("Das Unternehmen „%s“ wurde angelegt.") % company.name)
        return redirect(company)


class CompanyUpdateView(PermissionFirstMixin, FormView):
    permission_required = "companies.manage"
    model = Company
    context_object_name = "company"
    form_class = CompanyForm
    template_name = "companies/company_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def form_valid(self, form):
        # The form has already written its values onto the instance; the service validates
        # and saves them.
        services.company_update(company=self.object)
        messages.success(self.request, _("Die Änderungen wurden gespeichert."))
        return redirect(self.object)


class CompanyChildFormView(PermissionFirstMixin, FormView):
    """A form that adds something to a company (need, signal, contact …) through a service."""

    permission_required = "companies.manage"
    model = Company
    template_name = "companies/company_child_form.html"
    title = ""
    anchor = ""
    success_message = gettext_lazy("Gespeichert.")

    @property
    def company(self):
        return self.object

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "company": self.company, "title": self.title}

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.company.get_absolute_url() + self.anchor)


class NeedCreateView(CompanyChildFormView):
    form_class = NeedForm
    title = gettext_lazy("Bedarf erfassen")
    anchor = "#bedarfe"
    success_message = gettext_lazy("Der Bedarf wurde erfasst.")

    def save(self, form):
        services.need_create(company=self.company, **form.cleaned_data)


class NeedUpdateView(CompanyChildFormView):
    form_class = NeedForm
    title = gettext_lazy("Bedarf bearbeiten")
    anchor = "#bedarfe"
    success_message = gettext_lazy("Der Bedarf wurde gespeichert.")
    model = Need

    def lookup_queryset(self):
        return super().lookup_queryset().select_related("company")

    @property
    def company(self):
        return self.object.company

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def save(self, form):
        services.need_update(need=self.object)


class RiskSignalCreateView(CompanyChildFormView):
    form_class = RiskSignalForm
    title = gettext_lazy("Frühwarnsignal erfassen")
    anchor = "#fruehwarnsignale"
    success_message = gettext_lazy("Das Frühwarnsignal wurde erfasst.")

    def save(self, form):
        services.risk_signal_create(company=self.company, **form.cleaned_data)


class RiskSignalResolveView(PermissionFirstMixin, View):
    permission_required = "companies.manage"
    model = RiskSignal
    http_method_names = ["post"]

    def lookup_queryset(self):
        return super().lookup_queryset().select_related("company")

    def post(self, request, pk):
        signal = self.object
        form = RiskSignalResolveForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Bitte geben Sie ein gültiges Datum an."))
            services.risk_signal_resolve(
                signal=signal, resolved_on=form.cleaned_data["resolved_on"]
            )
        except ValidationError as exc:
            messages.error(
                request,
                _("Das Signal wurde nicht als erledigt markiert: %(reason)s")
                % {"reason": " ".join(exc.messages)},
            )
        else:
            messages.success(request, _("Das Frühwarnsignal ist als erledigt markiert."))
        return redirect(signal.company.get_absolute_url() + "#fruehwarnsignale")


class ContactPersonCreateView(CompanyChildFormView):
    form_class = ContactPersonForm
    title = gettext_lazy("Ansprechperson erfassen")
    anchor = "#ansprechpersonen"
    success_message = gettext_lazy("Die Ansprechperson wurde gespeichert.")

    def save(self, form):
        services.contact_person_create(company=self.company, **form.cleaned_data)


class ContactLogCreateView(CompanyChildFormView):
    form_class = ContactLogEntryForm
    title = gettext_lazy("Kontakt festhalten")
    anchor = "#kontaktverlauf"
    success_message = gettext_lazy("Der Kontakt wurde festgehalten.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "company": self.company}

    def save(self, form):
        services.contact_log_create(
            company=self.company, staff_member=self.request.user, **form.cleaned_data
        )


class FollowUpListView(PermissionRequiredMixin, ExportMixin, FilterView):
    """Staff: the open follow-ups (Wiedervorlagen) of the contact log, overdue ones marked."""

    permission_required = "companies.manage"
    filterset_class = FollowUpFilterSet
    template_name = "companies/follow_up_list.html"
    paginate_by = 25
    export_name = "wiedervorlagen"

    def get_queryset(self):
        return selectors.open_follow_ups()

    def paginate_queryset(self, queryset, page_size):
        # After the last entry of the last page is marked done, show the page before it.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "today": timezone.localdate()}

    def get_export_columns(self):
        return [
            Column(_("fällig am"), "follow_up_due", DATE),
            Column(_("überfällig"), lambda entry: _("ja") if entry.overdue else _("nein")),
            Column(_("Unternehmen"), "company.name"),
            Column(_("Nächste Schritte"), "follow_up"),
            Column(_("Kontakt am"), "date", DATE),
            Column(_("Art"), "get_kind_display"),
            Column(_("Ansprechperson"), "contact_person.name"),
            Column(_("Zuständig"), "staff_member.get_full_name"),
        ]


class FollowUpDoneView(PermissionFirstMixin, View):
    """Mark the agreed next steps of a contact as done today (one click)."""

    permission_required = "companies.manage"
    model = ContactLogEntry
    http_method_names = ["post"]

    def lookup_queryset(self):
        return super().lookup_queryset().select_related("company")

    def post(self, request, pk):
        entry = self.object
        if entry.follow_up_done_on is None:
            services.contact_log_follow_up_done(entry=entry)
        messages.success(
            request,
            _("Die Wiedervorlage zu „%(company)s“ ist als erledigt markiert.")
            % {"company": entry.company.name},
        )
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(target)
        return redirect(entry.company.get_absolute_url() + "#kontaktverlauf")


class EmployeeCountCreateView(CompanyChildFormView):
    form_class = EmployeeCountForm
    title = gettext_lazy("Beschäftigtenzahl eintragen")
    anchor = "#beschaeftigte"
    success_message = gettext_lazy("Die Beschäftigtenzahl wurde gespeichert.")

    def save(self, form):
        services.employee_count_set(company=self.company, **form.cleaned_data)


class NetworkMembershipCreateView(CompanyChildFormView):
    form_class = NetworkMembershipForm
    title = gettext_lazy("Netzwerkmitgliedschaft eintragen")
    anchor = "#netzwerke"
    success_message = gettext_lazy("Die Mitgliedschaft wurde gespeichert.")

    def save(self, form):
        services.network_membership_create(company=self.company, **form.cleaned_data)


class ContactPersonExportView(PermissionFirstMixin, View):
    """The data-subject-access file of a contact person (logged)."""

    permission_required = "companies.manage"
    model = ContactPerson

    def lookup_queryset(self):
        return super().lookup_queryset().select_related("company")

    def get(self, request, pk):
        person = self.object
        content = services.contact_person_export(person=person, actor=request.user)
        response = HttpResponse(content, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="auskunft-{person.pk}.json"'
        return response


class ContactPersonEraseView(PermissionFirstMixin, TemplateView):
    """Confirm, then anonymise a contact person (logged)."""

    permission_required = "companies.manage"
    model = ContactPerson
    context_object_name = "person"
    template_name = "companies/contact_erase_confirm.html"

    @property
    def person(self):
        return self.object

    def lookup_queryset(self):
        return super().lookup_queryset().select_related("company")

    def post(self, request, pk):
        if self.person.erased_at is None:
            services.contact_person_erase(person=self.person, actor=request.user)
            messages.success(request, _("Die Daten der Ansprechperson wurden anonymisiert."))
        return redirect(self.person.company.get_absolute_url() + "#ansprechpersonen")


class WatchlistView(PermissionRequiredMixin, ExportMixin, FilterView):
    """Companies ranked by risk score, with the signals behind each score."""

    permission_required = "companies.manage"
    filterset_class = WatchlistFilterSet
    template_name = "companies/watchlist.html"
    paginate_by = 25
    export_name = "fruehwarnung"

    def get_queryset(self):
        return Company.objects.all()

    def ranked(self):
        """The ranked ``(company, score, signals)`` rows of the filtered companies."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        valid = self.filterset.is_valid()
        kinds = self.filterset.form.cleaned_data.get("kind") if valid else None
        queryset = (
            self.filterset.qs if valid or not self.filterset.is_bound else Company.objects.none()
        )
        return selectors.watchlist(queryset=queryset, kinds=kinds)

    def get(self, request, *args, **kwargs):
        if self.get_export_format():
            return super().get(request, *args, **kwargs)
        self.object_list = self.ranked()
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def get_export_queryset(self):
        return enumerate(self.ranked(), start=1)

    def get_export_columns(self):
        return [
            Column(_("Rang"), lambda row: row[0], INT),
            Column(_("Unternehmen"), lambda row: row[1][0].name),
            Column(_("Stadtbezirk"), lambda row: row[1][0].get_district_display()),
            Column(_("Wirtschaftszweig"), lambda row: row[1][0].sector),
            Column(_("Risikowert"), lambda row: row[1][1], DECIMAL),
            Column(_("offene Signale"), lambda row: _signal_summary(row[1][2])),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offset = context["page_obj"].start_index() - 1 if context.get("page_obj") else 0
        context["rank_offset"] = offset
        return context


def _signal_summary(signals):
    return "; ".join(
        f"{s.get_kind_display()} ({s.severity}, {s.observed_on:%d.%m.%Y})" for s in signals
    )


class NeedOverviewView(PermissionRequiredMixin, ExportMixin, FilterView):
    """Staff: needs by topic and status, and the needs themselves. Board: anonymous counts."""

    permission_required = "companies.view_need_counts"
    filterset_class = NeedFilterSet
    paginate_by = 50
    export_name = "bedarfe"

    def get_queryset(self):
        return (
            Need.objects.select_related("company")
            .prefetch_related("measures")
            .order_by("topic", "-stated_on", "-pk")
        )

    def get_template_names(self):
        if _is_staff(self.request.user):
            return ["companies/need_overview.html"]
        return ["companies/need_counts.html"]

    def get(self, request, *args, **kwargs):
        if not _is_staff(request.user):
            return self.render_to_response(
                {"rows": _topic_rows(selectors.need_counts_by_topic(), with_status=False)}
            )
        return super().get(request, *args, **kwargs)

    def get_export_columns(self):
        return [
            Column(_("Thema"), "get_topic_display"),
            Column(_("Unternehmen"), "company.name"),
            Column(_("Beschreibung"), "description"),
            Column(_("Quelle"), "get_source_display"),
            Column(_("geäußert am"), "stated_on", DATE),
            Column(_("Status"), "get_status_display"),
            Column(_("Maßnahmen"), lambda need: ", ".join(m.code for m in need.measures.all())),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = _topic_rows(
            selectors.need_counts_by_topic(self.object_list), with_status=True
        )
        context["statuses"] = Need.Status.choices
        return context


def _topic_rows(table, *, with_status):
    rows = []
    for topic, label in Need.Topic.choices:
        counts = table.get(topic, {})
        row = {"topic": topic, "label": label, "total": counts.get("total", 0)}
        if with_status:
            row["statuses"] = [counts.get(status, 0) for status, _label in Need.Status.choices]
        rows.append(row)
    return rows


IMPORT_SESSION_KEY = "companies_import"


class ImportView(PermissionRequiredMixin, FormView):
    """Upload a file, see what would change and every bad row; nothing is written yet."""

    permission_required = "companies.manage"
    form_class = ImportForm
    template_name = "companies/import.html"

    def form_valid(self, form):
        kind = form.cleaned_data["kind"]
        try:
            header, rows = imports.read_table(form.cleaned_data["file"])
            check = imports.check_employees if kind == "employees" else imports.check_companies
            result = check(header, rows)
        except imports.ImportFileError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        if not result.errors:
            self.request.session[IMPORT_SESSION_KEY] = {
                "kind": kind,
                "rows": result.rows,
                "file": form.cleaned_data["file"].name,
            }
        else:
            self.request.session.pop(IMPORT_SESSION_KEY, None)
        return self.render_to_response(self.get_context_data(form=form, result=result, kind=kind))


class ImportConfirmView(PermissionRequiredMixin, View):
    """Write the checked rows of the preview, all or nothing."""

    permission_required = "companies.manage"
    http_method_names = ["post"]

    def post(self, request):
        pending = request.session.pop(IMPORT_SESSION_KEY, None)
        if not pending:
            messages.error(
                request, _("Es liegt keine geprüfte Datei vor. Bitte laden Sie sie erneut hoch.")
            )
            return redirect("companies:import")
        try:
            written = imports.apply(
                pending["kind"],
                pending["rows"],
                actor=request.user,
                file_name=pending.get("file", ""),
            )
        except ValidationError as exc:
            messages.error(
                request,
                _("Nichts wurde übernommen: %(reason)s") % {"reason": " ".join(exc.messages)},
            )
            return redirect("companies:import")
        messages.success(
            request,
            ngettext(
                "%(count)s Zeile wurde übernommen.", "%(count)s Zeilen wurden übernommen.", written
            )
            % {"count": written},
        )
        return redirect(reverse("companies:list"))
