"""Load the starter content in content/starter/ into the database, safely and repeatably.

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
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import ForeignKey
from wagtail import blocks
from wagtail.actions.delete_page import DeletePageAction
from wagtail.contrib.redirects.models import Redirect
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision, Site

from .enquiry import REFERRAL_COORDINATORS
from .models import Clinician, ContactSettings, EnquiryFormPage, GlossaryTerm, HomePage, Reference

STARTER_DIR = Path(__file__).resolve().parent / "starter"

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


# Pages ---------------------------------------------------------------------------------


def page_model(data):
    try:
        return apps.get_model(data["type"])
    except (LookupError, ValueError) as error:
        raise StarterContentError(f"Page {data.get('slug')!r}: unknown type") from error


def load_pages(pages, references, settings, report):
    homes = [data for data in pages if page_model(data) is HomePage]
    if len(homes) != 1:
        raise StarterContentError("The starter pages must include exactly one HomePage.")
    home_data = homes[0]
    children = [data for data in pages if data is not home_data]

    # First make sure every page exists, so that links between pages can be resolved;
    # then give each page its content as one revision, and publish it.
    home, home_created = ensure_home(home_data, settings, report)
    found = {home_data["slug"]: (home, home_created)}
    for data in children:
        found[data["slug"]] = ensure_child(home, data, report)

    def page_id(slug):
        page = found.get(slug, (None, False))[0]
        if page is None:
            raise StarterContentError(f"A link points to the page {slug!r}, which is missing.")
        return page.pk

    for data in [home_data, *children]:
        page, created = found[data["slug"]]
        if page is not None:
            update_page(page, data, created, references, page_id, report)


def ensure_home(data, settings, report):
    """The HomePage, created at the top of the tree and made the site's root if needed."""
    home = HomePage.objects.order_by("pk").first()
    if home is not None:
        return home, False

    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    welcome = site.root_page if site else None
    if welcome is not None and not is_default_welcome_page(welcome):
        welcome = None
    clash = root.get_children().filter(slug=data["slug"])
    if welcome is not None:
        clash = clash.exclude(pk=welcome.pk)
    if clash.exists():
        raise StarterContentError(
            f"A top-level page with the slug {data['slug']!r} already exists and is not "
            "Wagtail's default welcome page. Rename or remove it, then run this again."
        )

    if welcome is not None:
        # A Site is deleted with its root page (on_delete=CASCADE): point it at the tree's
        # root while the welcome page goes, then at the new home page.
        site.root_page = root
        site.save()
        DeletePageAction(welcome, user=None).execute(skip_permission_checks=True)
        report.add("Wagtail's default welcome page", "deleted")

    home = new_page(HomePage, data)
    root.add_child(instance=home)
    log(instance=home, action="wagtail.create", content_changed=True)

    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            site_name=settings.organisation_name,
            root_page=home,
            is_default_site=True,
        )
        report.add("Default site", CREATED)
    else:
        site.root_page = home
        if not site.site_name:
            site.site_name = settings.organisation_name
        site.save()
        report.add(f"Default site {site.hostname}", UPDATED, "its root is the new home page")
    return home, True


def is_default_welcome_page(page):
    """Wagtail's "Welcome to your new Wagtail site!" page: a plain Page, childless."""
    return page.depth == 2 and page.specific_class is Page and not page.get_children().exists()


def ensure_child(home, data, report):
    """The page under the home page with the data's slug, created if missing.

    Returns (page, created), or (None, False) when a different kind of page holds the slug.
    """
    model = page_model(data)
    existing = home.get_children().filter(slug=data["slug"]).first()
    if existing is None:
        page = new_page(model, data)
        home.add_child(instance=page)
        log(instance=page, action="wagtail.create", content_changed=True)
        return page, True
    if existing.specific_class is not model:
        report.add(
            page_label(data),
            LEFT_ALONE,
            f"the slug belongs to a {existing.specific_class.__name__}, not a {model.__name__}",
        )
        return None, False
    return existing.specific, False


def new_page(model, data):
    """A draft page with the data's plain fields: enough to be saved in the tree."""
    plain = {
        name: value
        for name, value in data.get("fields", {}).items()
        if not isinstance(model_field(model, name, data), (StreamField, ForeignKey))
    }
    return model(title=data["title"], slug=data["slug"], live=False, **plain)


def page_label(data):
    return f"Page {data['slug']!r}"


def model_field(model, name, data):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist as error:
        raise StarterContentError(
            f"{page_label(data)}: {model.__name__} has no {name!r}"
        ) from error


def touched_by_people(page):
    """True if anyone signed in ever saved, published, moved, locked or otherwise changed it."""
    revisions = Revision.objects.for_instance(page)
    logs = PageLogEntry.objects.filter(page=page)
    return revisions.filter(user__isnull=False).exists() or logs.filter(user__isnull=False).exists()


