from wagtail import hooks
from wagtail.admin.ui.components import Component

from .confirmations import SIGN_OFF_TAG, waiting_for_confirmation


class StarterContentToConfirmPanel(Component):
    name = "starter_content_to_confirm"
    template_name = "starter/confirm_panel.html"
    order = 55

    def __init__(self, waiting):
        self.waiting = waiting

    def get_context_data(self, parent_context):
        return {"waiting": self.waiting, "sign_off_tag": SIGN_OFF_TAG}


@hooks.register("construct_homepage_panels")
def add_starter_content_to_confirm_panel(request, panels):
    waiting = waiting_for_confirmation()
    if waiting:
        panels.append(StarterContentToConfirmPanel(waiting))
