"""The board and committee models left this app for dialog.board and dialog.committee.

Their tables, rows and content types stay (the content types, and so permissions and admin
log entries, are relabelled to the new apps)."""


from django.db import migrations

MOVED = {
    "board": [
        "agendaitem", "boarddocument", "boardmeeting", "boardmembership", "measurecomment",
        "priorityround", "priorityvote", "resolution",
    ],
    "committee": ["committee", "committeemeeting"],
}  # fmt: skip


def _relabel(apps, source, target_of):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app, models in MOVED.items():
        target = target_of(app)
        for model in models:
            if not ContentType.objects.filter(app_label=target, model=model).exists():
                ContentType.objects.filter(app_label=source(app), model=model).update(
                    app_label=target
                )


def relabel_content_types(apps, schema_editor):
    _relabel(apps, lambda app: "dialog", lambda app: app)


def unlabel_content_types(apps, schema_editor):
    _relabel(apps, lambda app: app, lambda app: "dialog")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('board', '0001_initial'),
        ('dialog', '0005_committee_timestamps'),
        ('reports', '0002_committee_app'),
    ]

    state_operations = [
        migrations.RemoveField(
            model_name='resolution',
            name='agenda_item',
        ),
        migrations.RemoveField(
            model_name='boarddocument',
            name='agenda_item',
        ),
        migrations.RemoveField(
            model_name='boarddocument',
            name='meeting',
        ),
        migrations.RemoveField(
            model_name='boarddocument',
            name='uploaded_by',
        ),
        migrations.RemoveField(
            model_name='resolution',
            name='meeting',
        ),
        migrations.RemoveField(
            model_name='boardmembership',
            name='company',
        ),
        migrations.RemoveField(
            model_name='boardmembership',
            name='user',
        ),
        migrations.RemoveField(
            model_name='committeemeeting',
            name='committee',
        ),
        migrations.RemoveField(
            model_name='measurecomment',
            name='author',
        ),
        migrations.RemoveField(
            model_name='measurecomment',
            name='hidden_by',
        ),
        migrations.RemoveField(
            model_name='measurecomment',
            name='measure',
        ),
        migrations.RemoveField(
            model_name='priorityvote',
            name='round',
        ),
        migrations.RemoveField(
            model_name='priorityvote',
            name='measure',
        ),
        migrations.RemoveField(
            model_name='priorityvote',
            name='voter',
        ),
        migrations.RemoveField(
            model_name='resolution',
            name='applied_by',
        ),
        migrations.RemoveField(
            model_name='resolution',
            name='measure',
        ),
        migrations.DeleteModel(
            name='AgendaItem',
        ),
        migrations.DeleteModel(
            name='BoardDocument',
        ),
        migrations.DeleteModel(
            name='BoardMeeting',
        ),
        migrations.DeleteModel(
            name='BoardMembership',
        ),
        migrations.DeleteModel(
            name='Committee',
        ),
        migrations.DeleteModel(
            name='CommitteeMeeting',
        ),
        migrations.DeleteModel(
            name='MeasureComment',
        ),
        migrations.DeleteModel(
            name='PriorityRound',
        ),
        migrations.DeleteModel(
            name='PriorityVote',
        ),
        migrations.DeleteModel(
            name='Resolution',
        ),
    ]

    # The tables stay where they are: only Django's picture of the models changes.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(relabel_content_types, unlabel_content_types),
    ]
