"""Links that travel: canonical address, share previews, JSON-LD, sitemap, robots, short links."""

import datetime
import hashlib
import json
from xml.etree import ElementTree

import pytest
import segno
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, PageViewRestriction

from content.pages.models import ProcedurePage, ReferrerPage, StandardPage
from content.review.models import Clinician

from .conftest import parse, publish

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def json_ld(response):
    (script,) = parse(response).find_all("script", type="application/ld+json")
    return json.loads(script.string)


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"]


def section_text(soup, anchor):
    """A section's words as the reader sees them, without its heading and link."""
    section = soup.find(id=anchor)
    # Block by block: inline marks (glossary links) must not add spaces inside a sentence.
    parts = [block.get_text() for block in section.select(".rich-text :is(p, li, h3, h4)")]
    return " ".join(" ".join(parts).split())


@pytest.fixture
def star_page(starter):
    return ProcedurePage.objects.get(slug="star-procedure")


def test_procedure_json_ld_is_a_medical_web_page_about_the_procedure(client, star_page):
    response = client.get(star_page.url)
    soup = parse(response)
    data = json_ld(response)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == star_page.full_url
    assert data["audience"] == "https://schema.org/Patient"
    assert data["name"] == soup.h1.get_text(strip=True)

    about = data["about"]
    assert about["@type"] == "MedicalProcedure"
    assert about["name"] == soup.h1.get_text(strip=True)
    assert about["procedureType"] == "https://schema.org/PercutaneousProcedure"
    assert about["bodyLocation"] == "Spine"
    # The structured data says what the page says, section by section.
    assert about["howPerformed"] == section_text(soup, "how-it-works")
    assert about["preparation"].startswith(section_text(soup, "before")[:200])
    assert about["followup"].startswith(section_text(soup, "after")[:100])
    assert "Call 911 now if you have" in about["followup"]


def test_json_ld_has_no_review_keys_without_review_data(client, star_page):
    data = json_ld(client.get(star_page.url))
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_referrer_json_ld_is_for_clinicians_about_the_same_procedure(client, star_page):
    referrer = ReferrerPage.objects.get()
    data = json_ld(client.get(referrer.url))
    assert data["@type"] == "MedicalWebPage"
    assert data["audience"] == "https://schema.org/Clinician"
    assert data["about"]["@type"] == "MedicalProcedure"
    assert data["about"]["name"] == star_page.title


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, procedure_page):
    procedure_page.title = 'Ablation </script><script>alert("x")</script>'
    publish(procedure_page)
    response = client.get(procedure_page.url)
    soup = parse(response)
    assert len(soup.find_all("script")) == 1
    assert json_ld(response)["name"] == procedure_page.title


def test_canonical_and_share_meta_name_the_sites_own_address(client, procedure_page):
    # A request under another allowed host name still gets the site's own address.
    soup = parse(client.get(procedure_page.url, HTTP_HOST="127.0.0.1"))
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == procedure_page.full_url == "http://localhost/star/"
    assert meta(soup, "og:url") == canonical
    assert meta(soup, "og:title") == procedure_page.title
    assert meta(soup, "og:description") == procedure_page.summary
    assert meta(soup, "og:image").startswith(f"http://localhost/share/{procedure_page.pk}/")
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == meta(soup, "og:image")


def test_every_section_heading_has_a_visible_link_to_itself(client, procedure_page):
    soup = parse(client.get(procedure_page.url))
    headings = soup.select("article section > .section__heading > :is(h2, h3)")
    assert len(headings) == 16  # 13 sections and the 3 parts of the procedure
    for heading in headings:
        section = heading.find_parent("section")
        link = heading.find_next_sibling("a", class_="section-link")
        assert link["href"] == f"#{section['id']}"
        # A quiet "#" on screen; its name for screen readers says where it leads.
        assert link.find(attrs={"aria-hidden": "true"}).get_text() == "#"
        name = link.select_one(".visually-hidden").get_text()
        assert name == f"Link to this section: {heading.get_text(strip=True)}"


# Sitemap and robots.txt ------------------------------------------------------------------


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    # Our own server's XML, not untrusted input: the standard library's parser is enough.
    root = ElementTree.fromstring(response.content)  # noqa: S314
    return {loc.text.strip() for loc in root.iter(f"{{{SITEMAP_NS}}}loc")}


def test_sitemap_lists_every_live_public_page_and_no_draft_or_private_page(
    client, home, procedure_page, standard_page
):
    draft = StandardPage(title="Draft", slug="draft", summary="Not ready.", live=False)
    home.add_child(instance=draft)
    private = StandardPage(title="Staff only", slug="staff", summary="Private.")
    home.add_child(instance=private)
    publish(private)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    assert sitemap_locations(client) == {
        page.full_url for page in (home, procedure_page, standard_page)
    }


