"""Matching keys: e-mails, phones, company and person names, SIREN, domains, phonetic codes.

Pure functions with no database access, shared by the duplicate scan, the as-you-type check
and (later) imports, so a value typed in a form and the same value in a CSV give one key.
Every function returns None (or "") for input it cannot make a key of, never raises on text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email

#: Legal forms removed from company names wherever they stand (compared after accents, case
#: and dots are folded, so "S.A.R.L." and "Sàrl" are "sarl"). French, Belgian, Swiss, German,
#: Dutch, Spanish, Italian, British and North American forms.
LEGAL_FORMS = frozenset(
    {
        "sarl",
        "sas",
        "sasu",
        "sa",
        "eurl",
        "snc",
        "sci",
        "scop",
        "selarl",
        "gie",
        "asbl",
        "sprl",
        "srl",
        "sc",
        "gmbh",
        "ag",
        "kg",
        "ug",
        "ltd",
        "limited",
        "llc",
        "llp",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "plc",
        "bv",
        "nv",
        "sl",
        "spa",
        "ltee",
    }
)
#: Conjunctions that mean "and" in company names; all become "and".
_AND_WORDS = frozenset({"and", "et", "und"})

#: Entries of each per-value cache. The values that repeat (cities, first names, companies,
#: domains) fit; unique ones (e-mails, phones) gain nothing from any size, and with 65,536
#: entries a cache kept filling through a 100,000-row import, so its peak memory grew with
#: the file (issue #6).
VALUE_CACHE = 16_384
_DOTTED_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}(?:[a-z]\b)?")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_NOT_LETTER = re.compile(r"[^a-z]+")
_DIGITS = re.compile(r"\D+")


def fold(text: str | None) -> str:
    """Lower-case ASCII without accents, other characters kept: `Hélène Œuvray` ->
    `helene oeuvray`. The base of every name key."""
    if not text:
        return ""
    return _fold(text)


@lru_cache(maxsize=VALUE_CACHE)
def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    if _BEYOND_LATIN.search(text) is None:
        return text.translate(_LATIN_FOLDS)
    return _fold_reference(text)


def _fold_reference(text: str) -> str:
    """The rule `fold` follows; every step works character by character, so it can be
    precomputed per character (`_LATIN_FOLDS`)."""
    text = text.replace("ß", "ss").replace("œ", "oe").replace("Œ", "OE")
    text = text.replace("æ", "ae").replace("Æ", "AE").replace("ø", "o").replace("Ø", "O")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


#: The Latin blocks (and the combining accents), where `_fold_reference` is precomputed: a
#: French name is then folded by one `str.translate`, some ten times faster.
_LATIN_RANGES = (range(0x0000, 0x0250), range(0x0300, 0x0370), range(0x1E00, 0x1F00))
_BEYOND_LATIN = re.compile("[^\u0000-\u024f\u0300-\u036f\u1e00-\u1eff]")
_LATIN_FOLDS = {
    code: folded
    for block in _LATIN_RANGES
    for code in block
    if (folded := _fold_reference(chr(code))) != chr(code)
}


# --- e-mails and domains -----------------------------------------------------------------------


def email_key(text: str | None) -> str | None:
    """The matching form of an e-mail: syntax checked and normalised by email-validator (no DNS
    lookup), the domain in its IDNA ASCII form, all lower-case. None when it is not a valid
    address. Lower-casing the local part is not what RFC 5321 allows, but it is what every
    real mail server does, and `Jean.Dupont@` and `jean.dupont@` are the same person."""
    if not text:
        return None
    return _email_key(text.strip())


@lru_cache(maxsize=16_384)
def _email_key(text: str) -> str | None:
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return None
    return f"{result.local_part}@{result.ascii_domain}".lower()


#: Mailbox providers: a shared domain here says nothing about two records being one company.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.fr",
        "yahoo.co.uk",
        "hotmail.com",
        "hotmail.fr",
        "hotmail.co.uk",
        "outlook.com",
        "outlook.fr",
        "live.com",
        "live.fr",
        "msn.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.fr",
        "gmx.de",
        "gmx.com",
        "web.de",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "sfr.fr",
        "neuf.fr",
        "laposte.net",
        "bbox.fr",
        "numericable.fr",
        "btinternet.com",
        "proton.me",
        "protonmail.com",
    }
)


def domain_of(email_or_url: str | None) -> str | None:
    """The lower-case domain of an e-mail (`jean@Acme.fr` -> `acme.fr`) or of a web address
    (`https://www.acme.fr/contact` -> `acme.fr`, the `www.` dropped); None when there is none.
    Free mailbox domains are returned too: callers check FREE_MAIL_DOMAINS."""
    if not email_or_url:
        return None
    text = email_or_url.strip()
    if "@" in text and "/" not in text.split("@", 1)[0]:
        key = email_key(text)
        if key is None:
            return None
        return key.rsplit("@", 1)[1]
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text.lower())
    host = host.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    if host.startswith("www."):
        host = host[4:]
    if "." not in host or not re.fullmatch(r"[a-z0-9.-]+|[^\s/]+", host):
        return None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


# --- phones ------------------------------------------------------------------------------------


def phone_key(text: str | None, default_region: str | None = "FR") -> str | None:
    """E.164 form (`+33612345678`) of a phone number as typed; national numbers are read in
    `default_region` (an ISO country code, usually the record's country). None when it is not
    a possible number. `0033…` and `+33 (0)6…` are understood."""
    if not text:
        return None
    return _phone_key(text.strip(), (default_region or "FR").upper())


@lru_cache(maxsize=16_384)
def _phone_key(text: str, region: str) -> str | None:
    cleaned = text.replace("(0)", "")
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


# --- companies ---------------------------------------------------------------------------------


def company_key(name: str | None) -> str:
    """A company name for matching: accents and case folded, dotted acronyms joined
    (`S.A.` -> `sa`), legal forms removed wherever they stand, `&`/`et`/`and` unified to
    `and`, punctuation dropped. `Dupont SARL` -> `dupont`; `O'Neil & Sons Ltd` ->
    `o neil and sons`. A name made only of a legal form keeps it (`SAS` -> `sas`)."""
    if not name:
        return ""
    return _company_key(name)


@lru_cache(maxsize=VALUE_CACHE)
def _company_key(name: str) -> str:
    text = fold(name).replace("&", " and ").replace("+", " and ")
    if "." in text:
        text = _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    tokens = [t for t in _NOT_ALNUM.split(text) if t]
    tokens = ["and" if t in _AND_WORDS else t for t in tokens]
    kept = [t for t in tokens if t not in LEGAL_FORMS]
    if not kept:
        kept = tokens
    # A conjunction left dangling by a removed form ("Dupont et Cie" -> "dupont and cie").
    while kept and kept[-1] == "and":
        kept.pop()
    while kept and kept[0] == "and":
        kept.pop(0)
    return " ".join(kept)


# --- people ------------------------------------------------------------------------------------


def name_tokens(text: str | None) -> list[str]:
    """Folded letter runs of a name: `Jean-François` -> ['jean', 'francois'],
    `N'Diaye` -> ['n', 'diaye']."""
    return [t for t in _NOT_LETTER.split(fold(text)) if t]


def clean_name(text: str | None) -> str:
    """A name folded for comparison: `Jean-François` -> `jean francois`."""
    return _clean_name(text) if text else ""


@lru_cache(maxsize=VALUE_CACHE)
def _clean_name(text: str) -> str:
    return " ".join(name_tokens(text))


def person_key(first: str | None, last: str | None) -> str:
    """A person's name for exact matching: accents, case and punctuation folded, and the words
    sorted so that first and last name typed the wrong way round still match
    (`Dupont`, `Jean` and `Jean`, `DUPONT` -> `dupont jean`)."""
    return " ".join(sorted(name_tokens(first) + name_tokens(last)))


# --- French company numbers --------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = ord(char) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def siren_key(text: str | None) -> str | None:
    """The 9-digit SIREN of a SIREN or SIRET (14 digits: SIREN + establishment number) as
    typed, spaces and dots allowed; None unless the SIREN passes the Luhn check every SIREN
    carries. Only the SIREN part of a SIRET is checked: the establishment part is not needed
    to match companies, and La Poste's SIRETs famously fail Luhn."""
    if not text:
        return None
    digits = _DIGITS.sub("", text)
    if len(digits) == 14:
        digits = digits[:9]
    if len(digits) != 9 or not luhn_ok(digits):
        return None
    return digits


# --- phonetic key ------------------------------------------------------------------------------

# Ordered rewrites on folded lower-case letters, after the silent end is cut. Upper-case
# letters mark sounds already decided, so a later rule cannot rewrite them again (the "c" of
# "ch" is not a "k").
_PHONETIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"chr", "KR"),  # Christophe, Chrétien
        (r"sch|ch|sh", "X"),  # Schmitt, Michel, Ashley
        (r"ph", "F"),  # Philippe = Filipe
        (r"th", "T"),  # Thierry, Mathieu
        (r"gu(?=[eiy])", "G"),  # Guillaume, Guy
        (r"ge(?=[aou])", "J"),  # Georges = Jorge
        (r"g(?=[eiy])", "J"),  # Gilles, Régine
        (r"sc(?=[eiy])", "S"),
        (r"qu|q|ck|k", "K"),  # Jacques = Jack, Mickaël
        (r"c(?=[eiy])", "S"),  # Céline = Séline
        (r"c", "K"),  # Claude, Marc
        (r"x", "KS"),  # Alexandre
        (r"(?<=[aeiouy])s(?=[aeiouy])", "Z"),  # Rose = Roze
        (r"w", "V"),  # Wagner = Vagner
        (r"bv", "V"),  # Lefebvre = Lefèvre
        (r"pt", "T"),  # Baptiste
        (r"h", ""),  # silent once ch/ph/sh/th are decided
        (r"y", "i"),
        (r"eau|aul|au", "o"),  # Rousseau = Rousso, Renault = Renaud = Renaux
    )
)
#: Letters not pronounced at the end of French names (Dupont = Dupond, Renaud = Renaux).
_SILENT_END = re.compile(r"[dtsxze]+$")
_VOWELS = re.compile(r"[aeiou]+")
_REPEATS = re.compile(r"(.)\1+")


