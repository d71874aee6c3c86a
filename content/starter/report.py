"""What the loader reports, line by line, and the one error it raises."""

from dataclasses import dataclass, field

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
LEFT_ALONE = "left alone"


class StarterContentError(Exception):
    """The starter data, or the database, is not in a state the loader can safely handle."""


@dataclass
class Report:
    lines: list = field(default_factory=list)

    def add(self, label, status, reason=""):
        self.lines.append(f"{label}: {status}" + (f" ({reason})" if reason else ""))
