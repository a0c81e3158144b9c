"""Writing to the audit log."""

from .models import AuditEntry


def audit_record(
    *, actor, action: str, obj=None, label: str | None = None, detail: dict | None = None
) -> AuditEntry:
    """Record a sensitive action of ``actor`` (a user or None for the system) on ``obj``.

    ``label`` replaces ``str(obj)`` where that would keep personal data in the log (a contact
    person who may later be erased).
    """
    entry = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=str(actor) if getattr(actor, "is_authenticated", False) else "System",
        action=AuditEntry.Action(action),
        detail=detail or {},
    )
    if obj is not None:
        entry.object_type = obj._meta.label
        entry.object_id = str(obj.pk)
        entry.object_label = (label if label is not None else str(obj))[:255]
    entry.full_clean()
    entry.save()
    return entry
