"""The Spanish enquiry form says what went wrong in Spanish: a form sent twice, a database
that cannot store it, a form left open too long, an answer missing. Through real requests
to /es/, as tests/test_enquiry_hardening.py makes them happen in English."""

import pytest

from content.enquiries.forms import STARTED_FIELD

from . import test_enquiry_form as enquiry
from . import test_enquiry_hardening as hardening
from .conftest import parse, translate
from .test_enquiry_form import form_data
from .test_enquiry_hardening import is_thank_you, non_field_errors

enquiry_page = enquiry.enquiry_page
no_minimum_time = enquiry.no_minimum_time  # autouse there, so used by name here
refusing_database = hardening.refusing_database

ALREADY_SENT = (
    "Este formulario ya se envió, así que no lo enviamos otra vez. Si es un mensaje nuevo, "
    "pulse Enviar otra vez."
)
COULD_NOT_SEND = "No pudimos enviar esto. Por favor, llame al 555-0100."
EXPIRED = (
    "Este formulario estuvo abierto mucho tiempo, así que no pudimos enviarlo. Sus "
    "respuestas siguen aquí: revíselas y pulse Enviar otra vez."
)


@pytest.fixture
def spanish_form(spanish_home, enquiry_page):
    page = translate(
        enquiry_page,
        title="Pregúntenos",
        slug="preguntenos",
        translation_checked_by="Ana Ruiz, CHI-Spanish",
    )
    # The fields' labels in Spanish, as a translator leaves them.
    for field, label in zip(
        page.form_fields.order_by("sort_order"),
        ["Su nombre", "¿Quién es usted?", "Número de teléfono", "Correo electrónico"],
        strict=False,
    ):
        field.label = label
        field.save()
    return page


def field_error_texts(response):
    """Each field's error, without the "Error:" the page puts before it (the same word in
    Spanish)."""
    errors = [e.get_text(" ", strip=True) for e in parse(response).select(".form-field__error")]
    return [error.removeprefix("Error:").strip() for error in errors]


def test_a_form_sent_twice_says_so_in_spanish(client, spanish_form):
    data = form_data(client, spanish_form)
    assert is_thank_you(client.post(spanish_form.url, data))
    replay = client.post(spanish_form.url, data)
    assert replay.status_code == 200
    assert non_field_errors(replay) == [ALREADY_SENT]


def test_a_form_that_cannot_be_stored_says_so_in_spanish(client, spanish_form, request):
    data = form_data(client, spanish_form)
    request.getfixturevalue("refusing_database")
    response = client.post(spanish_form.url, data)
    assert response.status_code == 200
    assert non_field_errors(response) == [COULD_NOT_SEND]


def test_a_form_left_open_too_long_says_so_in_spanish(client, spanish_form):
    response = client.post(
        spanish_form.url, form_data(client, spanish_form, **{STARTED_FIELD: "x"})
    )
    assert non_field_errors(response) == [EXPIRED]


def test_missing_answers_are_asked_for_in_spanish(client, spanish_form):
    response = client.post(
        spanish_form.url,
        form_data(client, spanish_form, your_name="", phone_number="", email_address=""),
    )
    errors = field_error_texts(response)
    assert "Escriba su nombre" in errors
    assert (
        "Escriba un número de teléfono o un correo electrónico para que podamos responderle."
        in errors
    )


def test_the_english_form_keeps_its_english_messages(client, enquiry_page, spanish_form):
    data = form_data(client, enquiry_page)
    client.post(enquiry_page.url, data)
    replay = client.post(enquiry_page.url, data)
    assert non_field_errors(replay) == [
        "This form was already sent, so we did not send it again. If this is a new message, "
        "press Send again."
    ]
