"""Retention runs by itself: the scheduled commands ship as systemd service and timer units
(deploy/systemd/), which systemd itself accepts, and which run the commands the README
lists. When enquiries older than the retention limit exist anyway, the purge is not
running, and the dashboard tells the people who read enquiries.
"""

import configparser
import re
import shlex
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command, get_commands, load_command_class
from django.test import Client
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from content.starter.loader import ensure_referral_coordinators
from content.starter.report import Report

from . import test_enquiry_form as enquiry
from .conftest import parse

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "deploy" / "systemd"
INSTALLED_AT = "/srv/star"  # where the units expect the site (README, "Deploying")
enquiry_page = enquiry.enquiry_page


def unit(path):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(path)
    return parser


def services():
    return sorted(UNITS.glob("*.service"))


def command_line(service):
    """The unit's `manage.py` arguments: ['purge_submissions', ...]."""
    words = shlex.split(unit(service)["Service"]["ExecStart"])
    assert words[:2] == [f"{INSTALLED_AT}/.venv/bin/python", "manage.py"], words
    return words[2:]


def readme_scheduled_commands():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("### Scheduled commands", 1)[1].split("\n#", 1)[0]
    return {
        row.group(1): row.group(2)
        for row in re.finditer(r"^\| `manage\.py (\w+)[^`]*` \| ([^|]+) \|", table, re.M)
    }


SYSTEMD_ANALYZE = shutil.which("systemd-analyze")


@pytest.mark.skipif(not SYSTEMD_ANALYZE, reason="systemd-analyze is not installed")
def test_systemd_accepts_every_unit(tmp_path):
    """`systemd-analyze verify`: every key known, every calendar valid, every program there.
    The units name /srv/star; here they name this checkout, whose .venv has the program."""
    for path in UNITS.iterdir():
        (tmp_path / path.name).write_text(path.read_text().replace(INSTALLED_AT, str(ROOT)))
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", "--man=no", *sorted(map(str, tmp_path.iterdir()))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_every_service_has_a_timer_that_starts_it_and_is_enabled_by_timers_target():
    assert services(), "no units in deploy/systemd/"
    for service in services():
        timer = unit(service.with_suffix(".timer"))
        assert timer["Timer"]["Unit"] == service.name
        assert timer["Timer"]["OnCalendar"]
        assert timer["Install"]["WantedBy"] == "timers.target"
        assert unit(service)["Service"]["Type"] == "oneshot"
        assert unit(service)["Service"]["User"] != "root"


def test_every_command_the_readme_schedules_has_a_unit():
    scheduled = {command_line(service)[0] for service in services()}
    in_readme = readme_scheduled_commands()
    assert "purge_submissions" in scheduled
    wanted = {name for name, often in in_readme.items() if "when you like" not in often}
    assert wanted <= scheduled, wanted - scheduled
    assert scheduled <= set(in_readme), scheduled - set(in_readme)


def aged(page, days):
    item = FormSubmission.objects.create(page=page, form_data={"your_name": f"{days} days"})
    FormSubmission.objects.filter(pk=item.pk).update(
        submit_time=timezone.now() - timedelta(days=days)
    )
    return item


# The scheduled commands that only tidy the database, safe to run here for real.
RUN_HERE = {"publish_scheduled", "send_review_reminders", "purge_submissions", "clearsessions"}


def test_each_units_command_line_is_one_its_command_takes():
    commands = get_commands()
    for service in services():
        name, *arguments = command_line(service)
        command = load_command_class(commands[name], name)
        command.create_parser("manage.py", name).parse_args(arguments)  # exits if refused


def test_each_unit_runs_its_command_as_written(enquiry_page):
    """The units' command lines, run for real: the purge unit deletes what is past the limit."""
    kept, old = aged(enquiry_page, 10), aged(enquiry_page, 400)
    ran = set()
    for service in services():
        if command_line(service)[0] in RUN_HERE:
            call_command(*command_line(service), verbosity=0)
            ran.add(command_line(service)[0])
    assert ran == RUN_HERE
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not FormSubmission.objects.filter(pk=old.pk).exists()


# The dashboard --------------------------------------------------------------------------------


def signed_in(*groups, superuser=False):
    ensure_referral_coordinators(Report())
    user = User.objects.create_user("staff", password="x", is_superuser=superuser)
    user.groups.set(Group.objects.filter(name__in=groups))
    client = Client()
    client.force_login(user)
    return client


def warning(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return parse(response).find(id="enquiries-past-retention-section")


def test_coordinators_are_warned_when_enquiries_outlive_the_retention_limit(enquiry_page):
    aged(enquiry_page, 179)
    coordinator = signed_in("Referral coordinators")
    assert warning(coordinator) is None  # within the limit: all is well
    aged(enquiry_page, 181)
    aged(enquiry_page, 400)
    text = warning(coordinator).get_text(" ", strip=True)
    assert "2 enquiries are older than 180 days" in text
    assert "purge_submissions" in text and "is not running" in text
    call_command(*command_line(UNITS / "star-purge-submissions.service"), verbosity=0)
    assert warning(coordinator) is None


def test_only_those_who_read_enquiries_see_the_warning(enquiry_page):
    aged(enquiry_page, 400)
    assert warning(signed_in("Editors")) is None
    User.objects.all().delete()
    assert "1 enquiry is older" in warning(signed_in(superuser=True)).get_text(" ", strip=True)
