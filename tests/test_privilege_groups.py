"""Privilege, continued: the groups admin and the users listing's bulk actions, posted in
a real session of a Site administrator. Only a superuser changes the privileged groups
(Referral coordinators read patient enquiries; Site administrators manage staff), names a
group after them, or hands them out in bulk."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, ModelLogEntry, Page

from content.accounts.roles import REFERRAL_COORDINATORS, REFUSED, SITE_ADMINISTRATORS

from . import test_privilege as accounts
from .conftest import parse
from .test_privilege import messages_text

# The staff of test_privilege.py: a site administrator and a superuser, each signed in.
coordinators = accounts.coordinators
coordinator = accounts.coordinator
site_admin = accounts.site_admin
site_admin_client = accounts.site_admin_client
superuser = accounts.superuser
superuser_client = accounts.superuser_client
editor_account = accounts.editor_account


def group_form(client, group=None):
    url = (
        reverse("wagtailusers_groups:edit", args=(group.pk,))
        if group
        else reverse("wagtailusers_groups:add")
    )
    html = client.get(url).content.decode()
    from bs4 import BeautifulSoup
    from wagtail.test.utils.form_data import querydict_from_html

    forms = BeautifulSoup(html, "html.parser").find_all("form")
    index = next(i for i, form in enumerate(forms) if form.find(attrs={"name": "name"}))
    return url, querydict_from_html(html, form_index=index)


def refusals():
    return list(ModelLogEntry.objects.filter(action=REFUSED))


@pytest.fixture
def coordinators_read_the_root(coordinators):
    """Page permissions as a superuser left them, to prove a refused post keeps them."""
    GroupPagePermission.objects.create(
        group=coordinators, page=Page.get_first_root_node(), permission_type="change"
    )
    return coordinators


def test_a_site_administrator_cannot_open_the_coordinators_group(site_admin_client, coordinators):
    url = reverse("wagtailusers_groups:edit", args=(coordinators.pk,))
    response = site_admin_client.get(url, follow=True)
    assert "Only a superuser can change or delete the Referral coordinators group" in (
        messages_text(response)
    )
    assert refusals() == []  # looking is not logged; a post is


@pytest.mark.parametrize("group_name", [REFERRAL_COORDINATORS, SITE_ADMINISTRATORS])
def test_a_forged_change_to_a_privileged_group_changes_nothing(
    site_admin_client, superuser_client, site_admin, coordinators_read_the_root, group_name
):
    group = Group.objects.get(name=group_name)
    permissions_before = set(group.permissions.all())
    pages_before = set(GroupPagePermission.objects.filter(group=group))
    url, data = group_form(superuser_client, group)  # the form only a superuser is shown
    data["name"] = "Anyone"
    data.setlist("permissions", [str(p.pk) for p in Permission.objects.all()[:3]])
    site_admin_client.post(url, data)
    group.refresh_from_db()
    assert group.name == group_name
    assert set(group.permissions.all()) == permissions_before
    assert set(GroupPagePermission.objects.filter(group=group)) == pages_before
    [entry] = refusals()
    assert (entry.user, entry.object_id) == (site_admin, str(group.pk))


@pytest.mark.parametrize(
    "name", [REFERRAL_COORDINATORS, "referral coordinators ", "SITE ADMINISTRATORS"]
)
def test_no_group_can_be_renamed_after_a_privileged_one(site_admin_client, coordinators, name):
    coordinators.delete()  # so that the name is free
    editors = Group.objects.get(name="Editors")
    url, data = group_form(site_admin_client, editors)
    data["name"] = name
    response = site_admin_client.post(url, data)
    assert response.status_code == 200
    assert "Only a superuser can create or rename a group called" in parse(response).get_text()
    editors.refresh_from_db()
    assert editors.name == "Editors"
    assert len(refusals()) == 1


def test_no_group_can_be_created_with_a_privileged_name(site_admin_client, coordinators):
    coordinators.delete()
    url, data = group_form(site_admin_client)
    data["name"] = REFERRAL_COORDINATORS
    site_admin_client.post(url, data)
    assert not Group.objects.filter(name=REFERRAL_COORDINATORS).exists()
    assert len(refusals()) == 1


def test_a_site_administrator_cannot_delete_a_privileged_group(site_admin_client, coordinators):
    site_admin_client.post(reverse("wagtailusers_groups:delete", args=(coordinators.pk,)))
    assert Group.objects.filter(pk=coordinators.pk).exists()
    assert len(refusals()) == 1


def test_a_site_administrator_still_manages_other_groups(site_admin_client):
    url, data = group_form(site_admin_client)
    data["name"] = "Volunteers"
    assert site_admin_client.post(url, data).status_code == 302
    assert Group.objects.filter(name="Volunteers").exists()
    assert refusals() == []


def test_a_superuser_changes_a_privileged_group(superuser_client, coordinators):
    url, data = group_form(superuser_client, coordinators)
    data["name"] = "Enquiry readers"
    assert superuser_client.post(url, data).status_code == 302
    coordinators.refresh_from_db()
    assert coordinators.name == "Enquiry readers"


# Bulk actions on the users listing -----------------------------------------------------


def bulk_url(action, *accounts):
    ids = "&".join(f"id={account.pk}" for account in accounts)
    url = reverse("wagtail_bulk_action", args=("auth", "user", action))
    return f"{url}?{ids}&next=/admin/users/"


@pytest.mark.parametrize("group_name", [REFERRAL_COORDINATORS, SITE_ADMINISTRATORS])
def test_assigning_a_privileged_role_in_bulk_is_refused(
    site_admin_client, site_admin, editor_account, group_name
):
    group = Group.objects.get(name=group_name)
    response = site_admin_client.post(
        bulk_url("assign_role", editor_account, site_admin), {"role": group.pk}
    )
    assert response.status_code == 200
    assert f"Only a superuser can add people to {group_name}." in parse(response).get_text()
    assert not group.user_set.filter(pk=editor_account.pk).exists()
    assert group_name == SITE_ADMINISTRATORS or not group.user_set.filter(pk=site_admin.pk).exists()
    assert len(refusals()) == 1


def test_assigning_an_ordinary_role_in_bulk_still_works(site_admin_client, editor_account):
    reviewers = Group.objects.get(name="Clinical reviewers")
    response = site_admin_client.post(
        bulk_url("assign_role", editor_account), {"role": reviewers.pk}
    )
    assert response.status_code == 302
    assert reviewers.user_set.filter(pk=editor_account.pk).exists()


@pytest.mark.parametrize("account_fixture", ["superuser", "coordinator"])
def test_protected_accounts_are_left_out_of_bulk_actions(
    request, site_admin_client, editor_account, account_fixture
):
    account = request.getfixturevalue(account_fixture)
    reviewers = Group.objects.get(name="Clinical reviewers")
    site_admin_client.post(
        bulk_url("set_active_state", account, editor_account), {"mark_as_active": "False"}
    )
    site_admin_client.post(bulk_url("assign_role", account), {"role": reviewers.pk})
    site_admin_client.post(bulk_url("delete", account))
    account.refresh_from_db()
    editor_account.refresh_from_db()
    assert account.is_active
    assert not editor_account.is_active  # the action itself ran
    assert not account.groups.filter(pk=reviewers.pk).exists()


def test_the_bulk_delete_page_says_a_protected_account_is_not_theirs_to_delete(
    site_admin_client, coordinator
):
    response = site_admin_client.get(bulk_url("delete", coordinator))
    text = parse(response).get_text(" ")
    assert "Delete 0 users" in text
    assert "You don't have permission to delete this user" in text
