"""View mixins every app shares: the permission-first object view and service-backed forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from rules.contrib.views import PermissionRequiredMixin


def form_errors(form, exc: ValidationError):
    """Put a service's ValidationError on the form so the page re-renders with it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ServiceFormMixin:
    """Create (no ``pk``) or edit (``pk``) one ``model`` object with a model form, written
    through ``save(instance)`` (a service); the service's ValidationError lands on the form.
    Put it before the permission mixin so that its ``load`` is the one dispatch calls."""

    model = None
    success_message = ""
    object = None

    def load(self, **kwargs):
        if "pk" in kwargs:
            self.object = get_object_or_404(self.model, pk=kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.object}

    def save(self, instance):
        raise NotImplementedError

    def success_url_for(self, saved):
        return saved.get_absolute_url()

    def form_valid(self, form):
        try:
            saved = self.save(form.instance)
        except ValidationError as exc:
            form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.success_url_for(saved))


class PermissionFirstMixin(PermissionRequiredMixin):
    """Check the permission before looking anything up, so that someone without the right gets
    the same answer (login or 403) whether an object exists or not: no guessing of IDs.

    Views fetch their objects in ``load(**kwargs)``, which may return a response instead.
    """

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        response = self.load(**kwargs)
        if response is not None:
            return response
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs):
        return None
