"""The Spanish starter content, loaded as translations of the English starter content.

data/es/ holds, beside the English data and in the same form:
  glossary.json     Spanish glossary terms, each with "translation_of" (the English term) and
                    its own Spanish word forms, so that glossary marking works in Spanish
  references.json   what each reference shows in Spanish, by the English reference's key:
                    only the fields that differ (the titles stay as published)
  pages/*.json      one page each, with "translation_of" (the English page's slug) and its
                    own Spanish slug, title and fields. A page chooser names a Spanish page
                    by its Spanish slug, or an English page (one with no Spanish version,
                    such as the referrer page) by the English slug.

Each Spanish page is made from its English page with Wagtail's copy_for_translation (same
translation_key, in the Spanish locale), then filled in and published like the English pages:
live, marked as not yet checked by a translator (its "translation checked by" is empty, and
the dashboard lists it, confirmations.py). The same rules apply as to the English: what is
missing is created, what only the loader has touched is refreshed, what staff have edited
is left alone, and a second run changes nothing.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from wagtail.models import Locale, Page

from content.glossary.models import GlossaryTerm
from content.pages.models import Reference

from .files import read_json, read_page
from .pages import page_label, page_model, update_page
from .report import CREATED, LEFT_ALONE, UNCHANGED, StarterContentError

SPANISH = "es"


def load_translations(directory, english, english_references, images, report):
    """Load data/es/ as translations of the English starter content, if it is there.

    english is {English slug: (page or None, created)}, as load_pages returns it; so is
    what this returns, for the Spanish pages."""
    language_dir = Path(directory) / SPANISH
    if not language_dir.exists():
        return {}
    locale = ensure_locale(SPANISH, report)
    if (language_dir / "glossary.json").exists():
        load_terms(read_json(language_dir / "glossary.json"), locale, report)
    overrides = {}
    if (language_dir / "references.json").exists():
        overrides = read_json(language_dir / "references.json")
    references = load_references(english_references, overrides, locale, report)
    pages = [read_page(path, directory) for path in sorted((language_dir / "pages").glob("*.json"))]
    return load_pages(pages, english, references, images, locale, report)


def ensure_locale(language_code, report):
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        locale = Locale.objects.create(language_code=language_code)
        report.add(f"Locale {language_code!r}", CREATED)
    return locale


# Snippets --------------------------------------------------------------------------------


def load_terms(data, locale, report):
    """Each Spanish term as the translation of its English term, created once; staff own it
    after that (and a term staff removed from English is not translated)."""
    for item in data:
        item = dict(item)
        source_term = item.pop("translation_of")
        label = f"Glossary term {item['term']} ({locale.language_code})"
        source = GlossaryTerm.objects.filter(
            term__iexact=source_term, locale=Locale.get_default()
        ).first()
        if source is None:
            report.add(label, LEFT_ALONE, f"no English term {source_term!r}")
            continue
        if source.has_translation(locale):
            report.add(label, UNCHANGED)
            continue
        if GlossaryTerm.objects.filter(term__iexact=item["term"], locale=locale).exists():
            report.add(label, LEFT_ALONE, "staff have a term with that spelling")
            continue
        check_fields(GlossaryTerm, item, f"es/glossary.json, {item['term']}")
        term = source.copy_for_translation(locale)
        for name, value in item.items():
            setattr(term, name, value)
        save_translation(term, f"es/glossary.json, {item['term']}")
        report.add(label, CREATED)


def load_references(english_references, overrides, locale, report):
    """Each reference's Spanish version: a translation of the English one, with the fields
    es/references.json changes. Returns them by key."""
    unknown = set(overrides) - set(english_references)
    if unknown:
        raise StarterContentError(f"es/references.json: no reference {sorted(unknown)}")
    for key, fields in overrides.items():
        check_fields(Reference, fields, f"es/references.json, {key}")
    references = {}
    for key, source in english_references.items():
        label = f"Reference {key} ({locale.language_code})"
        reference = source.get_translation_or_none(locale)
        if reference is None:
            reference = source.copy_for_translation(locale)
            for name, value in overrides.get(key, {}).items():
                setattr(reference, name, value)
            save_translation(reference, f"es/references.json, {key}")
            report.add(label, CREATED)
        else:
            report.add(label, UNCHANGED)
        references[key] = reference
    return references


def check_fields(model, data, where):
    """A field the model lacks is an error: Django would ignore it without a word."""
    unknown = set(data) - {field.name for field in model._meta.concrete_fields}
    if unknown:
        raise StarterContentError(f"{where}: unknown fields {sorted(unknown)}")


def save_translation(instance, where):
    try:
        instance.full_clean()
        instance.save()
    except (ValidationError, IntegrityError) as error:
        raise StarterContentError(f"{where}: {error}") from error
    return instance


# Pages -----------------------------------------------------------------------------------


def load_pages(pages, english, references, images, locale, report):
    """Make sure each Spanish page exists, made in the English pages' tree order (each
    parent before its children, siblings as in English, so menus list them alike), then
    fill and publish each as the English loader does."""
    pages = sorted(pages, key=lambda data: english_tree_position(data, english))
    found = {}
    for data in pages:
        found[data["slug"]] = ensure_translation(data, english, locale, report)

    def chosen_id(kind, key):
        if kind == "image":
            if key not in images:
                raise StarterContentError(f"A block shows the image {key!r}, which is missing.")
            return images[key].pk
        page = (
            found.get(key, (None, False))[0]
            or Page.objects.filter(slug=key, locale=locale).first()  # a page left alone
            or english.get(key, (None, False))[0]
        )
        if page is None:
            raise StarterContentError(f"A link points to the page {key!r}, which is missing.")
        return page.pk

    for data in pages:
        page, created = found[data["slug"]]
        if page is not None:
            if created:
                # Its children were added through other copies of it: fetch its tree
                # position afresh, or publishing would write back a stale child count.
                page.refresh_from_db()
            update_page(page, data, created, references, chosen_id, report)
    return found


def english_tree_position(data, english):
    """The English page's treebeard path, which sorts parents first and siblings in order."""
    source = english.get(data.get("translation_of"), (None, False))[0]
    return source.path if source is not None else ""


