"""Each page type lives only where it belongs and can be created in the admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.pages.models import HomePage, ProcedurePage, StandardPage

from .conftest import parse

PROCEDURE_STREAMS = (
    "benefits",
    "how_it_works",
    "other_treatments",
    "before",
    "on_the_day",
    "after",
    "getting_ready",
    "at_home",
    "recovery_and_results",
    "risks",
    "questions_to_ask",
    "questions",
    "costs",
)


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("content", model._meta.model_name, parent.pk))


def test_home_page_only_at_the_tree_root_and_only_once(home):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)  # one already exists
    assert not HomePage.can_create_at(home)
    assert HomePage.parent_page_types == ["wagtailcore.Page"]


def test_procedure_and_standard_pages_go_under_the_home_page(home, standard_page):
    root = Page.get_first_root_node()
    assert ProcedurePage.can_create_at(home)
    assert StandardPage.can_create_at(home)
    assert StandardPage.can_create_at(standard_page)
    assert not ProcedurePage.can_create_at(root)
    assert not ProcedurePage.can_create_at(standard_page)
    assert not StandardPage.can_create_at(root)


def test_admin_refuses_a_procedure_page_in_the_wrong_place(admin_client, standard_page):
    response = admin_client.post(
        add_url(ProcedurePage, standard_page), procedure_form_data(), follow=True
    )
    assert response.redirect_chain[0] == (reverse("wagtailadmin_home"), 302)
    assert "permission" in parse(response).select_one(".messages").get_text()
    assert not ProcedurePage.objects.exists()


def procedure_form_data(**overrides):
    data = {
        "title": "Spinal tumor ablation",
        "slug": "spinal-tumor-ablation",
        "summary": "A small procedure that can ease pain.",
        "summary_heading": "In short",
        "benefits_heading": "How it can help",
        "how_it_works_heading": "How it works",
        "procedure_heading": "The procedure",
        "before_heading": "Before",
        "on_the_day_heading": "On the day",
        "after_heading": "After",
        "recovery_heading": "Recovery",
        "risks_heading": "Risks",
        "questions_heading": "Questions",
        "other_treatments_heading": "Other treatments",
        "getting_ready_heading": "Getting ready",
        "at_home_heading": "At home afterwards",
        "questions_to_ask_heading": "Questions to ask your care team",
        "costs_heading": "Costs and insurance",
        "find_us_heading": "Where to find us",
        "references_heading": "References",
        "page_references": inline_formset([]),
        "care_team_heading": "Your care team",
        "care_team": inline_formset([]),
    }
    for name in PROCEDURE_STREAMS:
        data[name] = streamfield([])
    data["benefits"] = streamfield([("paragraph", rich_text("<p>Less pain within days.</p>"))])
    data.update(overrides)
    return nested_form_data(data)


def test_admin_creates_and_publishes_a_procedure_page(admin_client, home):
    data = procedure_form_data(**{"action-publish": "publish"})
    response = admin_client.post(add_url(ProcedurePage, home), data)
    assert response.status_code == 302, parse(response).select(".error-message")

    page = ProcedurePage.objects.get(slug="spinal-tumor-ablation")
    assert page.live
    assert page.get_parent().specific == home
    served = admin_client.get(page.url)
    assert "Less pain within days." in parse(served).select_one("#benefits").get_text()


def test_admin_creates_a_standard_page(admin_client, home):
    data = nested_form_data(
        {
            "title": "About the team",
            "slug": "about",
            "summary": "Who we are.",
            "body": streamfield([("paragraph", rich_text("<p>We are a team.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(add_url(StandardPage, home), data)
    assert response.status_code == 302
    assert StandardPage.objects.get(slug="about").live


def test_admin_creates_a_home_page_at_the_root(admin_client, db):
    root = Page.get_first_root_node()
    data = nested_form_data(
        {
            "title": "Spine Tumor Program",
            "slug": "spine",
            "summary": "We treat pain from cancer in the spine.",
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(add_url(HomePage, root), data)
    assert response.status_code == 302
    assert HomePage.objects.get(slug="spine").live


@pytest.mark.parametrize("missing", ["title", "summary"])
def test_a_required_field_left_empty_is_shown_beside_the_field(admin_client, home, missing):
    data = procedure_form_data(**{missing: "", "action-publish": "publish"})
    response = admin_client.post(add_url(ProcedurePage, home), data)
    assert response.status_code == 200
    assert not ProcedurePage.objects.exists()
    field = parse(response).select_one(f"[data-field-input] [name='{missing}']")
    wrapper = field.find_parent(attrs={"data-field": True})
    assert "This field is required" in wrapper.get_text()
