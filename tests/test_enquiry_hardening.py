"""The enquiry form under abuse and failure, through real requests.

- A form's signed start time stores one enquiry: sent again, it stores nothing.
- Besides the limit per address, a ceiling per hour for the whole site: past it, the 429
  page with the phone number. Only enquiries really stored count toward it.
- When an enquiry cannot be stored, the visitor sees the form again with their message and
  "We could not send this. Please call …", never "Thank you".
"""

import logging
import time

import pytest
from django.core import signing
from django.db import connection
from wagtail.contrib.forms.models import FormSubmission

from content.enquiries.forms import ALREADY_SENT, HONEYPOT_FIELD, STARTED_FIELD, TIMESTAMP_SALT
from content.enquiries.models import SpentFormToken

from . import test_enquiry_form as enquiry
from .conftest import parse
from .test_enquiry_form import ANSWERS, form_data

enquiry_page = enquiry.enquiry_page
no_minimum_time = enquiry.no_minimum_time  # autouse there, so used by name here

COULD_NOT_SEND = "We could not send this. Please call 555-0100."


def is_thank_you(response):
    return "Thank you" in parse(response).h1.get_text()


def non_field_errors(response):
    return [p.get_text(" ", strip=True) for p in parse(response).select(".form-errors > p")]


def typed_message(response):
    return parse(response).find(attrs={"name": "your_message"}).get_text().strip()


def renewed_token(response):
    return parse(response).find(attrs={"name": STARTED_FIELD})["value"]


# A token works once -----------------------------------------------------------------------


def test_a_replayed_form_stores_nothing(client, enquiry_page, mailoutbox):
    data = form_data(client, enquiry_page)
    assert is_thank_you(client.post(enquiry_page.url, data))
    replays = [client.post(enquiry_page.url, data) for _ in range(3)]
    replays.append(client.post(enquiry_page.url, data, REMOTE_ADDR="198.51.100.9"))
    assert FormSubmission.objects.count() == 1
    assert len(mailoutbox) == 1
    for replay in replays:
        assert replay.status_code == 200 and not is_thank_you(replay)
        assert non_field_errors(replay) == [ALREADY_SENT]
        assert typed_message(replay) == ANSWERS["your_message"]  # nothing they typed is lost


def test_the_form_shown_again_after_a_replay_can_send_a_new_message(client, enquiry_page):
    data = form_data(client, enquiry_page)
    client.post(enquiry_page.url, data)
    replay = client.post(enquiry_page.url, {**data, "your_message": "A second question."})
    fresh = {**data, STARTED_FIELD: renewed_token(replay), "your_message": "A second question."}
    assert is_thank_you(client.post(enquiry_page.url, fresh))
    assert [s.get_data()["your_message"] for s in FormSubmission.objects.order_by("pk")] == [
        ANSWERS["your_message"],
        "A second question.",
    ]


def test_only_a_hash_of_the_token_is_kept(client, enquiry_page):
    data = form_data(client, enquiry_page)
    client.post(enquiry_page.url, data)
    (spent,) = SpentFormToken.objects.all()
    assert len(spent.digest) == 64 and data[STARTED_FIELD] not in spent.digest


def test_a_form_shown_before_tokens_had_a_random_part_works_once(client, enquiry_page):
    old_token = signing.dumps(time.time() - 60, salt=TIMESTAMP_SALT)  # as forms.py once made
    data = form_data(client, enquiry_page, **{STARTED_FIELD: old_token})
    assert is_thank_you(client.post(enquiry_page.url, data))
    assert non_field_errors(client.post(enquiry_page.url, data)) == [ALREADY_SENT]
    assert FormSubmission.objects.count() == 1


def test_no_two_forms_shown_share_a_token(client, enquiry_page):
    tokens = {form_data(client, enquiry_page)[STARTED_FIELD] for _ in range(20)}
    assert len(tokens) == 20


# A ceiling for the whole site ---------------------------------------------------------------


@pytest.fixture
def ceiling(settings):
    settings.ENQUIRY_SITE_LIMIT_PER_HOUR = 3
    settings.ENQUIRY_RATE_LIMIT = 100


def post_from(client, page, number, **changes):
    return client.post(
        page.url, form_data(client, page, **changes), REMOTE_ADDR=f"198.51.100.{number}"
    )


def test_past_the_sites_hourly_ceiling_every_address_gets_the_429_page(
    client, enquiry_page, ceiling
):
    statuses = [post_from(client, enquiry_page, n).status_code for n in range(1, 6)]
    assert statuses == [200, 200, 200, 429, 429]
    assert FormSubmission.objects.count() == 3
    response = post_from(client, enquiry_page, 99)
    assert response.status_code == 429
    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "Please call us instead"
    assert soup.main.find("a", href="tel:5550100").get_text() == "555-0100"
    assert 0 < int(response["Retry-After"]) <= 3600  # until the next clock hour
    # Nobody is told that their own connection sent too much: the whole site is busy.
    lead = soup.select_one(".lead").get_text()
    assert "more messages than usual in the last hour" in lead
    assert "your connection" not in lead