def ensure_translation(data, english, locale, report):
    """The Spanish version of the data's English page, created if missing.

    Returns (page, created), or (None, False) when there is nothing the loader may fill."""
    label = page_label(data)
    model = page_model(data)
    source = english.get(data.get("translation_of"), (None, False))[0]
    if source is None:
        report.add(label, LEFT_ALONE, f"no English page {data.get('translation_of')!r}")
        return None, False
    if type(source) is not model:
        raise StarterContentError(f"{label}: the English page is not a {model.__name__}")
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    parent = source.get_parent()
    if parent.is_root():
        siblings = parent.get_children()
    elif parent.has_translation(locale):
        siblings = parent.get_translation(locale).get_children()
    else:
        report.add(label, LEFT_ALONE, "its English parent has no Spanish version")
        return None, False
    if siblings.filter(slug=data["slug"]).exists():
        report.add(label, LEFT_ALONE, "another page has its slug")
        return None, False
    # As published just now (load_pages keeps the unpublished object it created): the copy
    # then records the English version it follows (translations app, signals.py).
    source.refresh_from_db()
    page = source.copy_for_translation(locale)
    # The copy has the English slug. Give it its own before anything links to it, and not
    # through save(): there a slug change makes wagtail.contrib.redirects add a redirect from
    # the English slug (/es/star-procedure/), an address no one has ever used.
    page.slug = data["slug"]
    try:
        page.minimal_clean()
    except ValidationError as error:
        raise StarterContentError(f"{label}: {error}") from error
    page.set_url_path(page.get_parent())
    Page.objects.filter(pk=page.pk).update(slug=page.slug, url_path=page.url_path)
    return page, True
