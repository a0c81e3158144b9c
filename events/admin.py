from django.contrib import admin

from .models import (
    Event,
    MobilityApplication,
    MobilityFeedback,
    MobilityMatch,
    MobilityOffer,
    MobilityWeek,
    Registration,
)


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "company_name", "status", "queued_at"]
    readonly_fields = ["queued_at"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "starts_at", "visibility", "status", "capacity"]
    list_filter = ["format", "visibility", "status"]
    search_fields = ["title", "venue", "description"]
    date_hierarchy = "starts_at"
    autocomplete_fields = []
    filter_horizontal = ["organisers", "measures"]
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["event"]
    search_fields = ["name", "email", "company_name", "event__title"]


class MobilityOfferInline(admin.TabularInline):
    model = MobilityOffer
    extra = 0


@admin.register(MobilityWeek)
class MobilityWeekAdmin(admin.ModelAdmin):
    list_display = ["year", "starts_on", "ends_on", "application_deadline"]
    inlines = [MobilityOfferInline]


@admin.register(MobilityApplication)
class MobilityApplicationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "home_company", "week", "status"]
    list_filter = ["week", "status"]
    list_select_related = ["home_company", "week"]
    search_fields = ["name", "email"]


@admin.register(MobilityMatch)
class MobilityMatchAdmin(admin.ModelAdmin):
    list_display = ["application", "offer", "accepted_at"]
    list_select_related = ["application__home_company", "offer__host_company"]


@admin.register(MobilityFeedback)
class MobilityFeedbackAdmin(admin.ModelAdmin):
    list_display = ["match", "rating", "would_recommend", "submitted_at"]
    list_select_related = ["match__application__home_company", "match__offer__host_company"]