def test_only_enquiries_really_stored_count_toward_the_ceiling(client, enquiry_page, ceiling):
    data = form_data(client, enquiry_page)
    assert is_thank_you(client.post(enquiry_page.url, data))
    for n in range(10, 20):  # spam and replays from many addresses
        post_from(client, enquiry_page, n, **{HONEYPOT_FIELD: "https://spam.example"})
        client.post(enquiry_page.url, data, REMOTE_ADDR=f"203.0.113.{n}")
        client.post(enquiry_page.url, {**data, "your_name": ""}, REMOTE_ADDR=f"192.0.2.{n}")
    statuses = [post_from(client, enquiry_page, n).status_code for n in range(1, 4)]
    assert statuses == [200, 200, 429]
    assert FormSubmission.objects.count() == 3


# Nothing is lost in silence ------------------------------------------------------------------


class Refusal:
    """The database refuses to store enquiries, as a full disk or a database gone read-only
    would: a trigger raises the error such a database raises (SQLite or PostgreSQL)."""

    def __init__(self, message, sqlstate):
        self.table = FormSubmission._meta.db_table
        self.message, self.sqlstate, self.on = message, sqlstate, False

    def start(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "CREATE FUNCTION refuse_enquiries() RETURNS trigger AS $$ BEGIN "
                    f"RAISE EXCEPTION '{self.message}' USING ERRCODE = '{self.sqlstate}'; "
                    "END $$ LANGUAGE plpgsql"
                )
                cursor.execute(
                    f"CREATE TRIGGER refuse_enquiries BEFORE INSERT ON {self.table} "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_enquiries()"
                )
            else:
                cursor.execute(
                    f"CREATE TRIGGER refuse_enquiries BEFORE INSERT ON {self.table} "  # noqa: S608
                    f"BEGIN SELECT RAISE(ABORT, '{self.message}'); END"
                )
        self.on = True

    def stop(self):
        if not self.on:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER refuse_enquiries ON {self.table}")
                cursor.execute("DROP FUNCTION refuse_enquiries()")
            else:
                cursor.execute("DROP TRIGGER refuse_enquiries")
        self.on = False


@pytest.fixture
def refusing_database(db):
    """The disk is full."""
    refusal = Refusal("database or disk is full", "53100")  # 53100: PostgreSQL's disk_full
    refusal.start()
    yield refusal
    refusal.stop()


@pytest.fixture
def read_only_database(db):
    """The database takes no writes (a failover, a database gone read-only)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = ON")  # SQLite refuses every write itself
        yield
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
        return
    # 25006: read_only_sql_transaction, what a PostgreSQL standby answers to a write.
    refusal = Refusal("cannot execute INSERT in a read-only transaction", "25006")
    refusal.start()
    yield refusal
    refusal.stop()


@pytest.mark.parametrize("failure", ["refusing_database", "read_only_database"])
def test_an_enquiry_that_cannot_be_stored_is_shown_again_with_the_phone_number(
    client, enquiry_page, mailoutbox, caplog, request, failure
):
    data = form_data(client, enquiry_page)
    request.getfixturevalue(failure)
    with caplog.at_level(logging.INFO):
        response = client.post(enquiry_page.url, data)
    assert response.status_code == 200 and not is_thank_you(response)
    assert non_field_errors(response) == [COULD_NOT_SEND]
    assert "Thank you" not in parse(response).main.get_text()
    assert typed_message(response) == ANSWERS["your_message"]
    assert parse(response).find(attrs={"name": "your_name"})["value"] == ANSWERS["your_name"]
    assert mailoutbox == []
    # The log says it happened, and nothing of what was written.
    assert f"An enquiry to page {enquiry_page.pk} was not stored" in caplog.text
    assert ANSWERS["your_message"] not in caplog.text and "Ana" not in caplog.text


def test_once_the_database_is_back_the_form_shown_again_sends(
    client, enquiry_page, refusing_database
):
    data = form_data(client, enquiry_page)
    response = client.post(enquiry_page.url, data)
    assert non_field_errors(response) == [COULD_NOT_SEND]
    refusing_database.stop()
    # The token that failed was not spent, and the form shown again has a fresh one.
    assert is_thank_you(client.post(enquiry_page.url, data))
    again = {**data, STARTED_FIELD: renewed_token(response), "your_message": "Another one."}
    assert is_thank_you(client.post(enquiry_page.url, again))
    assert FormSubmission.objects.count() == 2
