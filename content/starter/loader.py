"""Load the starter content in content/starter/data/ into the database, safely and repeatably.

The data is the first draft only: staff own the content in the CMS once it is loaded. So
the loader creates what is missing, refreshes what only the loader has ever touched, and
leaves everything a person has edited alone. Running it twice changes nothing.

Data files (JSON):
  settings.json     ContactSettings field values
  visiting.json     VisitingSettings field values: parking, transport, the step-free
                    entrance and the price estimator (fictional, flagged until replaced)
  brand.json        BrandSettings field values; "logo" is an image file under data/
                    (in each, "<field>_es" is the field's Spanish twin: a row staff have
                    edited gets them while all its Spanish fields are empty)
  illustrations.json  drawings in images/: key, file, title, and the alt text, caption and
                    long description that the pages' illustration blocks use
  references.json   a list of Reference rows, each with a "key" the pages refer to
  clinicians.json   a list of Clinician rows
  glossary.json     a list of GlossaryTerm rows: term, definition, other_forms
  site_links.json   the enquiry page the contact details point to, and the footer's links
                    (page slugs)
  search_promotions.json  promoted search results: each query string (as patients type
                    it) to {"page": a starter page's slug, "description": optional text}
  pages/*.json      one page each: "type" (app_label.Model), "slug", "title", "order"
                    (its place among the home page's children), "fields"
                    and, on a procedure page, "references" (a list of reference keys).
                    StreamField values are Wagtail's raw JSON form; a page chooser's
                    value is the slug of a page in the starter tree. "[retention_days]" in
                    the text becomes FORM_SUBMISSION_RETENTION_DAYS. "confirm_by" names
                    who must check a page before it counts as confirmed (the dashboard
                    says so until a person publishes it). A list of rows ("form_fields",
                    "taglines") may be given as the name of a data file that holds it.
  taglines.json     the Language help page's taglines: language, name in itself, lang
                    code, text direction and text with [phone], one per language
  es/               the Spanish starter content, loaded as translations of the English
                    (translations.py)
"""

from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.images.models import Image
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.search.utils import normalise_query_string

from content.enquiries.models import REFERRAL_COORDINATORS, EnquiryFormPage
from content.glossary.models import GlossaryTerm
from content.organisation.models import (
    BrandSettings,
    ContactSettings,
    FooterLink,
    FooterLinks,
    VisitingSettings,
)
from content.organisation.spanish import spanish_name
from content.pages.models import Reference
from content.review.models import Clinician

from .files import STARTER_DIR, read_json, read_page
from .pages import load_pages
from .report import CREATED, LEFT_ALONE, UNCHANGED, UPDATED, Report, StarterContentError
from .translations import load_translations

# Starter pictures carry this tag until a clinician has approved them (confirmations.py).
SIGN_OFF_TAG = "needs clinician sign-off"


def load(directory=STARTER_DIR):
    """Load everything, in one transaction. Returns the report's lines."""
    directory = Path(directory)
    report = Report()
    with transaction.atomic():
        load_setting(ContactSettings, read_json(directory / "settings.json"), report)
        if (directory / "visiting.json").exists():
            load_setting(VisitingSettings, read_json(directory / "visiting.json"), report)
        brand = load_brand(directory, read_json(directory / "brand.json"), report)
        load_clinicians(read_json(directory / "clinicians.json"), report)
        if (directory / "glossary.json").exists():
            load_glossary_terms(read_json(directory / "glossary.json"), report)
        references = load_references(read_json(directory / "references.json"), report)
        pages = [
            read_page(path, directory) for path in sorted((directory / "pages").glob("*.json"))
        ]
        pages.sort(key=lambda data: data.get("order", 0))
        images = load_illustrations(directory, read_json(directory / "illustrations.json"), report)
        found = load_pages(pages, references, brand, report, images)
        translated = load_translations(directory, found, references, images, report)
        new_pages = {slug for slug, (_page, created) in found.items() if created}
        load_site_links(read_json(directory / "site_links.json"), report, new_pages)
        load_redirects(read_json(directory / "redirects.json"), report)
        if (directory / "search_promotions.json").exists():
            load_search_promotions(read_json(directory / "search_promotions.json"), report)
        ensure_referral_coordinators(
            report, [page for page, created in [*found.values(), *translated.values()] if created]
        )
    return report.lines


# Settings and snippets -------------------------------------------------------------------


