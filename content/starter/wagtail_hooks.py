from django.urls import resolve, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permission_policy
from wagtail.models import Page

from .confirmations import (
    SIGN_OFF_TAG,
    settings_waiting_for_translator,
    waiting_for_confirmation,
    waiting_for_translator,
)


class StarterContentToConfirmPanel(Component):
    name = "starter_content_to_confirm"
    template_name = "starter/confirm_panel.html"
    order = 55

    def __init__(self, waiting):
        self.waiting = waiting

    def get_context_data(self, parent_context):
        return {"waiting": self.waiting, "sign_off_tag": SIGN_OFF_TAG}


def can_edit(user, url):
    """Whether user may open the page or image editor at url."""
    match = resolve(url)
    object_id = (*match.args, *match.kwargs.values())[0]
    if match.view_name == "wagtailadmin_pages:edit":
        page = Page.objects.filter(pk=object_id).first()
        return page is not None and page.permissions_for_user(user).can_edit()
    if match.view_name == "wagtailimages:edit":
        image = get_image_model().objects.filter(pk=object_id).first()
        return image is not None and image_permission_policy.user_has_permission_for_instance(
            user, "change", image
        )
    return False


@hooks.register("construct_homepage_panels")
def add_starter_content_to_confirm_panel(request, panels):
    """Only the items this person can open and act on: no link ends in "permission denied"."""
    waiting = [item for item in waiting_for_confirmation() if can_edit(request.user, item[2])]
    if waiting:
        panels.append(StarterContentToConfirmPanel(waiting))


class TranslationsToCheckPanel(Component):
    """Translations that are live but that no qualified medical translator has checked."""

    name = "translations_to_check"
    template_name = "starter/translations_panel.html"
    order = 56

    def __init__(self, waiting):
        self.waiting = waiting

    def get_context_data(self, parent_context):
        return {"waiting": self.waiting}


@hooks.register("construct_homepage_panels")
def add_translations_to_check_panel(request, panels):
    """Each item links to its page's or setting's editor: only pages this person may edit,
    and settings they may change, are listed."""
    waiting = [
        (what, language, taglines, reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        for what, language, taglines, page in waiting_for_translator()
        if page.permissions_for_user(request.user).can_edit()
    ]
    waiting += [
        (
            f"{model._meta.verbose_name}: the Spanish wording",
            language,
            [],
            reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name]),
        )
        for model, language in settings_waiting_for_translator()
        if model.get_permission_policy().user_has_permission(request.user, "change")
    ]
    if waiting:
        panels.append(TranslationsToCheckPanel(waiting))
