"""Wagtail's admin under its own Content-Security-Policy (settings.ADMIN_CONTENT_SECURITY_POLICY):
nothing it allows beyond the public pages' policy could be taken away: with each allowance
left out (in a report-only policy sent alongside), Wagtail's own admin pages report a
violation of it. (test_editor_journey.py checks that the editor's journey, under the policy
enforced, has nothing blocked.)
"""

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .conftest import DESKTOP
from .test_csp import ListeningBrowser, described

PASSWORD = "a-long-test-password-9"

# The admin's policy less each allowance it makes (the public pages' policy), sent
# report-only beside the real one.
STRICT = django_settings.CONTENT_SECURITY_POLICY


def admin_paths():
    pages = Page.objects.filter(depth__gt=1).specific().order_by("path")
    paths = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/"]
    paths += [f"/admin/pages/{page.pk}/edit/" for page in pages]
    paths += ["/admin/snippets/", "/admin/forms/", "/admin/users/", "/admin/reports/site-history/"]
    return paths


def png(path):
    """A real 8 x 8 PNG, drawn by Pillow."""
    from PIL import Image

    Image.new("RGB", (8, 8), "#004a80").save(path)
    return path


def upload_an_image(admin, site, tmp_path):
    """Wagtail's multiple upload previews the picture (a blob: address) before sending it."""
    admin.goto(site + "/admin/images/multiple/add/")
    admin.locator("input[type=file]").set_input_files(png(tmp_path / "upload.png"))
    admin.locator("#upload-list li.upload-success").wait_for()


def choose_a_tag(admin, site):
    """Tag suggestions are a jQuery UI menu, whose stylesheet draws its items with data:."""
    image = get_image_model().objects.filter(tags__name__isnull=False).first()
    admin.goto(f"{site}/admin/images/{image.pk}/")
    admin.locator(".tagit input[type=text]").first.press_sequentially("needs", delay=50)
    admin.locator(".ui-autocomplete .ui-menu-item").first.wait_for()


def open_the_live_preview(admin, site):
    """The page editor's live preview: the public page, under the public policy, in a frame
    of the admin (which no other site may frame)."""
    page = Page.objects.filter(slug="star-procedure").order_by("pk").first()
    admin.goto(f"{site}/admin/pages/{page.pk}/edit/")
    admin.locator("[data-side-panel-toggle=preview]").click()
    admin.frame_locator("#w-preview-iframe").locator("main h1").wait_for(state="attached")


def test_every_allowance_in_the_admin_policy_is_needed(browser, site, settings, tmp_path):
    settings.ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY = STRICT
    get_user_model().objects.create_superuser("csp-admin", password=PASSWORD)
    listening = ListeningBrowser(browser)
    context = listening.new_context(DESKTOP)
    admin = context.new_page()
    admin.goto(site + "/admin/login/")
    admin.get_by_label("Username").fill("csp-admin")
    admin.get_by_label("Password").fill(PASSWORD)
    with admin.expect_navigation():
        admin.get_by_role("button", name="Sign in").click()
    for path in admin_paths():
        response = admin.goto(site + path)
        assert response.status == 200, path
        admin.wait_for_load_state("networkidle")
    upload_an_image(admin, site, tmp_path)
    choose_a_tag(admin, site)
    open_the_live_preview(admin, site)
    admin.wait_for_timeout(500)  # reports arrive after the event that caused them
    context.close()

    # Enforced, the admin's policy blocked nothing.
    enforced = [v for v in listening.violations if v["disposition"] == "enforce"]
    assert described(enforced) == []
    # Each of its allowances was used: without it, this is what the browser would block.
    reported = {(v["directive"], v["blocked"]) for v in listening.violations}
    print("\n".join(sorted(set(described(listening.violations)))))
    assert reported == {
        ("script-src-elem", "inline"),  # script-src 'unsafe-inline'
        ("script-src-attr", "inline"),  # the same, for the focal-point cropper
        ("style-src-elem", "inline"),  # style-src 'unsafe-inline'
        ("img-src", "blob"),  # img-src blob:
        ("img-src", "data"),  # img-src data:
    }