def setting_fields(model):
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def load_setting(model, data, report):
    """Create a site setting, or fill a row that still holds only the defaults.

    Model.load() creates an empty row the first time any page is served, so a row with
    nothing but default values has never been edited and is filled in too. Returns the
    row and whether this run filled it.
    """
    label = str(model._meta.verbose_name).capitalize()
    fields = {f.name: f for f in setting_fields(model)}
    unknown = set(data) - set(fields)
    if unknown:
        raise StarterContentError(f"{label}: unknown fields {sorted(unknown)}")
    instance = model.objects.order_by("pk").first()
    if instance is None:
        report.add(label, CREATED)
        return save_valid(model(**data), label), True
    if all(getattr(instance, name) == f.get_default() for name, f in fields.items()):
        for name, value in data.items():
            setattr(instance, name, value)
        report.add(label, CREATED, "filled in the empty default row")
        return save_valid(instance, label), True
    spanish = {name: value for name, value in data.items() if name in spanish_fields(model)}
    english = {name: value for name, value in data.items() if name not in spanish}
    if all(getattr(instance, name) == value for name, value in english.items()):
        report.add(label, UNCHANGED)
    else:
        report.add(label, LEFT_ALONE, "edited by staff")
    if spanish:
        load_spanish_text(instance, spanish, fields, f"{label} in Spanish", report)
    return instance, False


def spanish_fields(model):
    """The Spanish twins of the setting's words, and who checked them (organisation/spanish.py)."""
    return {spanish_name(name) for name in model.translated_fields} | {"spanish_checked_by"}


def load_spanish_text(instance, data, fields, label, report):
    """Fill the Spanish words of a setting staff have already edited in English, while all
    of them are still empty (a site set up before settings had Spanish words); Spanish words
    anyone has written are left alone, as the English are."""
    names = spanish_fields(type(instance))
    if all(getattr(instance, name) == fields[name].get_default() for name in names):
        for name, value in data.items():
            setattr(instance, name, value)
        try:
            instance.full_clean(exclude=set(fields) - set(data))
        except ValidationError as error:
            raise StarterContentError(f"{label}: {error}") from error
        instance.save(update_fields=list(data))  # only the Spanish: staff own the rest
        report.add(label, CREATED, "filled in the empty Spanish fields")
    elif all(getattr(instance, name) == value for name, value in data.items()):
        report.add(label, UNCHANGED)
    else:
        report.add(label, LEFT_ALONE, "edited by staff")


def load_brand(directory, data, report):
    """The brand settings; a new row gets the logo, loaded into the image library."""
    data = dict(data)
    logo = data.pop("logo", None)
    brand, filled = load_setting(BrandSettings, data, report)
    if logo and filled:
        brand.logo = ensure_image(directory / logo, f"{brand.hospital_name} logo", report)
        brand.save()
    return brand


def ensure_image(path, title, report, tags=(), description=""):
    """The image library's image with this title, created from the file if missing.
    The description is the image's default text alternative in the admin's choosers."""
    image = Image.objects.filter(title=title).order_by("pk").first()
    if image is not None:
        report.add(f"Image {title!r}", UNCHANGED)
        return image
    with open(path, "rb") as handle:
        image = Image(title=title, description=description, file=ImageFile(handle, name=path.name))
        image.save()
    image.tags.add(*tags)
    report.add(f"Image {title!r}", CREATED)
    return image


def load_site_links(data, report, new_pages=()):
    """Point the contact details at the enquiry page, and fill the footer's links, where
    staff have set neither.

    A page this run created gets its link at the end of a footer that staff have already
    set (so a site built before the Language help page existed links to it), once: a link
    staff remove later stays removed.
    """
    contact = ContactSettings.objects.order_by("pk").first()
    if contact.enquiry_page_id is None:
        contact.enquiry_page = starter_page(data["enquiry_page"], "site_links.json")
        contact.save()
        report.add("Enquiry page in the contact details", CREATED)
    footer, _ = FooterLinks.objects.get_or_create()
    existing = list(footer.links.order_by("sort_order"))
    items = data["footer_links"]
    if existing:
        items = [item for item in items if item["page"] in new_pages]
        if not items:
            report.add("Footer links", UNCHANGED)
            return
    start = max((link.sort_order or 0) for link in existing) + 1 if existing else 0
    for order, item in enumerate(items, start=start):
        page = starter_page(item["page"], "site_links.json")
        FooterLink.objects.create(setting=footer, page=page, label=item["label"], sort_order=order)
        if existing:
            report.add(f"Footer link {item['label']!r}", CREATED)
    if not existing:
        report.add("Footer links", CREATED)


def starter_page(slug, where):
    page = Page.objects.filter(slug=slug, depth=3, locale=Locale.get_default()).first()
    if page is None:
        raise StarterContentError(f"{where}: no starter page {slug!r}")
    return page


