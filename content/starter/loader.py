"""Load the starter content in content/starter/data/ into the database, safely and repeatably.

The data is the first draft only: staff own the content in the CMS once it is loaded. So
the loader creates what is missing, refreshes what only the loader has ever touched, and
leaves everything a person has edited alone. Running it twice changes nothing.

Data files (JSON):
  settings.json     ContactSettings field values
  references.json   a list of Reference rows, each with a "key" the pages refer to
  clinicians.json   a list of Clinician rows
  glossary.json     a list of GlossaryTerm rows: term, definition, other_forms
  pages/*.json      one page each: "type" (app_label.Model), "slug", "title", "fields"
                    and, on a procedure page, "references" (a list of reference keys).
                    StreamField values are Wagtail's raw JSON form; a page chooser's
                    value is the slug of a page in the starter tree.
"""

import json
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupPagePermission, Page

from content.enquiries.models import REFERRAL_COORDINATORS, EnquiryFormPage
from content.glossary.models import GlossaryTerm
from content.organisation.models import ContactSettings
from content.pages.models import Reference
from content.review.models import Clinician

from .pages import load_pages
from .report import CREATED, LEFT_ALONE, UNCHANGED, Report, StarterContentError

STARTER_DIR = Path(__file__).resolve().parent / "data"


def read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load(directory=STARTER_DIR):
    """Load everything, in one transaction. Returns the report's lines."""
    directory = Path(directory)
    report = Report()
    with transaction.atomic():
        settings = load_settings(read_json(directory / "settings.json"), report)
        load_clinicians(read_json(directory / "clinicians.json"), report)
        if (directory / "glossary.json").exists():
            load_glossary_terms(read_json(directory / "glossary.json"), report)
        references = load_references(read_json(directory / "references.json"), report)
        pages = [read_json(path) for path in sorted((directory / "pages").glob("*.json"))]
        load_pages(pages, references, settings, report)
        load_redirects(read_json(directory / "redirects.json"), report)
        ensure_referral_coordinators(report)
    return report.lines


# Settings and snippets -------------------------------------------------------------------


def setting_fields(model):
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def load_settings(data, report):
    """Create the contact details, or fill a row that still holds only the defaults.

    ContactSettings.load() creates an empty row the first time any page is served, so a
    row with nothing but default values has never been edited and is filled in too.
    """
    label = "Contact details"
    fields = {f.name: f for f in setting_fields(ContactSettings)}
    unknown = set(data) - set(fields)
    if unknown:
        raise StarterContentError(f"settings.json: unknown fields {sorted(unknown)}")
    instance = ContactSettings.objects.order_by("pk").first()
    if instance is None:
        instance = save_valid(ContactSettings(**data), "settings.json")
        report.add(label, CREATED)
    elif all(getattr(instance, name) == f.get_default() for name, f in fields.items()):
        for name, value in data.items():
            setattr(instance, name, value)
        save_valid(instance, "settings.json")
        report.add(label, CREATED, "filled in the empty default row")
    elif all(getattr(instance, name) == value for name, value in data.items()):
        report.add(label, UNCHANGED)
    else:
        report.add(label, LEFT_ALONE, "edited by staff")
    return instance


def load_clinicians(data, report):
    for item in data:
        clinician, created = Clinician.objects.get_or_create(name=item["name"], defaults=item)
        report.add(f"Clinician {clinician}", CREATED if created else UNCHANGED)


def load_glossary_terms(data, report):
    """Create each missing term. A term that exists is staff's: never overwritten."""
    for item in data:
        term = GlossaryTerm.objects.filter(term__iexact=item["term"]).first()
        if term is None:
            save_valid(GlossaryTerm(**item), f"glossary.json, {item['term']}")
            report.add(f"Glossary term {item['term']}", CREATED)
        else:
            report.add(f"Glossary term {term.term}", UNCHANGED)


def load_references(data, report):
    """Get or create each reference by authors and title. Returns them by key."""
    references = {}
    for item in data:
        item = dict(item)
        key = item.pop("key")
        if key in references:
            raise StarterContentError(f"references.json: the key {key!r} is used twice")
        lookup = {"authors": item.pop("authors"), "title": item.pop("title")}
        reference = Reference.objects.filter(**lookup).order_by("pk").first()
        if reference is None:
            reference = save_valid(Reference(**lookup, **item), f"references.json, {key}")
            report.add(f"Reference {key}", CREATED)
        else:
            report.add(f"Reference {key}", UNCHANGED)
        references[key] = reference
    return references


def save_valid(instance, where):
    try:
        instance.full_clean()
    except ValidationError as error:
        raise StarterContentError(f"{where}: {error}") from error
    instance.save()
    return instance


# Short links and the people who read enquiries -----------------------------------------


def load_redirects(data, report):
    """Permanent short links (such as /star/) to starter pages, made once; staff own them."""
    for item in data:
        path = Redirect.normalise_path(item["old_path"])
        label = f"Redirect {path}"
        page = Page.objects.filter(slug=item["page"], depth=3).first()
        if page is None:
            raise StarterContentError(f"redirects.json: no starter page {item['page']!r}")
        existing = Redirect.objects.filter(old_path=path, site=None).first()
        if existing is None:
            Redirect.objects.create(old_path=path, site=None, is_permanent=True, redirect_page=page)
            report.add(label, CREATED)
        elif existing.redirect_page_id == page.pk and existing.is_permanent:
            report.add(label, UNCHANGED)
        else:
            report.add(label, LEFT_ALONE, "edited by staff")


def ensure_referral_coordinators(report):
    """The group that reads enquiries: Wagtail shows a form's submissions to those who can
    edit the form page (and content/enquiries/wagtail_hooks.py narrows that to this group)."""
    label = f"Group {REFERRAL_COORDINATORS!r}"
    if Group.objects.filter(name=REFERRAL_COORDINATORS).exists():
        report.add(label, UNCHANGED)
        return
    group = Group.objects.create(name=REFERRAL_COORDINATORS)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    form_page = EnquiryFormPage.objects.order_by("pk").first()
    if form_page is not None:
        GroupPagePermission.objects.create(group=group, page=form_page, permission_type="change")
    report.add(label, CREATED)
