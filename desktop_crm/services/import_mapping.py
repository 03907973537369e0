"""Which file column goes to which field: the importable fields of each object, the mapping
suggested from the file's header by fuzzy matching in French and English, and mappings
saved by header signature so the same export is mapped the same way next time.

Saved mappings live in `app_settings` (JSON under `import.mapping.*` keys), not in a new
table: a mapping belongs to the files on this computer and to how its user works, like the
"not a duplicate" marks of the duplicate scan; it must not replicate to colleagues nor be
undone with the data. No schema change is needed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process
from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop_crm.services.normalise import fold

IMPORTABLE_OBJECTS = ("contact", "account", "lead", "opportunity")
TABLES = {
    "contact": "contacts",
    "account": "accounts",
    "lead": "leads",
    "opportunity": "opportunities",
}
#: Score (0-100, rapidfuzz ratio on folded names) from which a header suggests a field.
SUGGEST_CUTOFF = 84.0
CUSTOM_PREFIX = "custom:"


class FieldKind(StrEnum):
    TEXT = "text"
    EMAIL = "email"
    PHONE = "phone"
    DATE = "date"
    MONEY = "money"
    INTEGER = "integer"
    NUMBER = "number"
    BOOL = "bool"
    CHOICE = "choice"
    COUNTRY = "country"
    SIREN = "siren"
    WEBSITE = "website"
    #: A link to another record found by name (or e-mail), created when missing.
    RELATION = "relation"


@dataclass(frozen=True)
class ImportField:
    """A field a column can be mapped to. `column` is the stored column (the raw one for
    e-mails and phones, whose normalised twin is filled too); relations and custom fields
    have none."""

    key: str
    label: str
    kind: FieldKind
    column: str | None = None
    required: bool = False
    synonyms: tuple[str, ...] = ()
    #: Choice fields: folded words -> stored value.
    choices: tuple[tuple[str, str], ...] = ()
    #: Custom fields: the definition's id and its decimals (numbers are scaled integers).
    definition_id: str | None = None
    decimals: int = 0
    #: Relations: the object linked.
    target: str | None = None


def _f(
    key: str, label: str, kind: FieldKind = FieldKind.TEXT, *synonyms: str, **kw: object
) -> ImportField:
    column = kw.pop("column", key if kind is not FieldKind.RELATION else None)
    return ImportField(key, label, kind, column, synonyms=(label, key, *synonyms), **kw)  # type: ignore[arg-type]


K = FieldKind
_EMAIL = ("E-mail", "Email", "Courriel", "Mail", "Adresse e-mail", "Adresse mail",
          "Adresse électronique", "E-mail address", "Email address", "Mél")  # fmt: skip
_PHONE = ("Téléphone", "Tél", "Tel", "Phone", "Téléphone fixe", "Tél. fixe", "Fixe",
          "Business phone", "Work phone", "Telephone", "Phone number", "Numéro de téléphone",
          "Téléphone bureau", "Standard")  # fmt: skip
_MOBILE = ("Portable", "Mobile", "Tél. portable", "Téléphone portable", "Téléphone mobile",
           "GSM", "Cell", "Cellphone", "Mobile phone", "Cell phone")  # fmt: skip
_STREET = ("Adresse", "Rue", "Address", "Street", "Adresse postale", "Street address",
           "Adresse 1", "Address line 1", "Voie")  # fmt: skip
_POSTAL = ("Code postal", "CP", "Postal code", "Postcode", "Zip", "Zip code", "ZIP/Postal code")
_CITY = ("Ville", "Commune", "City", "Town", "Localité")
_COUNTRY = ("Pays", "Country", "Country code", "Code pays")
_COMPANY = ("Société", "Entreprise", "Raison sociale", "Company", "Company name", "Organisation",
            "Organization", "Compte", "Account", "Account name", "Employeur", "Employer",
            "Nom de la société", "Nom de l'entreprise", "Structure")  # fmt: skip
_NOTES = ("Notes", "Note", "Commentaire", "Commentaires", "Remarques", "Comments", "Description")
_JOB = ("Fonction", "Poste", "Titre", "Intitulé de poste", "Job title", "Title", "Position",
        "Role", "Rôle")  # fmt: skip
_FIRST = ("Prénom", "First name", "Firstname", "Given name", "Forename", "Prenom")
_LAST = ("Nom", "Nom de famille", "Last name", "Lastname", "Surname", "Family name", "Name")
_SOURCES = (("site web", "website"), ("website", "website"), ("web", "website"),
            ("recommandation", "referral"), ("referral", "referral"), ("parrainage", "referral"),
            ("salon", "trade_show"), ("trade show", "trade_show"), ("linkedin", "linkedin"),
            ("publicite", "advertising"), ("advertising", "advertising"),
            ("appel entrant", "inbound_call"), ("inbound call", "inbound_call"),
            ("partenaire", "partner"), ("partner", "partner"), ("emailing", "email_campaign"),
            ("email campaign", "email_campaign"), ("prospection", "cold_call"),
            ("cold call", "cold_call"), ("autre", "other"), ("other", "other"))  # fmt: skip

# fmt: off
FIELDS: dict[str, tuple[ImportField, ...]] = {
    "contact": (
        _f("salutation", "Salutation", K.TEXT, "Civilité", "Title (Mr/Ms)", "Mr/Mrs", "Genre"),
        _f("first_name", "First name", K.TEXT, *_FIRST),
        _f("last_name", "Last name", K.TEXT, *_LAST, required=True),
        _f("account", "Company", K.RELATION, *_COMPANY, target="account"),
        _f("job_title", "Job title", K.TEXT, *_JOB),
        _f("department", "Department", K.TEXT, "Service", "Département", "Direction"),
        _f("email", "E-mail", K.EMAIL, *_EMAIL),
        _f("phone", "Phone", K.PHONE, *_PHONE, column="phone_raw"),
        _f("mobile", "Mobile", K.PHONE, *_MOBILE, column="mobile_raw"),
        _f("street", "Street", K.TEXT, *_STREET),
        _f("postal_code", "Postal code", K.TEXT, *_POSTAL),
        _f("city", "City", K.TEXT, *_CITY),
        _f("country", "Country", K.COUNTRY, *_COUNTRY),
        _f("language", "Language", K.TEXT, "Langue"),
        _f("notes", "Notes", K.TEXT, *_NOTES),
    ),
    "account": (
        _f("name", "Company", K.TEXT, *_COMPANY, "Nom", "Name", required=True),
        _f("account_type", "Type", K.CHOICE, "Type de compte", "Account type", "Catégorie",
           choices=(("prospect", "prospect"), ("client", "customer"), ("customer", "customer"),
                    ("partenaire", "partner"), ("partner", "partner"),
                    ("fournisseur", "supplier"), ("supplier", "supplier"),
                    ("autre", "other"), ("other", "other"))),
        _f("siren", "SIREN", K.SIREN, "SIRET", "N° SIREN", "Numéro SIREN", "Siren/Siret"),
        _f("industry", "Industry", K.TEXT, "Secteur", "Secteur d'activité", "Activité",
           "Sector"),
        _f("employees", "Employees", K.INTEGER, "Effectif", "Salariés", "Nombre de salariés",
           "Number of employees", "Headcount"),
        _f("annual_revenue", "Annual revenue", K.MONEY, "Chiffre d'affaires", "CA", "Revenue",
           "Turnover", column="annual_revenue_minor"),
        _f("website", "Website", K.WEBSITE, "Site web", "Site internet", "Site", "URL", "Web"),
        _f("email", "E-mail", K.EMAIL, *_EMAIL),
        _f("phone", "Phone", K.PHONE, *_PHONE, column="phone_raw"),
        _f("street", "Street", K.TEXT, *_STREET),
        _f("postal_code", "Postal code", K.TEXT, *_POSTAL),
        _f("city", "City", K.TEXT, *_CITY),
        _f("region", "Region", K.TEXT, "Région", "State", "Département"),
        _f("country", "Country", K.COUNTRY, *_COUNTRY),
        _f("description", "Description", K.TEXT, "Notes", "Commentaire", "Remarques"),
    ),
    "lead": (
        _f("first_name", "First name", K.TEXT, *_FIRST),
        _f("last_name", "Last name", K.TEXT, *_LAST, required=True),
        _f("company", "Company", K.TEXT, *_COMPANY),
        _f("job_title", "Job title", K.TEXT, *_JOB),
        _f("email", "E-mail", K.EMAIL, *_EMAIL),
        _f("phone", "Phone", K.PHONE, *_PHONE, *_MOBILE, column="phone_raw"),
        _f("city", "City", K.TEXT, *_CITY),
        _f("country", "Country", K.COUNTRY, *_COUNTRY),
        _f("source", "Source", K.CHOICE, "Origine", "Provenance", "Lead source", choices=_SOURCES),
        _f("status", "Status", K.CHOICE, "Statut", "État", "Lead status",
           choices=(("nouveau", "new"), ("new", "new"), ("contacte", "contacted"),
                    ("contacted", "contacted"), ("qualifie", "qualified"),
                    ("qualified", "qualified"), ("non qualifie", "unqualified"),
                    ("unqualified", "unqualified"))),
        _f("score", "Score", K.INTEGER, "Note", "Lead score", "Scoring"),
        _f("notes", "Notes", K.TEXT, "Commentaire", "Commentaires", "Remarques", "Comments"),
    ),
    "opportunity": (
        _f("name", "Name", K.TEXT, "Nom", "Opportunité", "Affaire", "Deal", "Opportunity",
           "Opportunity name", "Intitulé", "Deal name", required=True),
        _f("account", "Company", K.RELATION, *_COMPANY, target="account"),
        _f("contact", "Contact", K.RELATION, "Contact principal", "Primary contact",
           "Interlocuteur", "Contact name", target="contact"),
        _f("amount", "Amount", K.MONEY, "Montant", "Valeur", "Value", "Montant HT",
           "Deal value", column="amount_minor"),
        _f("probability", "Probability", K.INTEGER, "Probabilité", "Probabilité (%)",
           "Probability (%)", "%"),
        _f("expected_close_date", "Expected close date", K.DATE, "Date de clôture",
           "Date de clôture prévue", "Close date", "Closing date", "Échéance"),
        _f("stage", "Stage", K.RELATION, "Étape", "Phase", "Deal stage", "Stade",
           target="stage"),
        _f("status", "Status", K.CHOICE, "Statut", "État",
           choices=(("ouvert", "open"), ("en cours", "open"), ("open", "open"),
                    ("gagne", "won"), ("won", "won"), ("perdu", "lost"), ("lost", "lost"))),
        _f("source", "Source", K.TEXT, "Origine"),
        _f("description", "Description", K.TEXT, *_NOTES),
    ),
}
# fmt: on


def check_object(object_type: str) -> str:
    if object_type not in FIELDS:
        raise ValueError(
            f"{object_type!r} cannot be imported; importable: {', '.join(IMPORTABLE_OBJECTS)}."
        )
    return object_type


def importable_fields(session: Session | None, object_type: str) -> tuple[ImportField, ...]:
    """The built-in fields of `object_type`, then its custom fields (as `custom:<key>`)."""
    fields = FIELDS[check_object(object_type)]
    if session is None:
        return fields
    rows = session.execute(
        text(
            "SELECT id, key, label, field_type, choices, decimals, required "
            "FROM custom_field_definitions WHERE record_type = :t AND deleted_at IS NULL "
            "ORDER BY position, label"
        ),
        {"t": object_type},
    ).all()
    custom = []
    for id_, key, label, field_type, choices, decimals, required in rows:
        kind = {"text": K.TEXT, "number": K.NUMBER, "date": K.DATE, "bool": K.BOOL}.get(
            field_type, K.CHOICE
        )
        allowed: tuple[tuple[str, str], ...] = ()
        if kind is K.CHOICE:
            try:
                values = [str(v) for v in json.loads(choices or "[]")]
            except ValueError:
                values = []
            allowed = tuple((fold(v), v) for v in values)
        custom.append(
            ImportField(
                CUSTOM_PREFIX + key,
                label,
                kind,
                None,
                bool(required),
                (label, key),
                allowed,
                definition_id=id_,
                decimals=int(decimals or 0),
            )
        )
    return fields + tuple(custom)


# --- suggestion ------------------------------------------------------------------------------

_NOT_ALNUM = re.compile(r"[^0-9a-z%]+")


def header_key(name: str) -> str:
    """A header name for comparison: accents, case, punctuation and spaces dropped
    (`E-mail` = `email`, `Code postal` = `codepostal`, `Tél.` = `tel`)."""
    return _NOT_ALNUM.sub("", fold(name))


@dataclass(frozen=True)
class FieldMapping:
    """One target field key (or None: not imported) per column of `header`."""

    object_type: str
    header: tuple[str, ...]
    targets: tuple[str | None, ...]

    def __post_init__(self) -> None:
        if len(self.header) != len(self.targets):
            raise ValueError("a mapping has one target per column")

    def column_of(self, field_key: str) -> int | None:
        try:
            return self.targets.index(field_key)
        except ValueError:
            return None

    def with_target(self, column: int, field_key: str | None) -> FieldMapping:
        """The mapping with `column` sent to `field_key`, which leaves any other column it
        was mapped from (a field takes one column)."""
        targets = [None if t == field_key else t for t in self.targets]
        targets[column] = field_key
        return FieldMapping(self.object_type, self.header, tuple(targets))


def suggest_mapping(
    object_type: str, header: Sequence[str], fields: Sequence[ImportField] | None = None
) -> FieldMapping:
    """The likely field of each column: exact matches of a known name first (after folding),
    then the closest names by rapidfuzz ratio from SUGGEST_CUTOFF; each field is given to
    the column that matches it best, the others stay unmapped. Fast on 10,000 columns: the
    scores are one matrix computed in C."""
    fields = tuple(fields or FIELDS[check_object(object_type)])
    names: list[str] = []
    owners: list[int] = []
    for index, spec in enumerate(fields):
        for synonym in dict.fromkeys(header_key(s) for s in spec.synonyms):
            if synonym:
                names.append(synonym)
                owners.append(index)
    keys = [header_key(h) for h in header]
    candidates: list[tuple[float, int, int]] = []
    if keys and names:
        scores = process.cdist(keys, names, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF)
        for column, row in enumerate(scores):
            best: dict[int, float] = {}
            for j in row.nonzero()[0]:
                owner = owners[int(j)]
                score = float(row[j]) + (1.0 if keys[column] == names[int(j)] else 0.0)
                if score > best.get(owner, 0.0):
                    best[owner] = score
            candidates.extend((score, column, owner) for owner, score in best.items())
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    targets: list[str | None] = [None] * len(header)
    taken: set[int] = set()
    for _, column, owner in candidates:
        if targets[column] is None and owner not in taken:
            targets[column] = fields[owner].key
            taken.add(owner)
    return FieldMapping(object_type, tuple(header), tuple(targets))


# --- saved mappings --------------------------------------------------------------------------


def header_signature(object_type: str, header: Sequence[str]) -> str:
    """The same for two files with the same columns in the same order, names compared
    folded: what a saved mapping is found by."""
    joined = "\x1f".join(header_key(h) for h in header)
    return hashlib.sha1(f"{object_type}\x1e{joined}".encode()).hexdigest()[:20]


def _key_by_signature(object_type: str, header: Sequence[str]) -> str:
    return f"import.mapping.{object_type}.{header_signature(object_type, header)}"


def _key_by_name(object_type: str, name: str) -> str:
    return f"import.mapping_name.{object_type}.{name.strip()}"


def _encode(mapping: FieldMapping) -> str:
    return json.dumps({"header": list(mapping.header), "targets": list(mapping.targets)})


def _decode(object_type: str, raw: str | None) -> FieldMapping | None:
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return FieldMapping(object_type, tuple(data["header"]), tuple(data["targets"]))
    except (ValueError, KeyError, TypeError):
        return None


def _put(session: Session, key: str, value: str) -> None:
    session.execute(
        text(
            "INSERT INTO app_settings (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": key, "v": value},
    )


def _get(session: Session, key: str) -> str | None:
    value = session.execute(
        text("SELECT value FROM app_settings WHERE key = :k"), {"k": key}
    ).scalar()
    return None if value is None else str(value)


def save_mapping(session: Session, mapping: FieldMapping, name: str | None = None) -> None:
    """Remember the mapping for files with this header, and under `name` if given. The
    caller commits."""
    _put(session, _key_by_signature(mapping.object_type, mapping.header), _encode(mapping))
    if name and name.strip():
        _put(session, _key_by_name(mapping.object_type, name), _encode(mapping))


def saved_mapping(session: Session, object_type: str, header: Sequence[str]) -> FieldMapping | None:
    """The mapping last used for a file with this header, if any."""
    return _decode(object_type, _get(session, _key_by_signature(object_type, header)))


def named_mapping(session: Session, object_type: str, name: str) -> FieldMapping | None:
    return _decode(object_type, _get(session, _key_by_name(object_type, name)))


def mapping_names(session: Session, object_type: str) -> list[str]:
    prefix = _key_by_name(object_type, "")
    keys = session.execute(
        text("SELECT key FROM app_settings WHERE key >= :lo AND key < :hi ORDER BY key"),
        {"lo": prefix, "hi": prefix + "\U0010ffff"},
    ).scalars()
    return [k[len(prefix) :] for k in keys]


def fit_mapping(saved: FieldMapping, header: Sequence[str]) -> FieldMapping:
    """A saved mapping applied to a header: columns are matched by folded name, so a named
    mapping still works when the file has its columns in another order or extra ones."""
    by_name = {header_key(h): t for h, t in zip(saved.header, saved.targets, strict=True)}
    targets = tuple(by_name.get(header_key(h)) for h in header)
    return FieldMapping(saved.object_type, tuple(header), targets)