def load_illustrations(directory, data, report):
    """The starter drawings in the image library, tagged for a clinician's sign-off.
    Returns them by key, for the pages' illustration blocks."""
    return {
        item["key"]: ensure_image(
            directory / "images" / item["file"],
            item["title"],
            report,
            tags=[SIGN_OFF_TAG],
            description=item["alt"],
        )
        for item in data
    }


def load_clinicians(data, report):
    for item in data:
        clinician, created = Clinician.objects.get_or_create(name=item["name"], defaults=item)
        report.add(f"Clinician {clinician}", CREATED if created else UNCHANGED)


def load_glossary_terms(data, report):
    """Create each missing term. A term that exists is staff's: never overwritten."""
    for item in data:
        term = GlossaryTerm.objects.filter(
            term__iexact=item["term"], locale=Locale.get_default()
        ).first()
        if term is None:
            save_valid(GlossaryTerm(**item), f"glossary.json, {item['term']}")
            report.add(f"Glossary term {item['term']}", CREATED)
        else:
            report.add(f"Glossary term {term.term}", UNCHANGED)


def load_references(data, report):
    """Get or create each reference by its title. A reference that exists gets the details
    it lacks (a DOI, PMID, pages), and keeps every one it has. Returns them by key."""
    references = {}
    for item in data:
        item = dict(item)
        key = item.pop("key")
        if key in references:
            raise StarterContentError(f"references.json: the key {key!r} is used twice")
        where = f"references.json, {key}"
        reference = (
            Reference.objects.filter(title=item["title"], locale=Locale.get_default())
            .order_by("pk")
            .first()
        )
        if reference is None:
            reference = save_valid(Reference(**item), where)
            report.add(f"Reference {key}", CREATED)
        elif fill_blanks(reference, item):
            save_valid(reference, where)
            report.add(f"Reference {key}", UPDATED, "filled in missing details")
        else:
            report.add(f"Reference {key}", UNCHANGED)
        references[key] = reference
    return references


def fill_blanks(instance, data):
    """Set the fields that are empty on the instance from the data. True if any changed."""
    blanks = {name: value for name, value in data.items() if value and not getattr(instance, name)}
    for name, value in blanks.items():
        setattr(instance, name, value)
    return bool(blanks)


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
        page = starter_page(item["page"], "redirects.json")
        existing = Redirect.objects.filter(old_path=path, site=None).first()
        if existing is None:
            Redirect.objects.create(old_path=path, site=None, is_permanent=True, redirect_page=page)
            report.add(label, CREATED)
        elif existing.redirect_page_id == page.pk and existing.is_permanent:
            report.add(label, UNCHANGED)
        else:
            report.add(label, LEFT_ALONE, "edited by staff")


def load_search_promotions(data, report):
    """Promoted search results, made once per query; staff own them after that.

    A query that already has promotions is left as it is, whatever they are; so is one
    whose promotions staff removed (its Query row stays behind when they do).
    """
    for query_string, item in data.items():
        where = f"search_promotions.json, {query_string!r}"
        page = starter_page(item["page"], where)
        description = item.get("description", "")
        label = f"Search promotion {query_string!r}"
        query = Query.objects.filter(query_string=normalise_query_string(query_string)).first()
        if query is None:
            query = Query.get(query_string)
            save_valid(SearchPromotion(query=query, page=page, description=description), where)
            report.add(label, CREATED)
        elif query.editors_picks.filter(page=page, description=description).exists():
            report.add(label, UNCHANGED)
        else:
            report.add(label, LEFT_ALONE, "edited by staff")


def ensure_referral_coordinators(report, new_pages=()):
    """The group that reads enquiries: Wagtail shows a form's submissions to those who can
    edit the form page (and content/enquiries/wagtail_hooks.py narrows that to this group).

    The group is made once, with every enquiry form page; a form page this run created
    (such as the Spanish one, on a site that had the group already) is added to it.
    """
    label = f"Group {REFERRAL_COORDINATORS!r}"
    group = Group.objects.filter(name=REFERRAL_COORDINATORS).first()
    if group is None:
        group = Group.objects.create(name=REFERRAL_COORDINATORS)
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        for form_page in EnquiryFormPage.objects.order_by("pk"):
            GroupPagePermission.objects.create(
                group=group, page=form_page, permission_type="change"
            )
        report.add(label, CREATED)
        return
    report.add(label, UNCHANGED)
    for form_page in EnquiryFormPage.objects.filter(pk__in=[page.pk for page in new_pages]):
        GroupPagePermission.objects.get_or_create(
            group=group, page=form_page, permission_type="change"
        )
        report.add(f"{label}: reads the enquiries of {form_page.url_path}", CREATED)