def update_page(page, data, created, references, page_id, report):
    label = page_label(data)
    if not created and touched_by_people(page):
        report.add(label, LEFT_ALONE, "edited by staff")
        return

    model = type(page)
    wanted = wanted_values(model, data, references, page_id)
    target = page if created else page.get_latest_revision_as_object()
    if not created and all(
        comparable(target, name, getattr(target, name)) == comparable(target, name, value)
        for name, value in wanted.items()
    ):
        report.add(label, UNCHANGED)
        return

    for name, value in wanted.items():
        setattr(target, name, value)
    revision = target.save_revision(log_action=not created)
    revision.publish()
    report.add(label, CREATED if created else UPDATED)


def wanted_values(model, data, references, page_id):
    """The field values the data asks for, checked as the editor's form would check them."""
    wanted = {"title": data["title"]}
    for name, value in data.get("fields", {}).items():
        field_ = model_field(model, name, data)
        if isinstance(field_, StreamField):
            stream_field = field_
            value = stream_field.to_python(
                resolve_pages(stream_field.stream_block, value, page_id, name)
            )
            try:
                stream_field.stream_block.clean(value)
            except ValidationError as error:
                details = error.as_json_data() if hasattr(error, "as_json_data") else error
                raise StarterContentError(f"{page_label(data)}, {name}: {details}") from error
        elif is_page_link(field_):
            name, value = field_.attname, page_id(value)
        wanted[name] = value
    if "references" in data:
        if not hasattr(model, "page_references"):
            raise StarterContentError(f"{page_label(data)}: this page type has no references")
        reference_model = model.page_references.rel.related_model
        try:
            wanted["page_references"] = [
                reference_model(reference=references[key], sort_order=order)
                for order, key in enumerate(data["references"])
            ]
        except KeyError as error:
            raise StarterContentError(f"{page_label(data)}: no reference {error}") from error
    if "form_fields" in data:
        if not hasattr(model, "form_fields"):
            raise StarterContentError(f"{page_label(data)}: this page type has no form fields")
        field_model = model.form_fields.rel.related_model
        wanted["form_fields"] = [
            field_model(sort_order=order, **item) for order, item in enumerate(data["form_fields"])
        ]
    return wanted


def is_page_link(model_field):
    """A foreign key to a page, given in the data as the page's slug."""
    return isinstance(model_field, ForeignKey) and issubclass(model_field.related_model, Page)


FORM_FIELD_ATTRIBUTES = ("label", "field_type", "required", "choices", "default_value", "help_text")


def comparable(page, name, value):
    """A field's value in a form that compares equal when the content is the same."""
    if name in ("page_references", "form_fields"):
        items = value.all() if hasattr(value, "all") else value
        items = sorted(items, key=lambda i: i.sort_order or 0)
        if name == "form_fields":
            return [tuple(getattr(item, a) for a in FORM_FIELD_ATTRIBUTES) for item in items]
        return [item.reference_id for item in items]
    model_field = type(page)._meta.get_field(name)
    if isinstance(model_field, StreamField):
        return without_ids(model_field.stream_block.get_prep_value(value))
    return value


def without_ids(value):
    """Block ids are Wagtail's bookkeeping, not content: drop them before comparing."""
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    if isinstance(value, dict):
        is_block = "type" in value and "value" in value
        return {k: without_ids(v) for k, v in value.items() if not (is_block and k == "id")}
    return value


def resolve_pages(block, value, page_id, path):
    """The value with every page chooser's slug replaced by that page's id.

    Also rejects block types and fields the block definition does not know, which Wagtail
    would otherwise drop without a word.
    """
    if isinstance(block, blocks.StreamBlock):
        resolved = []
        for index, child in enumerate(value):
            name = child.get("type")
            if name not in block.child_blocks:
                raise StarterContentError(f"{path}[{index}]: unknown block type {name!r}")
            child_value = resolve_pages(
                block.child_blocks[name], child.get("value"), page_id, f"{path}[{index}]"
            )
            resolved.append({**child, "value": child_value})
        return resolved
    if isinstance(block, blocks.StructBlock):
        unknown = set(value) - set(block.child_blocks)
        if unknown:
            raise StarterContentError(f"{path}: unknown fields {sorted(unknown)}")
        return {
            name: resolve_pages(block.child_blocks[name], item, page_id, f"{path}.{name}")
            for name, item in value.items()
        }
    if isinstance(block, blocks.ListBlock):
        resolved = []
        for index, item in enumerate(value):
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                inner = resolve_pages(block.child_block, item["value"], page_id, path)
                resolved.append({**item, "value": inner})
            else:
                resolved.append(resolve_pages(block.child_block, item, page_id, f"{path}[{index}]"))
        return resolved
    if isinstance(block, blocks.PageChooserBlock) and isinstance(value, str):
        return page_id(value)
    return value


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
    edit the form page (and content/wagtail_hooks.py narrows that to this group)."""
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
