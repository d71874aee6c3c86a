"""Reading the starter data files."""

import json
from pathlib import Path

from django.conf import settings

from .pages import CHILD_ROWS

STARTER_DIR = Path(__file__).resolve().parent / "data"


def read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def read_page(path, directory=STARTER_DIR):
    """A page's data, with [retention_days] replaced by how long enquiries are kept, and a
    list given as a file name ("taglines": "taglines.json") read from that file."""
    text = Path(path).read_text(encoding="utf-8")
    days = str(settings.FORM_SUBMISSION_RETENTION_DAYS)
    data = json.loads(text.replace("[retention_days]", days))
    for name in CHILD_ROWS:
        if isinstance(data.get(name), str):
            data[name] = read_json(Path(directory) / data[name])
    return data
