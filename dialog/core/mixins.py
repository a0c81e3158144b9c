"""View mixins every app shares: the permission-first object view and service-backed forms."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect


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
    Use it with :class:`PermissionFirstMixin`, whose ``load`` finds the object."""

    success_message = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

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


class PermissionFirstMixin(AccessMixin):
    """The one object view: permission before lookup, so that nobody learns by guessing IDs
    which objects exist (DESIGN.md §4: a hidden object and a missing one answer alike).

    1. ``permission_required``: may this user use the route at all? Checked without an object,
       before anything is looked up. ``()`` opens the route to everyone (the lookup decides).
    2. ``load(**kwargs)`` looks the objects up, only among what the user may see. By default
       it sets ``self.object`` to the ``model`` whose primary key is in the URL, from
       :meth:`lookup_queryset` (``Model.objects.visible_to(user)``). It may return a response
       instead. A hidden object and a missing one both raise ``Http404``: a 404 for a logged-in
       user, the login page for an anonymous visitor (who may see more after logging in).
    3. ``object_permission_required``: what the view does with ``self.object`` (e.g. may edit),
       checked on the object once it is found.

    Refusals follow Django's ``AccessMixin``: anonymous visitors go to the login page,
    logged-in users get a 403.
    """

    permission_required = None
    object_permission_required = ()
    model = None
    object = None
    pk_url_kwarg = "pk"
    context_object_name = None

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.has_perms(_as_tuple(self.permission_required)):
            return self.handle_no_permission()
        try:
            response = self.load(**kwargs)
        except Http404:
            if not user.is_authenticated:
                return self.handle_no_permission()
            raise
        if response is not None:
            return response
        if self.object is not None and not user.has_perms(
            _as_tuple(self.object_permission_required), self.object
        ):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def lookup_queryset(self):
        """What the user may see of ``model``; views that show more refine it (``select_related``
        …) and never widen it. Models whose every object is open to whoever may use the route
        (the board's and the committee's, behind ``board.view_area`` or a staff permission)
        need no ``visible_to``."""
        manager = self.model._default_manager
        if hasattr(manager, "visible_to"):
            return manager.visible_to(self.request.user)
        return manager.all()

    def load(self, **kwargs):
        if self.model is not None and self.pk_url_kwarg in kwargs:
            self.object = get_object_or_404(self.lookup_queryset(), pk=kwargs[self.pk_url_kwarg])
        return None

    def get_object(self, queryset=None):
        """For ``DetailView``: the object ``load`` found."""
        return self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object is not None:
            context.setdefault("object", self.object)
            if self.context_object_name:
                context.setdefault(self.context_object_name, self.object)
        return context


def _as_tuple(permissions):
    if permissions is None:
        raise ImproperlyConfigured(
            "A PermissionFirstMixin view names its permission_required (() for everyone)."
        )
    return (permissions,) if isinstance(permissions, str) else tuple(permissions)
