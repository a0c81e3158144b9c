"""Pages of the measures: list and export, measure page, editing, status, ideas and triage,
progress updates, timeline, capacity plan with staggering, partners."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView, ListView, RedirectView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from dialog.accounts.rules import is_partner
from dialog.core.exports import CURRENCY, INT, Column, ExportMixin
from dialog.core.mixins import PermissionFirstMixin

from . import charts, selectors, services
from .filters import MeasureFilterSet, PartnerFilterSet
from .forms import (
    CostFormSet,
    IdeaForm,
    IndicatorFormSet,
    IndicatorValueForm,
    MeasureForm,
    PartnerRoleFormSet,
    PhaseFormSet,
    ProgressUpdateForm,
    StaffCapacityForm,
    StatusChangeForm,
    TriageForm,
)
from .models import (
    Measure,
    Partner,
    Phase,
)
from .quarters import quarter_index, quarter_label


class MeasureFilterMixin:
    """The list's filters; internal filters only for those who see internals."""

    filterset_class = MeasureFilterSet

    def get_filterset_kwargs(self, filterset_class):
        return {
            **super().get_filterset_kwargs(filterset_class),
            "internal": selectors.sees_internals_in_lists(self.request.user),
            "partner_user": bool(is_partner(self.request.user)),
        }


class MeasureListView(PermissionRequiredMixin, MeasureFilterMixin, ExportMixin, FilterView):
    """The measure overview; anonymous visitors and partners see the public columns.

    Staff download the filtered list with ``?format=csv`` or ``?format=xlsx``.
    """

    permission_required = "measures.view_measure"
    template_name = "measures/measure_list.html"
    paginate_by = 25
    export_name = "massnahmen"
    export_permission = "measures.export_measures"

    def get_queryset(self):
        return selectors.measure_list_queryset(self.request.user)

    def get_export_queryset(self):
        return selectors.with_planned_costs(super().get_export_queryset())

    def get_export_columns(self):
        return [
            Column(_("Kennung"), "code"),
            Column(_("Titel"), "title"),
            Column(_("Handlungsfeld"), "field_of_action"),
            Column(_("Status"), "get_status_display"),
            Column(_("Priorität"), "get_priority_display"),
            Column(_("verantwortlich"), "responsible.get_full_name"),
            Column(_("Partner"), _partner_roles),
            Column(_("Beginn"), lambda m: quarter_label(m.first_start) if m.first_start else ""),
            Column(_("Ende"), lambda m: quarter_label(m.last_end) if m.last_end else ""),
            Column(_("Personentage"), "effort", INT),
            Column(_("Kosten geplant"), "planned_costs", CURRENCY),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["internals"] = selectors.sees_internals_in_lists(self.request.user)
        context["query"] = self.request.GET.urlencode()
        return context


def _partner_roles(measure):
    return ", ".join(f"{r.partner} ({r.get_role_display()})" for r in measure.partner_roles.all())


class MeasureExportView(PermissionRequiredMixin, RedirectView):
    """The former export address: the list itself answers ``?format=`` now."""

    permission_required = "measures.export_measures"
    permanent = False
    query_string = True
    pattern_name = "measures:list"


class MeasureDetailView(PermissionFirstMixin, DetailView):
    permission_required = "measures.view_measure"
    model = Measure
    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def lookup_queryset(self):
        return (
            super()
            .lookup_queryset()
            .select_related("field_of_action", "responsible", "proposed_by")
            # The same partners and phases, in the same order, as the report's chapter.
            .prefetch_related(selectors.partner_roles_prefetch(), selectors.phases_prefetch())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        measure, user = self.object, self.request.user
        internals = user.has_perm("measures.view_measure_internals", measure)
        rows = [selectors.timeline_row(measure)]
        context.update(
            internals=internals,
            can_manage=user.has_perm("measures.manage_measure"),
            can_post=user.has_perm("measures.post_progress", measure),
            timeline_svg=charts.timeline_svg(
                rows, today=timezone.localdate(), title=_("Zeitplan von %s") % measure.code
            ),
        )
        if internals:
            context["progress_updates"] = measure.progress_updates.select_related(
                "author", "partner"
            )
            context["costs"] = list(measure.costs.all())
            context["cost_total"] = {
                "estimate": sum(c.estimate for c in context["costs"]),
                "actual": sum(c.actual or 0 for c in context["costs"]),
            }
            indicators = selectors.measure_indicators(measure)
            for indicator in indicators:
                indicator.chart = charts.indicator_svg(
                    indicator.value_list,
                    target=indicator.target,
                    name=indicator.name,
                    unit=indicator.unit,
                )
            context["indicators"] = indicators
        if user.has_perm("measures.manage_measure"):
            context["needs"] = measure.needs.select_related("company")
            context["history"] = selectors.measure_history(measure)
            context["indicator_form"] = (
                IndicatorValueForm(measure=measure, indicators=context["indicators"])
                if context.get("indicators")
                else None
            )
            context["status_form"] = StatusChangeForm(measure=measure)
        if context["can_post"]:
            context["progress_form"] = ProgressUpdateForm()
        return context


class MeasureFormsetMixin:
    """Create and edit a measure with its inline phases, partners, costs and indicators."""

    template_name = "measures/measure_form.html"
    form_class = MeasureForm

    def get_formsets(self, instance):
        data = self.request.POST if self.request.method == "POST" else None
        return [
            PhaseFormSet(data, instance=instance, prefix="phases"),
            PartnerRoleFormSet(data, instance=instance, prefix="partners"),
            CostFormSet(data, instance=instance, prefix="costs"),
            IndicatorFormSet(data, instance=instance, prefix="indicators"),
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        formsets = kwargs.get("formsets") or self.get_formsets(self.object or Measure())
        context["formsets"] = list(
            zip(
                [_("Phasen"), _("Partner"), _("Kosten je Jahr"), _("Kennzahlen")],
                formsets,
                strict=True,
            )
        )
        context["object"] = self.object
        return context

    def form_valid(self, form):
        formsets = self.get_formsets(form.instance)
        if not all(fs.is_valid() for fs in formsets):
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets))
        try:
            measure = services.measure_save(
                form=form, formsets=formsets, changed_by=self.request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets))
        messages.success(
            self.request, _("Die Maßnahme %(code)s wurde gespeichert.") % {"code": measure.code}
        )
        return redirect(measure)

    def form_invalid(self, form):
        formsets = self.get_formsets(form.instance)
        for formset in formsets:
            formset.is_valid()
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))


