from django.contrib import admin

from .models import Committee, CommitteeMeeting


class CommitteeMeetingInline(admin.TabularInline):
    model = CommitteeMeeting
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    inlines = [CommitteeMeetingInline]
