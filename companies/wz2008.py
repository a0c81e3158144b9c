"""The WZ 2008 classification of economic activities (Destatis), complete: 21 sections,
88 divisions, 272 groups, 615 classes and 839 subclasses.

The data lives in ``companies/data/wz2008.csv`` (code, level, title, parent code), taken from
the Federal Statistical Office's WZ 2008 classification (Klassifikationsserver export of
29 September 2025), parents before their children. Loaded into
:class:`companies.models.Sector` by data migrations.
"""

import csv
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "wz2008.csv"
LEVELS = ("section", "division", "group", "class", "subclass")


@cache
def entries() -> tuple[dict, ...]:
    """The classification's rows (dicts with code, level, title, parent), parents first."""
    with DATA_FILE.open(encoding="utf-8", newline="") as file:
        return tuple(csv.DictReader(file))


def load(sector_model):
    """Create or update every level of the classification (idempotent, a few queries)."""
    rows = entries()
    existing = {sector.code: sector for sector in sector_model.objects.all()}
    for level in LEVELS:
        created, changed = [], []
        for row in rows:
            if row["level"] != level:
                continue
            parent = existing[row["parent"]] if row["parent"] else None
            sector = existing.get(row["code"])
            if sector is None:
                sector = sector_model(
                    code=row["code"], title=row["title"], level=level, parent=parent
                )
                created.append(sector)
            elif (sector.title, sector.level, sector.parent_id) != (
                row["title"],
                level,
                parent.pk if parent else None,
            ):
                sector.title, sector.level, sector.parent = row["title"], level, parent
                changed.append(sector)
        sector_model.objects.bulk_create(created)
        sector_model.objects.bulk_update(changed, ["title", "level", "parent"])
        existing.update({sector.code: sector for sector in created})


def ensure_loaded(sector_model):
    """Load the classification unless it is there (a flushed test database lacks it)."""
    if sector_model.objects.count() < len(entries()):
        load(sector_model)