def phonetic_key(name: str | None) -> str:
    """A French-aware sound code of one name, for blocking: names that sound alike share it
    (`Dupont`, `Dupond` and the typo `Dupnt` are all `dpn`).

    Why not Soundex or Metaphone: both are built for English. Soundex keeps the first letter
    as written (Philippe P410 / Filipe F410, Céline C450 / Séline S450) and codes silent final
    consonants (Renaud R530 / Renault R543); Metaphone reads `ch` as in "church" and `eau`
    letter by letter. French names vary mostly by soft c/g, ph/f, qu/k, eau/au/o, a silent
    final d/t/s/x/e and a silent b in `bv` (Lefebvre/Lefèvre), so those are the rules here.
    Vowels after the first letter are dropped and doubled letters collapsed, so vowel typos
    stay in the block; a leading vowel is coded `a`. The code is only a blocking key: the
    similarity shown to the user is scored on the full names.
    """
    return _phonetic_of(name) if name else ""


@lru_cache(maxsize=VALUE_CACHE)
def _phonetic_of(name: str) -> str:
    letters = _NOT_LETTER.sub("", fold(name))
    return _phonetic(letters) if letters else ""


@lru_cache(maxsize=VALUE_CACHE)
def _phonetic(letters: str) -> str:
    text = letters[0] + _SILENT_END.sub("", letters[1:])
    for pattern, replacement in _PHONETIC_RULES:
        text = pattern.sub(replacement, text)
    text = text.lower() or letters[0]
    head, tail = text[0], text[1:]
    if head in "aeiou":
        head = "a"
    return _REPEATS.sub(r"\1", head + _VOWELS.sub("", tail))
