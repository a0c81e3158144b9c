"""The public application form for the Woche der Mobilität asks for the company by name.

The form listed every active company of the register (with its id) to anyone; now the person
types their company's name, which links the application to the register only where it equals
a name there. Existing applications keep their company and get its name.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def names_from_register(apps, schema_editor):
    MobilityApplication = apps.get_model("events", "MobilityApplication")
    Company = apps.get_model("companies", "Company")
    MobilityApplication.objects.filter(home_company__isnull=False).update(
        home_company_name=Subquery(
            Company.objects.filter(pk=OuterRef("home_company_id")).values("name")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="mobilityapplication",
            name="home_company_name",
            field=models.CharField(
                default="",
                help_text="Das Unternehmen, in dem die Person beschäftigt ist, wie sie es angab.",
                max_length=200,
                verbose_name="eigenes Unternehmen",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="mobilityapplication",
            name="home_company",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "Das Unternehmen im Register, wenn die Angabe einem Namen dort gleicht; "
                    "niemand hospitiert im eigenen Unternehmen."
                ),
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mobility_applications",
                to="companies.company",
                verbose_name="eigenes Unternehmen im Register",
            ),
        ),
        migrations.RunPython(names_from_register, migrations.RunPython.noop, elidable=True),
    ]
