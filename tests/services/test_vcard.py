"""vCard: written cards read back the same, real exports (Google, Apple, Outlook 2.1,
RFC 6350 4.0) read into contact fields, bad cards named by number and line."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_crm.services.vcard import (
    VCARD_FIELDS,
    CardPosition,
    VCardError,
    card_text,
    read_vcards,
    write_vcards,
)

SAMPLES = Path(__file__).parent / "vcards"


def read_bytes(data: bytes, **options: Any) -> list[tuple[CardPosition, dict[str, str]]]:
    return list(read_vcards(io.BytesIO(data), **options))


def written(contacts: list[dict[str, str]], version: str = "3.0") -> bytes:
    stream = io.StringIO(newline="")
    assert write_vcards(contacts, stream, version) == len(contacts)  # type: ignore[arg-type]
    return stream.getvalue().encode("utf-8")


# Names and text as people type them: accents, apostrophes, the vCard separators ; , \ and
# line breaks in notes; no control characters (a vCard cannot carry them).
_letters = st.characters(
    categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\x85\u2028\u2029"
)
words = st.text(_letters, min_size=1, max_size=30).map(str.strip).filter(bool)
phones = st.from_regex(r"\+?[0-9][0-9 .()-]{5,18}[0-9]", fullmatch=True)
notes = st.lists(words, min_size=1, max_size=40).map(lambda parts: "\n".join(parts))
contacts = st.fixed_dictionaries(
    {"last_name": words},
    optional={
        "first_name": words,
        "salutation": st.sampled_from(["M.", "Mme", "Dr", "Ms"]),
        "company": words,
        "department": words,
        "job_title": words,
        "email": st.emails(),
        "phone_raw": phones,
        "mobile_raw": phones,
        "street": st.lists(words, min_size=1, max_size=3).map("\n".join),
        "postal_code": st.from_regex(r"[0-9A-Z]{4,6}", fullmatch=True),
        "city": words,
        "country": st.sampled_from(["FR", "BE", "CH", "CA", "GB"]),
        "notes": notes,
        "id": st.uuids().map(str),
    },
)


@settings(max_examples=200, deadline=None)
@given(st.lists(contacts, min_size=1, max_size=5), st.sampled_from(["3.0", "4.0"]))
def test_written_cards_read_back_as_the_same_contacts(
    people: list[dict[str, str]], version: str
) -> None:
    read = read_bytes(written(people, version))
    assert [fields for _, fields in read] == people
    assert [position.card for position, _ in read] == list(range(1, len(people) + 1))


def test_version_4_keeps_the_language_and_writes_phones_as_text() -> None:
    contact = {"last_name": "Núñez", "language": "es", "phone_raw": "91 123 45 67"}
    text = card_text(contact, "4.0")
    assert "VERSION:4.0" in text
    assert "TEL;TYPE=work,voice;VALUE=text:91 123 45 67" in text
    [(_, fields)] = read_bytes(text.encode())
    assert fields == contact


@pytest.mark.parametrize(
    "notes",
    [
        "é" * 200,
        "a" * 300,
        "😀" * 60,
        "x" + "😀" * 40,
        ("semi;colon, comma\\back\nslash " * 8).strip(),
    ],
    ids=["two-byte", "ascii", "four-byte", "four-byte-shifted", "escapes"],
)
def test_long_lines_are_folded_and_every_key_is_a_contact_field(notes: str) -> None:
    contact = {"last_name": "Lefèvre", "notes": notes}
    text = card_text(contact)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    [(_, fields)] = read_bytes(text.encode())
    assert fields == contact
    assert set(fields) <= set(VCARD_FIELDS)


SAMPLE_CARDS: list[tuple[str, int, dict[str, str]]] = [
    (
        "google_contacts.vcf",
        0,
        {
            "last_name": "Lefèvre",
            "first_name": "Hélène",
            "company": "Boulangerie Lefèvre SARL",
            "job_title": "Gérante",
            "email": "helene@boulangerie-lefevre.fr",
            "mobile_raw": "06 12 34 56 78",
            "phone_raw": "+33 4 78 00 11 22",
            "street": "3 place Bellecour",
            "postal_code": "69002",
            "city": "Lyon",
            "country": "France",
            "notes": "Rencontrée au salon de Lyon.\nPréfère être appelée le matin.\n\n"
            "E-mail: helene.lefevre@gmail.com",
        },
    ),
    (
        "google_contacts.vcf",
        1,
        {
            "last_name": "Smith",
            "first_name": "John Paul",
            "salutation": "Dr.",
            "email": "john.smith@example.com",
            "phone_raw": "+44 20 7946 0958",
            "street": "221B Baker Street",
            "postal_code": "NW1 6XE",
            "city": "London",
            "country": "United Kingdom",
        },
    ),
    (
        "apple_contacts.vcf",
        0,
        {
            "last_name": "Durand",
            "first_name": "François",
            "salutation": "M.",
            "company": "Atelier Durand & Fils",
            "department": "Production",
            "job_title": "Directeur technique",
            "email": "f.durand@atelier-durand.fr",
            "mobile_raw": "+33 6 98 76 54 32",
            "phone_raw": "01 23 45 67 89",
            "street": "Bâtiment C\n14 rue des Artisans",
            "postal_code": "44000",
            "city": "Nantes",
            "country": "FR",
            "notes": "Client depuis 2019. Très long commentaire qui dépasse largement la limite "
            "de soixante-quinze octets par ligne et qui est donc replié sur plusieurs lignes "
            "physiques, comme le fait Contacts sur macOS.\n\n"
            "Phone: 01 98 76 54 32\nRegion: Pays de la Loire",
        },
    ),
    (
        "outlook_21.vcf",
        0,
        {
            "last_name": "Châtelet",
            "first_name": "Jérôme",
            "company": "Société Générale des Eaux",
            "department": "Achats",
            "job_title": "Acheteur",
            "email": "jerome.chatelet@sge-eaux.fr",
            "phone_raw": "+33 (0)1 40 00 00 00",
            "mobile_raw": "07 00 00 00 01",
            "street": "12, allée des Chênes\nBâtiment A",
            "postal_code": "94000",
            "city": "Créteil",
            "country": "France",
            "notes": "Rappeler après le 15 août.\n\nFax: +33 (0)1 40 00 00 99",
        },
    ),
    (
        "rfc6350_40.vcf",
        0,
        {
            "id": "4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
            "last_name": "Núñez",
            "first_name": "Ana María",
            "company": "Compañía Ejemplo S.L.",
            "language": "es",
            "email": "ana@ejemplo.es",
            "phone_raw": "+34-91-123-4567",
            "mobile_raw": "+34-600-123-456",
            "street": "Calle Mayor 1",
            "postal_code": "28013",
            "city": "Madrid",
            "country": "ES",
        },
    ),
]


@pytest.mark.parametrize(("sample", "index", "expected"), SAMPLE_CARDS)
def test_real_world_exports_read_into_contact_fields(
    sample: str, index: int, expected: dict[str, str]
) -> None:
    cards = list(read_vcards(SAMPLES / sample))
    assert cards[index][1] == expected


def test_positions_give_the_card_number_and_its_first_line() -> None:
    positions = [position for position, _ in read_vcards(SAMPLES / "google_contacts.vcf")]
    assert positions == [CardPosition(1, 1), CardPosition(2, 15)]


def test_an_eight_bit_outlook_export_is_read_in_its_charset() -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=Windows-1252:Müller;Zoë\r\n"
        "ORG:Café Crème\r\nEND:VCARD\r\n"
    ).encode("cp1252")
    [(_, fields)] = read_bytes(card)
    assert fields == {"last_name": "Müller", "first_name": "Zoë", "company": "Café Crème"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_a_file_with_a_byte_order_mark_is_read(encoding: str) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Évrard;Zoé;;;\r\nEND:VCARD\r\n"
    [(_, fields)] = read_bytes(card.encode(encoding))
    assert fields == {"last_name": "Évrard", "first_name": "Zoé"}


def test_a_card_with_only_a_full_name_is_split_into_first_and_last() -> None:
    [(_, fields)] = read_bytes(b"BEGIN:VCARD\nVERSION:3.0\nFN:Jean-Marc de la Tour\nEND:VCARD\n")
    assert fields == {"last_name": "Tour", "first_name": "Jean-Marc de la"}


@pytest.mark.parametrize("contact", [{"email": "zoe@example.com"}, {"phone_raw": "06 12 34 56 78"}])
def test_a_card_named_by_its_email_or_phone_keeps_no_person_name(contact: dict[str, str]) -> None:
    [(_, fields)] = read_bytes(card_text(contact).encode())
    assert fields == contact


def test_a_company_card_has_no_person_name() -> None:
    data = b"BEGIN:VCARD\nVERSION:3.0\nFN:Acme SA\nORG:Acme SA\nEND:VCARD\n"
    [(_, fields)] = read_bytes(data)
    assert fields == {"company": "Acme SA"}


GOOD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Martin;Luc;;;\r\nEND:VCARD\r\n"

BAD_FILES: list[tuple[bytes, str]] = [
    (b"", "Card 1 (starting line 1): the file holds no vCard (no BEGIN:VCARD line)"),
    (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00",
        "Card 1 (starting line 1): line 1 is outside any card "
        "(not between BEGIN:VCARD and END:VCARD)",
    ),
    (
        GOOD + b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Petit;Anne;;;\r\n",
        "Card 2 (starting line 5): it has no END:VCARD line (the file ends inside it)",
    ),
    (
        GOOD + b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Petit;Anne;;;\r\njust some words\r\nEND:VCARD\r\n",
        "Card 2 (starting line 5): line 8: “just some words” is not a property (NAME:value)",
    ),
    (
        GOOD + b"BEGIN:VCARD\r\nVERSION:3.0\r\nCATEGORIES:friends\r\nEND:VCARD\r\n",
        "Card 2 (starting line 5): it has no name, company, e-mail or phone",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES)
def test_a_bad_card_is_named_by_its_number_and_line(data: bytes, message: str) -> None:
    with pytest.raises(VCardError) as raised:
        read_bytes(data)
    assert str(raised.value) == message


def test_with_an_error_handler_the_good_cards_around_a_bad_one_are_read() -> None:
    data = GOOD + b"BEGIN:VCARD\r\nVERSION:3.0\r\nno colon here\r\nEND:VCARD\r\n" + GOOD
    errors: list[VCardError] = []
    cards = read_bytes(data, on_error=errors.append)
    assert [(p.card, f["last_name"]) for p, f in cards] == [(1, "Martin"), (3, "Martin")]
    assert [(e.position.card, e.position.line) for e in errors] == [(2, 5)]


def test_reading_is_streamed_card_by_card() -> None:
    """A generator over the file: the first card comes before the rest is read."""
    stream = io.BytesIO(GOOD * 1000 + b"garbage after the cards\r\n")
    cards = read_vcards(stream)
    position, fields = next(cards)
    assert (position.card, fields) == (1, {"last_name": "Martin", "first_name": "Luc"})
    assert stream.tell() < len(GOOD) * 1000