def test_robots_txt_names_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


# The /star/ short link -----------------------------------------------------------------


def test_star_short_link_redirects_permanently_to_the_procedure_page(client, star_page):
    response = client.get("/star/")
    assert response.status_code == 301
    assert response["Location"] == star_page.url
    assert client.get("/star").status_code == 301


def test_load_content_makes_the_short_link_once_and_leaves_staff_changes(star_page):
    call_command("load_content", verbosity=0)
    redirect = Redirect.objects.get()
    redirect.redirect_page = StandardPage.objects.get(slug="accessibility")
    redirect.save()
    call_command("load_content", verbosity=0)
    assert Redirect.objects.get().redirect_page.slug == "accessibility"


# The print handout ---------------------------------------------------------------------


def test_print_handout_carries_the_address_phone_and_a_qr_code_of_it(
    client, contact, procedure_page
):
    soup = parse(client.get(procedure_page.url))
    handout = soup.select_one("main .print-handout")
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical in handout.get_text()
    assert "555-0100" in handout.get_text()
    svg = handout.find("svg")
    assert svg.find("title").get_text()
    expected = segno.make(canonical, error="m", micro=False).svg_inline(
        scale=3, border=2, title=svg.find("title").get_text(), svgclass="qr-code", lineclass=None
    )
    assert svg.find("path")["d"] == parse_fragment(expected).find("path")["d"]
    # Made once, then served from the cache.
    cached = cache.get("qr-svg:" + hashlib.sha256(canonical.encode()).hexdigest())
    assert parse_fragment(cached).find("path")["d"] == svg.find("path")["d"]


def parse_fragment(html):
    return BeautifulSoup(html, "html.parser")


def test_the_referrer_page_prints_a_handout_too(client, star_page):
    referrer = ReferrerPage.objects.get()
    handout = parse(client.get(referrer.url)).select_one("main .print-handout")
    assert referrer.full_url in handout.get_text()
    assert handout.find("svg")


def test_standard_pages_keep_their_canonical_link(client, standard_page):
    soup = parse(client.get(standard_page.url))
    assert soup.find("link", rel="canonical")["href"] == standard_page.full_url
    # Their structured data is the breadcrumb trail only: no medical claims.
    (script,) = soup.find_all("script", type="application/ld+json")
    assert json.loads(script.string)["@type"] == "BreadcrumbList"


@pytest.mark.parametrize("model", [ProcedurePage, ReferrerPage])
def test_a_reviewed_page_states_its_review_in_the_page_and_json_ld(client, star_page, model):
    page = model.objects.get(locale=Locale.get_default())
    page.reviewed_by = Clinician.objects.create(name="Dana Reyes", credentials="MD")
    page.last_reviewed = datetime.date(2026, 11, 2)
    page.next_review_due = datetime.date(2027, 11, 2)
    publish(page)

    response = client.get(page.url)
    data = json_ld(response)
    assert data["lastReviewed"] == "2026-11-02"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dana Reyes, MD"}
    review_line = parse(response).select_one(".page-meta--review")
    assert [time["datetime"] for time in review_line.find_all("time")] == [
        "2026-11-02",
        "2027-11-02",
    ]


def test_a_chosen_reviewer_is_not_claimed_before_the_review(client, star_page):
    star_page.reviewed_by = Clinician.objects.create(name="Dana Reyes", credentials="MD")
    publish(star_page)
    data = json_ld(client.get(star_page.url))
    assert "reviewedBy" not in data and "lastReviewed" not in data


def test_json_ld_follows_a_publish_and_a_reviewers_new_name(client, star_page):
    fresh = star_page.url + "?page=1"  # skip the full-page cache: the kept JSON-LD is tested
    json_ld(client.get(fresh))  # now kept with the page's rendered sections
    star_page.title = "Spinal tumor ablation, renamed"
    reviewer = Clinician.objects.create(name="Dana Reyes", credentials="MD")
    star_page.reviewed_by = reviewer
    star_page.last_reviewed = datetime.date(2026, 11, 2)
    publish(star_page)
    data = json_ld(client.get(fresh))
    assert data["name"] == data["about"]["name"] == "Spinal tumor ablation, renamed"
    assert data["reviewedBy"]["name"] == "Dana Reyes, MD"
    reviewer.name = "Dana Reyes-Ortiz"
    reviewer.save()  # a snippet: not a publish of the page
    assert json_ld(client.get(fresh))["reviewedBy"]["name"] == "Dana Reyes-Ortiz, MD"
