"""The dashboard shows each person only what they can act on: every panel's link opens for
the person who sees it, and a panel with nothing for them to do is not shown at all.

The site is the starter content (load_content), with its example contact details and
pictures waiting for a clinician's sign-off; each role opens the dashboard in a real
session and follows every link in its panels.
"""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from .conftest import parse, staff_member

ROLES = ["Editors", "Clinical reviewers", "Site administrators", "Referral coordinators"]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def dashboard(client):
    soup = parse(client.get(reverse("wagtailadmin_home")))
    panels = {
        section["id"].removesuffix("-section"): section
        for section in soup.select("main section[id$='-section']")
    }
    return soup, panels


def links_in(section):
    return {
        urlsplit(a["href"]).path
        for a in section.select("a[href]")
        if a["href"].startswith("/admin/")
    }


def test_every_dashboard_link_opens_for_the_person_who_sees_it(starter):
    people = {role: staff_member(role.lower().replace(" ", "_"), role) for role in ROLES}
    people["superuser"] = get_user_model().objects.create_superuser("root", "r@example.org", "x")
    seen = {}
    for role, person in people.items():
        client = signed_in(person)
        _, panels = dashboard(client)
        seen[role] = set(panels)
        for name, section in panels.items():
            for url in links_in(section):
                response = client.get(url, follow=True)
                landed = response.redirect_chain[-1][0] if response.redirect_chain else url
                # "Permission denied" is a redirect to the dashboard with a message.
                assert response.status_code == 200, f"{role}: {url} in the {name} panel"
                assert landed != reverse("wagtailadmin_home"), f"{role}: {url} in {name}"
    # The example contact details are for those who can change them.
    assert "example-contact-details" in seen["superuser"]
    assert "example-contact-details" in seen["Site administrators"]
    for role in ("Editors", "Clinical reviewers", "Referral coordinators"):
        assert "example-contact-details" not in seen[role], role
    # Pages to review, for those who edit pages; not for the coordinators, who edit none.
    assert "content-due-for-review" in seen["Editors"]
    assert "content-due-for-review" not in seen["Referral coordinators"]
    # Starter content to confirm: for those who can edit it; coordinators edit none of it.
    assert "starter-content-to-confirm" in seen["Editors"]
    assert "starter-content-to-confirm" not in seen["Referral coordinators"]