class MeasureCreateView(PermissionRequiredMixin, MeasureFormsetMixin, FormView):
    permission_required = "measures.manage_measure"

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)


class MeasureUpdateView(PermissionFirstMixin, MeasureFormsetMixin, FormView):
    permission_required = "measures.manage_measure"
    model = Measure


class MeasurePageMixin(PermissionFirstMixin):
    """A form about one measure the user may see, as ``measure`` on the page."""

    model = Measure
    context_object_name = "measure"

    @property
    def measure(self):
        return self.object

    def lookup_queryset(self):
        return super().lookup_queryset().select_related("field_of_action")


class MeasureStatusView(MeasurePageMixin, FormView):
    """Change a measure's status along the allowed transitions, with a reason."""

    permission_required = "measures.manage_measure"
    template_name = "measures/measure_status.html"
    form_class = StatusChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "measure": self.measure}

    def form_valid(self, form):
        try:
            services.measure_change_status(
                measure=self.measure,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                changed_by=self.request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        self.measure.refresh_from_db()
        messages.success(
            self.request,
            _("%(code)s ist jetzt „%(status)s“.")
            % {"code": self.measure.code, "status": self.measure.get_status_display()},
        )
        return redirect(self.measure)


class ProgressUpdateCreateView(MeasurePageMixin, FormView):
    """Staff, and partner users on their organisation's measures, report progress."""

    permission_required = "measures.report_progress"
    object_permission_required = "measures.post_progress"
    template_name = "measures/progress_form.html"
    form_class = ProgressUpdateForm

    def form_valid(self, form):
        try:
            services.progress_update_create(
                measure=self.measure, author=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Ihr Fortschrittsbericht wurde veröffentlicht."))
        return redirect(self.measure)


class IndicatorValueCreateView(MeasurePageMixin, FormView):
    permission_required = "measures.manage_measure"
    template_name = "measures/indicator_value_form.html"
    form_class = IndicatorValueForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "measure": self.measure}

    def form_valid(self, form):
        try:
            services.indicator_value_record(**form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Der Wert wurde gespeichert."))
        return redirect(self.measure)


class IdeaProposeView(PermissionRequiredMixin, FormView):
    """Board members, partners and staff propose a measure idea (open process)."""

    permission_required = "measures.propose_idea"
    template_name = "measures/idea_form.html"
    form_class = IdeaForm

    def form_valid(self, form):
        try:
            services.measure_propose_idea(proposed_by=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Vielen Dank! Ihre Idee wurde an die Wirtschaftsförderung übermittelt. "
                "Sie erhalten eine Nachricht, sobald sie bewertet ist."
            ),
        )
        return redirect("home")


class IdeaListView(PermissionRequiredMixin, ListView):
    """Ideas waiting for staff's decision."""

    permission_required = "measures.triage_ideas"
    template_name = "measures/idea_list.html"
    context_object_name = "ideas"
    paginate_by = 25

    def get_queryset(self):
        return selectors.ideas_to_triage()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for idea in context["ideas"]:
            idea.triage_form = TriageForm(prefix=f"idea-{idea.pk}")
        return context


class IdeaTriageView(MeasurePageMixin, FormView):
    permission_required = "measures.triage_ideas"
    template_name = "measures/idea_triage.html"
    form_class = TriageForm

    def get_prefix(self):
        return f"idea-{self.measure.pk}"

    def form_valid(self, form):
        try:
            services.measure_triage(
                measure=self.measure, decided_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        self.measure.refresh_from_db()
        messages.success(
            self.request,
            _("Die Idee %(code)s ist jetzt „%(status)s“; die vorschlagende Person wird informiert.")
            % {"code": self.measure.code, "status": self.measure.get_status_display()},
        )
        return redirect("measures:ideas")


class TimelineView(PermissionRequiredMixin, MeasureFilterMixin, FilterView):
    """The Gantt roadmap of the measures and their phases, grouped by field of action.

    Paginated like the lists (the whole roadmap is hundreds of rows): every page's chart has
    the time axis of all the filtered measures, so the pages line up."""

    permission_required = "measures.view_measure"
    template_name = "measures/timeline.html"
    paginate_by = 50

    def get_queryset(self):
        return Measure.objects.visible_to(self.request.user).order_by(*selectors.TIMELINE_ORDER)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = selectors.timeline_rows(context["object_list"])
        context["rows"] = rows
        context["chart"] = charts.timeline_svg(
            rows, today=today, years=selectors.timeline_years_of(self.object_list, today)
        )
        return context


class CapacityView(PermissionRequiredMixin, TemplateView):
    """Planned person-days against capacity quarter by quarter, overloaded quarters flagged."""

    permission_required = "measures.view_capacity"
    template_name = "measures/capacity.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first, last = selectors.capacity_window()
        quarters = selectors.capacity_quarters(first, last)
        context.update(
            quarters=quarters,
            chart=charts.capacity_svg(quarters),
            overloaded=[q for q in quarters if q.overloaded],
            current=quarter_index(timezone.localdate()),
            capacity_form=kwargs.get("capacity_form") or StaffCapacityForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Set the capacity of one quarter."""
        form = StaffCapacityForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(capacity_form=form), status=200)
        services.staff_capacity_set(**form.cleaned_data)
        messages.success(
            request,
            _("Die Kapazität für %(quarter)s wurde gespeichert.")
            % {"quarter": quarter_label(form.cleaned_data["quarter"])},
        )
        return redirect("measures:capacity")


class StaggeringView(PermissionRequiredMixin, TemplateView):
    """*Staffelung vorschlagen*: the scheduler's proposal as before/after, applied on accept."""

    permission_required = "measures.view_capacity"
    template_name = "measures/staggering.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staggering = services.staggering_propose()
        first, last = selectors.capacity_window()
        phases = selectors.planned_phases()
        last = max(
            [last, *(p.end + (staggering.starts.get(p.id, p.start) - p.start) for p in phases)]
        )
        before = selectors.capacity_quarters(first, last, phases=phases)
        after = selectors.capacity_quarters(first, last, phases=phases, starts=staggering.starts)
        moved = Phase.objects.select_related("measure").in_bulk(
            [m.phase_id for m in staggering.moves]
        )
        context.update(
            staggering=staggering,
            fingerprint=services.staggering_fingerprint(staggering),
            moves=[
                {
                    "phase": moved[m.phase_id],
                    "old": quarter_label(m.old_start),
                    "new": quarter_label(m.new_start),
                    "quarters": m.quarters,
                }
                for m in staggering.moves
            ],
            comparison=list(zip(before, after, strict=True)),
            chart_before=charts.capacity_svg(before, title=_("Vorher: Aufwand und Kapazität")),
            chart_after=charts.capacity_svg(
                after, title=_("Nachher: Aufwand und Kapazität mit der vorgeschlagenen Staffelung")
            ),
            overloaded_after_labels=[quarter_label(q) for q in staggering.overloaded_after],
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            count = services.staggering_apply(
                fingerprint=request.POST.get("fingerprint", ""), applied_by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("measures:staggering")
        messages.success(
            request,
            ngettext(
                "Die Staffelung wurde übernommen: %(count)s Phase verschoben.",
                "Die Staffelung wurde übernommen: %(count)s Phasen verschoben.",
                count,
            )
            % {"count": count},
        )
        return redirect("measures:capacity")


class PartnerListView(PermissionRequiredMixin, ExportMixin, FilterView):
    permission_required = "measures.view_partners"
    filterset_class = PartnerFilterSet
    template_name = "measures/partner_list.html"
    paginate_by = 25
    export_name = "partner"

    def get_export_columns(self):
        return [
            Column(_("Organisation"), "name"),
            Column(_("Kurzname"), "short_name"),
            Column(_("Art"), "get_kind_display"),
            Column(_("Website"), "website"),
            Column(_("Maßnahmen"), "measure_count", INT),
        ]

    def get_queryset(self):
        visible = ~Q(measures__status=Measure.Status.IDEA)
        return Partner.objects.annotate(
            measure_count=Count("measures", filter=visible, distinct=True)
        ).order_by("name")


class PartnerDetailView(PermissionFirstMixin, DetailView):
    permission_required = "measures.view_partners"
    template_name = "measures/partner_detail.html"
    context_object_name = "partner"
    model = Partner

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = (
            self.object.measure_roles.exclude(measure__status=Measure.Status.IDEA)
            .select_related("measure", "measure__field_of_action")
            .order_by("measure__code")
        )
        context["is_own"] = self.object.users.filter(pk=self.request.user.pk).exists()
        return context
