"""Snippets in two languages: glossary terms (marked and listed in their own language),
clinicians (a Spanish role and bio, never the staff account) and references."""

from content.glossary.models import GlossaryPage, GlossaryTerm
from content.pages.models.procedure import ProcedurePageClinician
from content.review.models import Clinician

from .conftest import paragraph, parse, publish, spanish_locale, translate


def test_each_language_marks_and_lists_its_own_glossary(client, contact, spanish_procedure, home):
    english_term = GlossaryTerm.objects.create(
        term="Tumor", definition="A lump of cells that grow when they should not."
    )
    spanish_term = english_term.copy_for_translation(spanish_locale())
    spanish_term.definition = "Un bulto de células que crecen cuando no deberían."
    spanish_term.other_forms = "tumores"
    spanish_term.save()  # the same spelling as the English term, in the other language
    glossary = GlossaryPage(title="Words we use", slug="glossary")
    home.add_child(instance=glossary)
    publish(glossary)
    translate(glossary, title="Palabras que usamos", slug="palabras")

    spanish = spanish_procedure
    spanish.how_it_works = [paragraph("Una sonda calienta los tumores.")]
    publish(spanish)
    soup = parse(client.get("/es/procedimiento-star/"))
    [link] = soup.select("main a.glossary-term")
    assert (link.get_text(), link["href"]) == ("tumores", "/es/palabras/#tumor")
    assert "Un bulto de células" in soup.select_one(".glossary-definitions").get_text()

    listed = parse(client.get("/es/palabras/")).select("dl.glossary__terms dd")
    assert [dd.get_text() for dd in listed] == [spanish_term.definition]
    listed = parse(client.get("/glossary/")).select("dl.glossary__terms dd")
    assert [dd.get_text() for dd in listed] == [english_term.definition]


def test_a_spanish_page_shows_the_clinicians_spanish_role_and_bio(
    client, spanish_procedure, procedure_page, editor
):
    english = Clinician.objects.create(
        name="Dana Cole", credentials="MD", role="Interventional radiologist", user=editor
    )
    spanish = english.copy_for_translation(spanish_locale())
    spanish.role = "Radióloga intervencionista"
    spanish.bio = "Hace el procedimiento y le explica cada paso."
    spanish.save()
    assert spanish.user is None  # the staff account stays with the English entry
    procedure_page.care_team = [ProcedurePageClinician(clinician=english)]
    publish(procedure_page)
    spanish_procedure.care_team = [ProcedurePageClinician(clinician=spanish)]
    publish(spanish_procedure)
    team = parse(client.get("/es/procedimiento-star/")).select_one(".care-team")
    assert "Radióloga intervencionista" in team.get_text()
    assert "Dana Cole, MD" in team.get_text()
    assert "Interventional radiologist" in parse(client.get(procedure_page.url)).get_text()
