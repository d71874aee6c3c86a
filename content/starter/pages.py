"""The starter pages: created under the home page, filled as one revision, and published,
unless staff have touched them since."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import ForeignKey
from wagtail import blocks
from wagtail.actions.delete_page import DeletePageAction
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.log_actions import log
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site

from content.pages.models import HomePage

from .report import CREATED, LEFT_ALONE, UNCHANGED, UPDATED, StarterContentError


def page_model(data):
    try:
        return apps.get_model(data["type"])
    except (LookupError, ValueError) as error:
        raise StarterContentError(f"Page {data.get('slug')!r}: unknown type") from error


def load_pages(pages, references, brand, report, images=None):
    """Create or refresh each page. Returns {slug: (page or None, created by this run)}."""
    homes = [data for data in pages if page_model(data) is HomePage]
    if len(homes) != 1:
        raise StarterContentError("The starter pages must include exactly one HomePage.")
    home_data = homes[0]
    children = [data for data in pages if data is not home_data]

    # First make sure every page exists, so that links between pages can be resolved;
    # then give each page its content as one revision, and publish it.
    home, home_created = ensure_home(home_data, brand, report)
    found = {home_data["slug"]: (home, home_created)}
    for data in children:
        found[data["slug"]] = ensure_child(home, data, report)

    def chosen_id(kind, key):
        """The id of the starter page (by slug) or image (by key) that the data names."""
        if kind == "image":
            if key not in (images or {}):
                raise StarterContentError(f"A block shows the image {key!r}, which is missing.")
            return images[key].pk
        page = found.get(key, (None, False))[0]
        if page is None:
            raise StarterContentError(f"A link points to the page {key!r}, which is missing.")
        return page.pk

    for data in [home_data, *children]:
        page, created = found[data["slug"]]
        if page is not None:
            update_page(page, data, created, references, chosen_id, report)
    return found


def ensure_home(data, brand, report):
    """The HomePage, created at the top of the tree and made the site's root if needed."""
    home = HomePage.objects.filter(locale=Locale.get_default()).order_by("pk").first()
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
            site_name=brand.program_name,
            root_page=home,
            is_default_site=True,
        )
        report.add("Default site", CREATED)
    else:
        site.root_page = home
        if not site.site_name:
            site.site_name = brand.program_name
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


def update_page(page, data, created, references, chosen_id, report):
    label = page_label(data)
    if not created and touched_by_people(page):
        report.add(label, LEFT_ALONE, "edited by staff")
        return

    model = type(page)
    wanted = wanted_values(model, data, references, chosen_id)
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


def wanted_values(model, data, references, chosen_id):
    """The field values the data asks for, checked as the editor's form would check them."""
    wanted = {"title": data["title"]}
    for name, value in data.get("fields", {}).items():
        field_ = model_field(model, name, data)
        if isinstance(field_, StreamField):
            stream_field = field_
            value = stream_field.to_python(
                resolve_chosen(stream_field.stream_block, value, chosen_id, name)
            )
            try:
                stream_field.stream_block.clean(value)
            except ValidationError as error:
                details = error.as_json_data() if hasattr(error, "as_json_data") else error
                raise StarterContentError(f"{page_label(data)}, {name}: {details}") from error
        elif is_page_link(field_):
            name, value = field_.attname, chosen_id("page", value)
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
    for name in CHILD_ROWS:
        if name in data:
            wanted[name] = child_rows(model, name, data)
    return wanted


def child_rows(model, name, data):
    """The page's form fields or taglines: rows of a child model, in the data's order."""
    if not hasattr(model, name):
        raise StarterContentError(f"{page_label(data)}: this page type has no {name}")
    items = data[name]
    row_model = getattr(model, name).rel.related_model
    try:
        return [row_model(sort_order=order, **item) for order, item in enumerate(items)]
    except TypeError as error:
        raise StarterContentError(f"{page_label(data)}, {name}: {error}") from error


def is_page_link(model_field):
    """A foreign key to a page, given in the data as the page's slug."""
    return isinstance(model_field, ForeignKey) and issubclass(model_field.related_model, Page)


# What makes two rows of a child list the same content, per list.
CHILD_ROWS = {
    "form_fields": ("label", "field_type", "required", "choices", "default_value", "help_text"),
    "taglines": ("language", "native_name", "lang", "direction", "text", "checked_by"),
}


def comparable(page, name, value):
    """A field's value in a form that compares equal when the content is the same."""
    if name == "page_references" or name in CHILD_ROWS:
        items = value.all() if hasattr(value, "all") else value
        items = sorted(items, key=lambda i: i.sort_order or 0)
        if name in CHILD_ROWS:
            return [tuple(getattr(item, a) for a in CHILD_ROWS[name]) for item in items]
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


def resolve_chosen(block, value, chosen_id, path):
    """The value with every page chooser's slug, and every image chooser's key, replaced by
    that page's or image's id.

    Also rejects block types and fields the block definition does not know, which Wagtail
    would otherwise drop without a word.
    """
    if isinstance(block, blocks.StreamBlock):
        resolved = []
        for index, child in enumerate(value):
            name = child.get("type")
            if name not in block.child_blocks:
                raise StarterContentError(f"{path}[{index}]: unknown block type {name!r}")
            child_value = resolve_chosen(
                block.child_blocks[name], child.get("value"), chosen_id, f"{path}[{index}]"
            )
            resolved.append({**child, "value": child_value})
        return resolved
    if isinstance(block, blocks.StructBlock):
        unknown = set(value) - set(block.child_blocks)
        if unknown:
            raise StarterContentError(f"{path}: unknown fields {sorted(unknown)}")
        return {
            name: resolve_chosen(block.child_blocks[name], item, chosen_id, f"{path}.{name}")
            for name, item in value.items()
        }
    if isinstance(block, blocks.ListBlock):
        resolved = []
        for index, item in enumerate(value):
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                inner = resolve_chosen(block.child_block, item["value"], chosen_id, path)
                resolved.append({**item, "value": inner})
            else:
                resolved.append(
                    resolve_chosen(block.child_block, item, chosen_id, f"{path}[{index}]")
                )
        return resolved
    if isinstance(block, blocks.PageChooserBlock) and isinstance(value, str):
        return chosen_id("page", value)
    if isinstance(block, ImageChooserBlock) and isinstance(value, str):
        return chosen_id("image", value)
    return value
