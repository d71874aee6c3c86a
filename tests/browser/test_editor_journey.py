"""An editor changes the procedure page's benefits in the admin, and patients see the change.

If the page has a workflow (Wagtail's default "Moderators approval", or the clinical review
workflow), the editor submits the change and a member of each task's groups approves it in
the admin; otherwise the editor publishes. Either way the change is then live. Along the way
the browser blocks nothing under the admin's and the public pages' Content-Security-Policy.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from content.pages.models import ProcedurePage
from content.review.models import Clinician

from .conftest import DESKTOP, PHONE
from .test_csp import ListeningBrowser, described

PASSWORD = "a-long-test-password-9"
NEW_TEXT = "Edited in the browser: most people feel less pain within a week."


def make_user(username, group):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    user.groups.add(group)
    return user


def log_in(browser, site, username):
    context = browser.new_context(viewport=DESKTOP)
    admin = context.new_page()
    admin.goto(site + "/admin/login/")
    admin.get_by_label("Username").fill(username)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    admin.wait_for_url(site + "/admin/")
    return context, admin


def choose_action(admin, button):
    """Click a button in the edit page's footer, opening its "More actions" menu if needed."""
    if not button.is_visible():
        admin.locator("footer").get_by_role("button", name="More actions").click()
    with admin.expect_navigation():
        button.click()


def change_benefits(admin, site, page):
    admin.goto(f"{site}/admin/pages/{page.pk}/edit/")
    editor = admin.locator("[data-contentpath=benefits] [role=textbox]").first
    editor.click()
    admin.keyboard.press("Control+End")
    admin.keyboard.press("Enter")
    admin.keyboard.type(NEW_TEXT)
    # Draftail saves into its hidden form field a moment after typing stops.
    admin.wait_for_function(
        "text => [...document.querySelectorAll('form input')].some(i => i.value.includes(text))",
        arg=NEW_TEXT,
    )


def send_for_publication(admin):
    """Submit to the page's workflow when it has one; publish straight away when not."""
    submit = admin.locator("button[name=action-submit]")
    choose_action(admin, submit if submit.count() else admin.locator("button[name=action-publish]"))


def approve(browser, site, page, username):
    context, admin = log_in(browser, site, username)
    admin.goto(f"{site}/admin/pages/{page.pk}/edit/")
    choose_action(
        admin,
        admin.locator(
            "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        ),
    )
    context.close()


def reviewer_groups(page):
    """The groups that must approve a change, one per workflow task, in order."""
    workflow = page.get_workflow()
    if workflow is None:
        return []
    return [task.specific.groups.first() for task in workflow.tasks]


def benefits_text(browser, site, page):
    """What a patient on their first visit (nothing in their browser's cache) reads."""
    context = browser.new_context(viewport=PHONE)
    patient = context.new_page()
    patient.goto(site + page.url)
    text = patient.locator("#benefits").inner_text()
    context.close()
    return text


def test_editor_changes_benefits_and_the_change_goes_live(browser, site):
    browser = ListeningBrowser(browser)  # records what the CSP blocks, in every context
    page = ProcedurePage.objects.get(locale__language_code="en")  # the Spanish one is a translation
    assert NEW_TEXT not in benefits_text(browser, site, page)  # a patient has seen the old page

    make_user("editor", Group.objects.get(name="Editors"))
    context, admin = log_in(browser, site, "editor")
    change_benefits(admin, site, page)
    send_for_publication(admin)
    context.close()

    for number, group in enumerate(reviewer_groups(page)):
        reviewer = make_user(f"reviewer{number}", group)
        # A clinical sign-off names a clinician: the reviewer's own entry.
        Clinician.objects.create(name=f"Reviewer {number}", credentials="MD", user=reviewer)
        approve(browser, site, page, f"reviewer{number}")

    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert NEW_TEXT in benefits_text(browser, site, page)
    enforced = [v for v in browser.violations if v["disposition"] == "enforce"]
    assert described(enforced) == []
