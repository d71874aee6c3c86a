"""Privilege: only a superuser makes superusers, adds people to the privileged groups
(Referral coordinators, Site administrators) or manages a superuser's or a privileged
member's account.

Each test posts Wagtail's own user forms, as the browser sends them, in a real session of
a Site administrator (content/pages/migrations/0004 gives that group every user and group
permission). A refused request changes nothing, says why, and is in the audit log.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import querydict_from_html

from content.accounts.roles import REFERRAL_COORDINATORS, REFUSED, SITE_ADMINISTRATORS

from .conftest import parse, staff_member

User = get_user_model()
PASSWORD = "a long and unusual passphrase 7"


@pytest.fixture
def coordinators(db):
    return Group.objects.get_or_create(name=REFERRAL_COORDINATORS)[0]


@pytest.fixture
def site_admin(db, coordinators):
    return staff_member("siteadmin", SITE_ADMINISTRATORS)


@pytest.fixture
def site_admin_client(site_admin):
    client = Client()
    client.force_login(site_admin)
    return client


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.org", PASSWORD)


@pytest.fixture
def superuser_client(superuser, coordinators):
    client = Client()
    client.force_login(superuser)
    return client


def user_form(client, url):
    """The user form at url, as the browser would post it (names filled in, as the form
    requires them and the accounts made for tests have none)."""
    html = client.get(url).content.decode()
    soup = parse_html(html)
    index = next(
        i for i, form in enumerate(soup.find_all("form")) if form.find(attrs={"name": "email"})
    )
    form = soup.find_all("form")[index]
    data = querydict_from_html(html, form_index=index)
    # As a browser: a greyed-out box is not sent, and a ticked box without a value says "on".
    for box in form.select("input[type=checkbox][checked]"):
        values = data.getlist(box["name"])
        values.remove(box.get("value", ""))
        if not box.has_attr("disabled"):
            values.append(box.get("value", "on"))
        data.setlist(box["name"], values)
    return fill(data, first_name=data.get("first_name") or "A", last_name="Person")


def fill(data, **fields):
    for name, value in fields.items():
        data[name] = value  # replaces, where QueryDict.update() would add a second value
    return data


def parse_html(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def new_user_data(client, *groups, **fields):
    data = fill(
        user_form(client, reverse("wagtailusers_users:add")),
        username="newperson",
        email="new@example.org",
        first_name="New",
        last_name="Person",
        password1=PASSWORD,
        password2=PASSWORD,
        **fields,
    )
    data.setlist("groups", [str(Group.objects.get(name=name).pk) for name in groups])
    return data


def refusals(**filters):
    return list(ModelLogEntry.objects.filter(action=REFUSED, **filters))


def messages_text(response):
    return " ".join(
        message.get_text(" ", strip=True) for message in parse(response).select(".messages li")
    )


# Creating accounts ---------------------------------------------------------------------


def test_a_site_administrator_sees_no_superuser_box_and_greyed_privileged_groups(
    site_admin_client,
):
    soup = parse(site_admin_client.get(reverse("wagtailusers_users:add")))
    assert soup.select("[name='is_superuser']") == []
    boxes = {
        box.find_parent("label").get_text(strip=True): box.has_attr("disabled")
        for box in soup.select("[name='groups']")
    }
    greyed = {name for name, disabled in boxes.items() if disabled}
    assert greyed == {REFERRAL_COORDINATORS, SITE_ADMINISTRATORS}
    assert {"Clinical reviewers", "Editors"} <= boxes.keys() - greyed


def test_a_site_administrator_creates_an_editor(site_admin_client):
    data = new_user_data(site_admin_client, "Editors")
    response = site_admin_client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 302
    person = User.objects.get(username="newperson")
    assert list(person.groups.values_list("name", flat=True)) == ["Editors"]
    assert not person.is_superuser
    assert refusals() == []


def test_a_forged_superuser_box_creates_nobody_and_is_logged(site_admin_client, site_admin):
    data = new_user_data(site_admin_client, "Editors", is_superuser="on")
    response = site_admin_client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 200
    assert "Only a superuser can make someone a superuser." in messages_text(response)
    assert not User.objects.filter(username="newperson").exists()
    [entry] = refusals()
    assert entry.user == site_admin
    assert entry.data["reason"] == "Only a superuser can make someone a superuser."


@pytest.mark.parametrize("group", [REFERRAL_COORDINATORS, SITE_ADMINISTRATORS])
def test_a_forged_privileged_group_creates_nobody_and_is_logged(
    site_admin_client, site_admin, group
):
    data = new_user_data(site_admin_client, "Editors", group)
    response = site_admin_client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 200
    reason = f"Only a superuser can add people to {group}."
    groups_field = (
        parse(response).select_one("[name='groups']").find_parent(attrs={"data-field": True})
    )
    assert reason in groups_field.get_text()
    assert not User.objects.filter(username="newperson").exists()
    assert [(entry.user, entry.data["reason"]) for entry in refusals()] == [(site_admin, reason)]


def test_a_superuser_creates_superusers_and_coordinators(superuser_client):
    data = new_user_data(superuser_client, REFERRAL_COORDINATORS, is_superuser="on")
    assert superuser_client.post(reverse("wagtailusers_users:add"), data).status_code == 302
    person = User.objects.get(username="newperson")
    assert person.is_superuser
    assert list(person.groups.values_list("name", flat=True)) == [REFERRAL_COORDINATORS]


# Changing accounts ---------------------------------------------------------------------


@pytest.fixture
def editor_account(db):
    return staff_member("editor", "Editors")


def edit_url(account):
    return reverse("wagtailusers_users:edit", args=(account.pk,))


def test_a_forged_promotion_to_superuser_changes_nothing(
    site_admin_client, site_admin, editor_account
):
    data = user_form(site_admin_client, edit_url(editor_account))
    fill(data, is_superuser="on", last_name="Changed")
    response = site_admin_client.post(edit_url(editor_account), data)
    assert response.status_code == 200
    editor_account.refresh_from_db()
    assert not editor_account.is_superuser
    assert editor_account.last_name != "Changed"
    [entry] = refusals()
    assert (entry.user, entry.object_id) == (site_admin, str(editor_account.pk))


@pytest.mark.parametrize("group", [REFERRAL_COORDINATORS, SITE_ADMINISTRATORS])
def test_a_forged_privileged_group_on_an_account_changes_nothing(
    site_admin_client, editor_account, group
):
    data = user_form(site_admin_client, edit_url(editor_account))
    data.appendlist("groups", str(Group.objects.get(name=group).pk))
    response = site_admin_client.post(edit_url(editor_account), data)
    assert response.status_code == 200
    assert list(editor_account.groups.values_list("name", flat=True)) == ["Editors"]
    assert [entry.object_id for entry in refusals()] == [str(editor_account.pk)]


def test_a_site_administrator_cannot_make_themselves_a_coordinator(
    site_admin_client, site_admin, coordinators
):
    data = user_form(site_admin_client, edit_url(site_admin))
    data.appendlist("groups", str(coordinators.pk))
    site_admin_client.post(edit_url(site_admin), data)
    assert not site_admin.groups.filter(pk=coordinators.pk).exists()
    assert len(refusals(object_id=str(site_admin.pk))) == 1


def test_editing_their_own_name_keeps_a_site_administrators_group(site_admin_client, site_admin):
    data = user_form(site_admin_client, edit_url(site_admin))
    data["first_name"] = "Renamed"
    assert site_admin_client.post(edit_url(site_admin), data).status_code == 302
    site_admin.refresh_from_db()
    assert site_admin.first_name == "Renamed"
    assert list(site_admin.groups.values_list("name", flat=True)) == [SITE_ADMINISTRATORS]


def test_a_site_administrator_still_manages_ordinary_accounts(site_admin_client, editor_account):
    data = user_form(site_admin_client, edit_url(editor_account))
    data.setlist("groups", [str(Group.objects.get(name="Clinical reviewers").pk)])
    fill(data, password1=PASSWORD, password2=PASSWORD)
    assert site_admin_client.post(edit_url(editor_account), data).status_code == 302
    editor_account.refresh_from_db()
    assert editor_account.check_password(PASSWORD)
    assert editor_account.is_active
    assert list(editor_account.groups.values_list("name", flat=True)) == ["Clinical reviewers"]


@pytest.fixture
def coordinator(coordinators):
    return staff_member("coordinator", REFERRAL_COORDINATORS)


@pytest.mark.parametrize("account_fixture", ["superuser", "coordinator"])
def test_a_site_administrator_cannot_change_a_protected_accounts_password(
    request, site_admin_client, site_admin, superuser_client, account_fixture
):
    account = request.getfixturevalue(account_fixture)
    # The form, as a superuser sees it: a site administrator never gets to see it.
    data = user_form(superuser_client, edit_url(account))
    fill(data, password1="taken over " + PASSWORD, password2="taken over " + PASSWORD)

    response = site_admin_client.get(edit_url(account))
    assert response.status_code == 302
    response = site_admin_client.post(edit_url(account), data, follow=True)
    assert "Only a superuser can change or delete the account" in messages_text(response)
    account.refresh_from_db()
    assert not account.check_password("taken over " + PASSWORD)
    [entry] = refusals()
    assert (entry.user, entry.object_id) == (site_admin, str(account.pk))


@pytest.mark.parametrize("account_fixture", ["superuser", "coordinator"])
def test_a_site_administrator_cannot_delete_a_protected_account(
    request, site_admin_client, account_fixture
):
    account = request.getfixturevalue(account_fixture)
    url = reverse("wagtailusers_users:delete", args=(account.pk,))
    site_admin_client.post(url)
    assert User.objects.filter(pk=account.pk).exists()
    assert len(refusals(object_id=str(account.pk))) == 1


def test_protected_accounts_have_no_edit_link_for_a_site_administrator(
    site_admin_client, superuser, coordinator, editor_account
):
    listing = parse(site_admin_client.get(reverse("wagtailusers_users:index")))
    linked = {a["href"] for a in listing.select("table.listing a[href]")}
    assert edit_url(editor_account) in linked
    assert edit_url(superuser) not in linked
    assert edit_url(coordinator) not in linked


def test_a_superuser_changes_any_account(superuser_client, coordinator):
    data = user_form(superuser_client, edit_url(coordinator))
    fill(data, password1=PASSWORD, password2=PASSWORD)
    assert superuser_client.post(edit_url(coordinator), data).status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password(PASSWORD)


def test_refusals_are_in_site_history(site_admin_client, superuser_client, editor_account):
    data = user_form(site_admin_client, edit_url(editor_account))
    data["is_superuser"] = "on"
    site_admin_client.post(edit_url(editor_account), data)
    history = parse(superuser_client.get(reverse("wagtailadmin_reports:site_history")))
    text = history.select_one("table.listing").get_text(" ", strip=True)
    assert "Refused: Only a superuser can make someone a superuser." in text
