"""Matching keys: e-mails, phones, company and person names, SIREN, domains, sound codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_crm.services.normalise import (
    company_key,
    domain_of,
    email_key,
    fold,
    luhn_ok,
    person_key,
    phone_key,
    phonetic_key,
    siren_key,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("jean.dupont@acme.fr", "jean.dupont@acme.fr"),
        ("Jean.Dupont@ACME.FR", "jean.dupont@acme.fr"),
        ("  JEAN.DUPONT@Acme.Fr ", "jean.dupont@acme.fr"),
        ("hélène@exämple.fr", "hélène@xn--exmple-cua.fr"),
        ("j.o'neil+crm@example.co.uk", "j.o'neil+crm@example.co.uk"),
        ("jean.dupont@acme", None),
        ("jean.dupont@", None),
        ("@acme.fr", None),
        ("jean dupont@acme.fr", None),
        ("not an e-mail", None),
        ("", None),
        (None, None),
    ],
)
def test_email_key(text: str | None, key: str | None) -> None:
    assert email_key(text) == key


@pytest.mark.parametrize(
    ("text", "region", "key"),
    [
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("+33 6 12 34 56 78", "FR", "+33612345678"),
        ("0033612345678", "FR", "+33612345678"),
        ("06.12.34.56.78", "FR", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "FR", "+33612345678"),
        ("0612345678", None, "+33612345678"),
        ("01 42 68 53 00", "FR", "+33142685300"),
        ("+44 20 7946 0958", "FR", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("02 606 62 14", "BE", "+3226066214"),
        ("0478 70 18 78", "BE", "+32478701878"),
        ("021 458 95 23", "CH", "+41214589523"),
        ("(418) 477-9763", "CA", "+14184779763"),
        ("+49 30 901820", "FR", "+4930901820"),
        ("12", "FR", None),
        ("abc", "FR", None),
        ("", "FR", None),
        (None, "FR", None),
    ],
)
def test_phone_key(text: str | None, region: str | None, key: str | None) -> None:
    assert phone_key(text, region) == key


def test_french_phone_formats_give_one_key() -> None:
    keys = {phone_key(t) for t in ("06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678")}
    assert keys == {"+33612345678"}


@given(st.from_regex(r"0[1-79][0-9]{8}", fullmatch=True))
def test_french_numbers_keep_their_digits(national: str) -> None:
    key = phone_key(" ".join(national[i : i + 2] for i in range(0, 10, 2)))
    assert key == "+33" + national[1:]
    assert phone_key(key) == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Dupont SARL", "dupont"),
        ("DUPONT", "dupont"),
        ("SARL Dupont", "dupont"),
        ("S.A.R.L. Dupont", "dupont"),
        ("Société Générale S.A.", "societe generale"),
        ("SOCIETE GENERALE", "societe generale"),
        ("O'Neil & Sons Ltd", "o neil and sons"),
        ("O’Neil and Sons Limited", "o neil and sons"),
        ("Moreau et Fils SAS", "moreau and fils"),
        ("Moreau & Fils", "moreau and fils"),
        ("Omniys EURL", "omniys"),
        ("Néogence SASU", "neogence"),
        ("Expertise Olivier SRL", "expertise olivier"),
        ("Dubois Sàrl", "dubois"),
        ("Müller GmbH", "muller"),
        ("Siemens AG", "siemens"),
        ("Acme, Inc.", "acme"),
        ("ACME Corp.", "acme"),
        ("Acme LLC", "acme"),
        ("Tesco PLC", "tesco"),
        ("Van Dijk B.V.", "van dijk"),
        ("Fratelli Rossi S.p.A.", "fratelli rossi"),
        ("Construcciones García SL", "construcciones garcia"),
        ("Boulangerie d'Alsace", "boulangerie d alsace"),
        ("Dupont SNC", "dupont"),
        ("SAS", "sas"),
        ("", ""),
        (None, ""),
    ],
)
def test_company_key(name: str | None, key: str) -> None:
    assert company_key(name) == key


def test_legal_forms_are_whole_words_only() -> None:
    assert company_key("Sasha Design") == "sasha design"
    assert company_key("Agence Inca") == "agence inca"


@pytest.mark.parametrize(
    ("first", "last", "key"),
    [
        ("Jean", "Dupont", "dupont jean"),
        ("DUPONT", "jean", "dupont jean"),
        ("Hélène", "Lefèvre", "helene lefevre"),
        ("Helene", "LEFEVRE", "helene lefevre"),
        ("Jean-François", "Le Gall", "francois gall jean le"),
        ("Zoë", "N'Diaye", "diaye n zoe"),
        (None, "Dupont", "dupont"),
        ("", "", ""),
    ],
)
def test_person_key(first: str | None, last: str | None, key: str) -> None:
    assert person_key(first, last) == key


def test_person_key_ignores_order_accents_and_case() -> None:
    assert person_key("Éloïse", "Martin") == person_key("MARTIN", "eloise")


@pytest.mark.parametrize(
    ("text", "siren"),
    [
        ("552100554", "552100554"),
        ("552 100 554", "552100554"),
        ("552.100.554", "552100554"),
        ("55210055400013", "552100554"),  # a SIRET: its first 9 digits
        ("552 100 554 00013", "552100554"),
        ("732829320", "732829320"),
        ("552100555", None),  # bad Luhn
        ("55210055500013", None),  # SIRET whose SIREN fails Luhn
        ("55210055", None),  # too short
        ("5521005540001", None),  # neither 9 nor 14 digits
        ("SIREN inconnu", None),
        ("", None),
        (None, None),
    ],
)
def test_siren_key(text: str | None, siren: str | None) -> None:
    assert siren_key(text) == siren


@given(st.from_regex(r"[0-9]{8}", fullmatch=True))
def test_exactly_one_check_digit_makes_a_siren(body: str) -> None:
    valid = [d for d in "0123456789" if luhn_ok(body + d)]
    assert len(valid) == 1
    assert siren_key(body + valid[0]) == body + valid[0]


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("jean@Acme.FR", "acme.fr"),
        ("https://www.acme.fr/contact", "acme.fr"),
        ("http://acme.fr", "acme.fr"),
        ("www.Acme.co.uk", "acme.co.uk"),
        ("acme.fr/", "acme.fr"),
        ("https://münchen.de", "xn--mnchen-3ya.de"),
        ("jean@gmail.com", "gmail.com"),
        ("acme", None),
        ("jean@", None),
        ("", None),
        (None, None),
    ],
)
def test_domain_of(text: str | None, domain: str | None) -> None:
    assert domain_of(text) == domain


@pytest.mark.parametrize(
    "names",
    [
        ("Dupont", "Dupond", "Dupnt", "DUPONT"),
        ("Renaud", "Renault", "Renaux"),
        ("Philippe", "Filipe"),
        ("Céline", "Séline", "Celine"),
        ("Lefebvre", "Lefèvre", "Lefevre"),
        ("Jacques", "Jack"),
        ("Georges", "Jorge"),
        ("Rousseau", "Rousso"),
        ("Hélène", "Elène"),
        ("Thibault", "Thibaut"),
        ("Christophe", "Kristof"),
        ("Le Gall", "Legal", "LE GALL"),
        ("Martin", "Marttin", "Martine"),
    ],
)
def test_names_that_sound_alike_share_a_phonetic_key(names: tuple[str, ...]) -> None:
    assert len({phonetic_key(n) for n in names}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [("Dupont", "Durand"), ("Martin", "Bernard"), ("Petit", "Moreau"), ("Leroy", "Roux")],
)
def test_different_names_get_different_phonetic_keys(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)


@given(st.text(max_size=30))
def test_keys_never_raise(text: str) -> None:
    email_key(text)
    phone_key(text)
    company_key(text)
    person_key(text, text)
    siren_key(text)
    domain_of(text)
    assert phonetic_key(text) == phonetic_key(fold(text).upper())


_LATIN = st.characters(min_codepoint=0, max_codepoint=0x024F) | st.characters(
    min_codepoint=0x0300, max_codepoint=0x036F
)


@given(st.text(_LATIN, max_size=30) | st.text(max_size=30))
def test_the_fast_fold_equals_the_reference_rule(raw: str) -> None:
    # Issue #6 (import speed): Latin text is folded by a precomputed table.
    from desktop_crm.services.normalise import _fold_reference

    assert fold(raw) == _fold_reference(raw)
