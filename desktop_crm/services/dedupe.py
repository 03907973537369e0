"""Duplicate contacts, accounts and leads: the bulk scan, the as-you-type check, and the
"not a duplicate" marks.

How it works, in three steps:

1. Every live record becomes a `Profile` of matching keys (normalise.py): e-mail, E.164
   phones, company key, folded names, SIREN, web domain. Rows are streamed from SQL.
2. Blocking: records are put in blocks that share one key, and only records sharing a block
   are compared, so the cost grows with the number of records, not its square. Keys for
   people: the e-mail; each phone; the company (the key of the account's name for
   contacts, of the company text for leads, so accounts "Dupont SARL" and "DUPONT" are one
   company) with the initial of the first name, and again with the initial of the last
   name (a typo or a swap keeps one of them, and a big company is not one block); and two
   name keys: the sound code (`phonetic_key`) of the last name plus the initial of the
   first name (tolerates typos and variants in the first name), and the sorted pair of
   both names' sound codes (tolerates first and last name swapped). Above NAME_ONLY_MAX
   (the default) a pair can only pass with a shared e-mail, phone or company (their own
   blocks find it) or similar company names, so the name keys also carry the sound code of
   the company's first word, which keeps them small; at a lower threshold the plain name
   keys are added. Accounts: SIREN, web domain (not free-mail ones), phone, exact company
   key, and the sound code of the name's first and of its last word. A block larger than
   `MAX_BLOCK` (a switchboard number, a shared `info@` mailbox, a common name in a million
   contacts) is not compared all-pairs: its members are sorted by name and each is compared
   with its `WINDOW` neighbours on each side (sorted neighbourhood), which keeps the cost
   linear and still pairs near-identical names.
3. Scoring: each candidate pair gets points per field, computed with rapidfuzz on the
   normalised values, added into one score clamped to 0-100, with the reasons in words.
   Names alone never reach `DEFAULT_THRESHOLD`: namesakes are common (the sample data gives
   each first and last name pair to a few people per 100,000 contacts), so a pair also
   needs an e-mail, a phone or a company in common; a first or last name that differs
   beyond a typo caps the name's worth (relatives share phones and e-mail domains).
   Accepted pairs are joined into groups (union-find).

Pairs the user marked "not a duplicate" are kept in `app_settings` (see `mark_not_duplicates`):
there is no table for them and a schema change is the lead's call. They are per database
and not replicated.
"""

from __future__ import annotations

import gc
import json
import threading
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import Any, TypeVar

from rapidfuzz.fuzz import ratio, token_sort_ratio
from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from desktop_crm.services.merge import MAX_MERGE
from desktop_crm.services.normalise import (
    FREE_MAIL_DOMAINS,
    clean_name,
    company_key,
    domain_of,
    email_key,
    fold,
    phone_key,
    phonetic_key,
    siren_key,
)
from desktop_crm.services.progress import Cancelled, NullProgress, Progress

T = TypeVar("T")

OBJECT_TYPES = ("contact", "account", "lead")
TABLES = {"contact": "contacts", "account": "accounts", "lead": "leads"}

#: Score from which the bulk scan reports a pair. 70 needs a near-identical name plus one
#: of e-mail, phone or company in common (or a clearly similar name plus two of them); a
#: name alone scores at most 50-60.
DEFAULT_THRESHOLD = 70
#: Score from which the as-you-type check shows a record: the form is still being filled,
#: so a near-identical name alone is worth a "possible duplicate" hint. Records sharing the
#: typed e-mail, phone or SIREN are always shown.
SUGGEST_THRESHOLD = 45
#: Blocks with more members than this are compared by sorted neighbourhood, not all-pairs.
MAX_BLOCK = 50
#: Neighbours each member of an oversized block is compared with.
WINDOW = 12
#: The as-you-type check reads at most this many records per identifier or account lookup,
PROBE_LIMIT = 200
#: ... and this many names per name lookup, of which it loads those at least NAME_PREFILTER
#: similar to what is typed (a name below it cannot reach SUGGEST_THRESHOLD without also
#: sharing an identifier or the account, which the other lookups find).
NAME_PROBE_LIMIT = 1000
NAME_PREFILTER = 70.0
#: Records a progress update and a cancel check are spaced by.
PROGRESS_EVERY = 2000

# (similarity, points) breakpoints, linear in between: how much a name similarity is worth.
PERSON_NAME_POINTS = ((0.0, -40.0), (60.0, -15.0), (75.0, 22.0), (85.0, 40.0), (92.0, 46.0),
                      (100.0, 50.0))  # fmt: skip
COMPANY_NAME_POINTS = ((0.0, -40.0), (60.0, -15.0), (75.0, 20.0), (85.0, 45.0), (92.0, 55.0),
                       (100.0, 60.0))  # fmt: skip


class DedupeError(ValueError):
    """A request the duplicate service cannot serve; the message says why."""


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A record that may be a duplicate of what is being typed."""

    record_id: str
    label: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DuplicatePair:
    first_id: str
    second_id: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DuplicateGroup:
    """Records that look like one. `record_ids[0]` is the suggested survivor: the most
    complete record, then the most recently updated."""

    object_type: str
    record_ids: tuple[str, ...]
    labels: tuple[str, ...]
    #: The best pair score inside the group.
    score: int
    #: The accepted pairs that joined the group, best first.
    pairs: tuple[DuplicatePair, ...]

    @property
    def too_large_to_merge(self) -> bool:
        return len(self.record_ids) > MAX_MERGE


@dataclass(frozen=True)
class ScanResult:
    object_type: str
    groups: tuple[DuplicateGroup, ...]
    records: int
    #: Distinct pairs scored.
    compared_pairs: int
    #: Pairs a naive scan would have scored: n(n-1)/2.
    all_pairs: int
    accepted_pairs: int
    #: Accepted pairs left out because they were marked "not a duplicate".
    dismissed_pairs: int
    #: Blocks compared by sorted neighbourhood because they exceeded MAX_BLOCK.
    oversized_blocks: int
    seconds: float


# --- profiles --------------------------------------------------------------------------------


@dataclass(slots=True)
class Profile:
    """The matching keys of one record. Names are folded (`jean francois`); `company` is a
    company key; for accounts `last` holds the company key of the name."""

    id: str
    label: str
    first: str
    last: str
    email: str | None
    #: The e-mail's domain.
    email_domain: str | None
    phones: frozenset[str]
    company: str
    company_name: str | None
    account_id: str | None
    city: str
    siren: str | None
    domain: str | None
    #: Non-empty fields, to suggest the most complete record as survivor.
    filled: int
    updated_at: str


def _phones(pairs: Iterable[tuple[Any, Any]], region: str | None) -> frozenset[str]:
    out: set[str] = set()
    for e164, raw in pairs:
        key = e164.strip() if isinstance(e164, str) and e164.strip() else phone_key(raw, region)
        if key:
            out.add(key)
    return frozenset(out)


def _email(normalized: Any, raw: Any) -> str | None:
    if isinstance(normalized, str) and normalized.strip():
        return normalized.strip().lower()
    return email_key(raw) if isinstance(raw, str) else None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


_PERSON_FILLED = (
    "({p}first_name IS NOT NULL) + ({p}email IS NOT NULL) + ({p}phone_raw IS NOT NULL) + "
    "({p}city IS NOT NULL) + ({p}country IS NOT NULL) + ({p}job_title IS NOT NULL)"
)
_QUERIES = {
    "contact": (
        "SELECT c.id, c.first_name, c.last_name, c.email, c.email_normalized, c.phone_e164, "
        "c.phone_raw, c.mobile_e164, c.mobile_raw, c.city, c.country, c.account_id, a.name, "
        "c.updated_at, "
        + _PERSON_FILLED.format(p="c.")
        + " + (c.mobile_raw IS NOT NULL) + (c.account_id IS NOT NULL) + (c.street IS NOT NULL) "
        "FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id "
        "WHERE c.deleted_at IS NULL"
    ),
    "lead": (
        "SELECT id, first_name, last_name, email, email_normalized, phone_e164, phone_raw, "
        "NULL, NULL, city, country, NULL, company, updated_at, "
        + _PERSON_FILLED.format(p="")
        + " + (company IS NOT NULL) FROM leads WHERE deleted_at IS NULL"
    ),
    "account": (
        "SELECT id, name, siren, website, domain, email, phone_e164, phone_raw, city, country, "
        "updated_at, (siren IS NOT NULL) + (website IS NOT NULL) + (email IS NOT NULL) + "
        "(phone_raw IS NOT NULL) + (street IS NOT NULL) + (city IS NOT NULL) + "
        "(industry IS NOT NULL) + (employees IS NOT NULL) FROM accounts WHERE deleted_at IS NULL"
    ),
}


def _person_profile(row: Sequence[Any], company_keys: dict[str, str]) -> Profile:
    (id_, first, last, email, email_n, phone, phone_raw, mobile, mobile_raw, city, country,
     account_id, company, updated_at, filled) = row  # fmt: skip
    company_name = company if isinstance(company, str) and company.strip() else None
    key = ""
    if company_name is not None:
        key = company_keys.get(company_name, "")
        if not key:
            key = company_keys[company_name] = company_key(company_name)
    label = " ".join(p for p in (_text(first), _text(last)) if p) or id_
    email_n = _email(email_n, email)
    return Profile(
        id=id_,
        label=label,
        first=clean_name(first),
        last=clean_name(last),
        email=email_n,
        email_domain=email_n.rpartition("@")[2] if email_n else None,
        phones=_phones(((phone, phone_raw), (mobile, mobile_raw)), country),
        company=key,
        company_name=company_name,
        account_id=account_id,
        city=fold(_text(city)),
        siren=None,
        domain=None,
        filled=int(filled or 0),
        updated_at=str(updated_at or ""),
    )


def _account_profile(row: Sequence[Any]) -> Profile:
    (id_, name, siren, website, domain, email, phone, phone_raw, city, country, updated_at,
     filled) = row  # fmt: skip
    web = _text(domain).lower() or domain_of(website) or domain_of(email)
    if web in FREE_MAIL_DOMAINS:
        web = None
    email_n = _email(None, email)
    return Profile(
        id=id_,
        label=_text(name) or id_,
        first="",
        last=company_key(name),
        email=email_n,
        email_domain=email_n.rpartition("@")[2] if email_n else None,
        phones=_phones(((phone, phone_raw),), country),
        company="",
        company_name=_text(name) or None,
        account_id=None,
        city=fold(_text(city)),
        siren=siren_key(siren),
        domain=web or None,
        filled=int(filled or 0),
        updated_at=str(updated_at or ""),
    )


def _check_type(object_type: str) -> str:
    if object_type not in TABLES:
        raise DedupeError(
            f"Duplicates are looked for among {', '.join(OBJECT_TYPES)}, not {object_type!r}."
        )
    return TABLES[object_type]


def iter_profiles(
    session: Session, object_type: str, ids: Sequence[str] | None = None
) -> Iterator[Profile]:
    """The live records of `object_type` as profiles, streamed (all, or those in `ids`)."""
    _check_type(object_type)
    sql = _QUERIES[object_type]
    alias = "c." if object_type == "contact" else ""
    company_keys: dict[str, str] = {}
    rows: Iterable[Sequence[Any]]
    if ids is None:
        rows = session.execute(text(sql), execution_options={"yield_per": 5000})
    else:
        rows = _rows_with_ids(session, f"{sql} AND {alias}id IN", list(ids))
    for row in rows:
        if object_type == "account":
            yield _account_profile(row)
        else:
            yield _person_profile(row, company_keys)


def _rows_with_ids(session: Session, sql: str, ids: list[str]) -> Iterator[Sequence[Any]]:
    """`sql` (ending with `IN`) for `ids`, 500 at a time, on the DB-API cursor: an import
    asks for a few hundred records per batch, and SQLAlchemy's compiling of each new `IN`
    list cost more than the query."""
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    for chunk in _chunks(ids):
        yield from raw.execute(f"{sql} ({', '.join('?' * len(chunk))})", chunk)


def load_profiles(
    session: Session,
    object_type: str,
    progress: Progress = NullProgress(),  # noqa: B008 - stateless
) -> list[Profile]:
    """Every live record of `object_type` as a profile, reporting progress; raises Cancelled
    when `progress` is cancelled."""
    table = _check_type(object_type)
    total = session.execute(
        text(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL")
    ).scalar_one()
    profiles: list[Profile] = []
    for profile in iter_profiles(session, object_type):
        profiles.append(profile)
        if len(profiles) % PROGRESS_EVERY == 0:
            if progress.cancelled:
                raise Cancelled
            progress.update(len(profiles), total, f"Reading {table}")
    return profiles


# --- similarity ------------------------------------------------------------------------------


def _points(similarity: float, table: Sequence[tuple[float, float]]) -> float:
    for (x0, y0), (x1, y1) in pairwise(table):
        if similarity <= x1:
            return y0 + (y1 - y0) * (similarity - x0) / (x1 - x0)
    return table[-1][1]


#: Below this similarity a first or a last name is another name, not a typo of it, and the
#: whole name then scores at most PART_CAP: Marie and Mathieu Bernard may share a phone,
#: not an identity, though "marie bernard" and "mathieu bernard" are 86% similar; Moreau
#: and Morel are 73% similar. One typo in a name of four letters or more stays above.
PART_MIN = 75.0
PART_CAP = 60.0


def person_similarity(a_first: str, a_last: str, b_first: str, b_last: str) -> float:
    """0-100 similarity of two folded person names, tolerant of swapped first and last
    names, a first name given as an initial or shortened (`j` ~ `jean`, `jean` ~
    `jean francois`: last names compared, at most 90) or missing (at most 85)."""
    if not a_first or not b_first:
        known = a_first or b_first
        best = ratio(a_last, b_last)
        if known:  # one first name missing: maybe typed in the last name field
            best = max(best, ratio(a_last, b_first) if b_first else ratio(a_first, b_last))
            return min(best, 85.0)
        return float(best)
    if a_first != b_first:
        a_tokens, b_tokens = a_first.split(), b_first.split()
        if len(a_first) == 1 or len(b_first) == 1:
            if a_first[0] == b_first[0]:
                return min(float(ratio(a_last, b_last)), 90.0)
        elif set(a_tokens) < set(b_tokens) or set(b_tokens) < set(a_tokens):
            return min(float(ratio(a_last, b_last)), 90.0)
    a_name = f"{a_first} {a_last}"
    direct = ratio(a_name, f"{b_first} {b_last}")
    swapped = ratio(a_name, f"{b_last} {b_first}")
    if swapped > direct:
        best, parts = swapped, (ratio(a_first, b_last), ratio(a_last, b_first))
    else:
        best, parts = direct, (ratio(a_first, b_first), ratio(a_last, b_last))
    if min(parts) < PART_MIN:
        best = min(best, PART_CAP)
    return float(best)


def company_similarity(a: str, b: str) -> float:
    """0-100 similarity of two company keys, word order ignored."""
    return float(max(ratio(a, b), token_sort_ratio(a, b)))


def _people_bound(a: Profile, b: Profile) -> float:
    """An upper bound of `_score_people` without its costly parts (string similarities, the
    reasons): most candidate pairs stop here, so it is written for speed."""
    bound = 50.0  # PERSON_NAME_POINTS[-1]
    if a.email and b.email:
        if a.email == b.email:
            bound += 35
        elif a.email_domain == b.email_domain:
            bound += 5
        else:
            bound -= 10
    if a.phones and b.phones:
        bound += -10 if a.phones.isdisjoint(b.phones) else 30
    if a.company and b.company:
        bound += 25 if a.company == b.company else 15
    elif a.account_id is not None and a.account_id == b.account_id:
        bound += 25
    if a.city and b.city:
        bound += 5 if a.city == b.city else -5
    return bound


def _score_people(a: Profile, b: Profile, floor: float) -> tuple[int, tuple[str, ...]] | None:
    if floor > 0 and _people_bound(a, b) < floor:
        return None
    points = 0.0
    good: list[str] = []
    bad: list[str] = []
    if a.email and b.email:
        if a.email == b.email:
            points += 35
            good.append("same e-mail")
        else:
            similar = 0.0
            if a.email_domain == b.email_domain:
                similar = ratio(a.email.rpartition("@")[0], b.email.rpartition("@")[0])
            if similar >= 85:
                # Likely a typo, but e-mails are made from names: little beyond the name.
                points += 5
                good.append(f"e-mail {similar:.0f}% similar")
            else:
                points -= 10
                bad.append("different e-mail")
    if a.phones and b.phones:
        if not a.phones.isdisjoint(b.phones):
            points += 30
            good.append("same phone")
        else:
            points -= 10
            bad.append("different phone")
    if a.account_id is not None and a.account_id == b.account_id:
        points += 25
        good.append("same company")
    elif a.company and b.company:
        if a.company == b.company:
            points += 25
            same_text = fold(a.company_name) == fold(b.company_name)
            good.append("same company" if same_text else "same company after normalisation")
        else:
            similar = company_similarity(a.company, b.company)
            if similar >= 90:
                points += 15
                good.append(f"company {similar:.0f}% similar")
            else:
                points -= 25
                bad.append("different company")
    if a.city and b.city:
        if a.city == b.city:
            points += 5
            good.append("same city")
        else:
            points -= 5
            bad.append("different city")
    similarity = person_similarity(a.first, a.last, b.first, b.last)
    points += _points(similarity, PERSON_NAME_POINTS)
    good.insert(0, "same name" if similarity >= 99.5 else f"name {similarity:.0f}% similar")
    return _clamp(points), tuple(good + bad)


def _score_companies(a: Profile, b: Profile, floor: float) -> tuple[int, tuple[str, ...]] | None:
    points = 0.0
    good: list[str] = []
    bad: list[str] = []
    if a.siren and b.siren:
        if a.siren == b.siren:
            points += 60
            good.append("same SIREN")
        else:
            points -= 50
            bad.append("different SIREN")
    if a.domain and b.domain:
        if a.domain == b.domain:
            points += 35
            good.append("same web domain")
        else:
            points -= 5
            bad.append("different web domain")
    if a.phones and b.phones:
        if not a.phones.isdisjoint(b.phones):
            points += 30
            good.append("same phone")
        else:
            points -= 5
    if a.email and b.email and a.email == b.email:
        points += 20
        good.append("same e-mail")
    if a.city and b.city:
        if a.city == b.city:
            points += 12
            good.append("same city")
        else:
            points -= 10
            bad.append("different city")
    if floor > 0 and points + COMPANY_NAME_POINTS[-1][1] < floor:
        return None
    if a.last == b.last:
        similarity = 100.0
        same_text = fold(a.company_name) == fold(b.company_name)
        good.insert(0, "same name" if same_text else "same company after normalisation")
    else:
        similarity = company_similarity(a.last, b.last)
        good.insert(0, f"name {similarity:.0f}% similar")
    points += _points(similarity, COMPANY_NAME_POINTS)
    return _clamp(points), tuple(good + bad)


def _clamp(points: float) -> int:
    return max(0, min(100, round(points)))


def score_pair(
    object_type: str, a: Profile, b: Profile, floor: float = 0.0
) -> tuple[int, tuple[str, ...]] | None:
    """Score 0-100 and reasons for two profiles; None when the pair cannot reach `floor`
    (checked before the name comparison, the costly part)."""
    if object_type == "account":
        return _score_companies(a, b, floor)
    return _score_people(a, b, floor)


# --- blocking --------------------------------------------------------------------------------


#: The best a pair of people can score with nothing but names, city and e-mail domain in
#: common. Above it, a pair also needs a shared e-mail, phone or company (found by those
#: blocks) or two similar company names, so the name blocks can carry the company's sound
#: code and stay small; at or below it, pure name blocks are used too.
NAME_ONLY_MAX = PERSON_NAME_POINTS[-1][1] + 5 + 5


def block_keys(object_type: str, p: Profile, name_only: bool = False) -> list[str]:
    """The blocks a profile belongs to (see the module docstring). `name_only` adds the
    name blocks without company, needed when the threshold is at most NAME_ONLY_MAX."""
    keys: list[str] = []
    if object_type == "account":
        if p.siren:
            keys.append("s:" + p.siren)
        if p.domain:
            keys.append("d:" + p.domain)
        keys.extend("p:" + phone for phone in sorted(p.phones))
        if p.last:
            keys.append("c:" + p.last)
            words = p.last.split()
            first_code = phonetic_key(words[0])
            keys.append("f:" + first_code)
            if len(words) > 1:
                last_code = phonetic_key(words[-1])
                if last_code != first_code:
                    keys.append("l:" + last_code)
        return keys
    if p.email:
        keys.append("e:" + p.email)
    for phone in p.phones:
        keys.append("p:" + phone)
    if p.company:
        # Split by the initials of both names: a typo or a swap keeps at least one of them,
        # and a company's block is not every contact of every account of that name.
        for initial in dict.fromkeys(name[:1] for name in (p.first, p.last) if name):
            keys.append(f"c:{p.company}/{initial}")
    last_code = phonetic_key(p.last)
    first_code = phonetic_key(p.first)
    by_last = f"{last_code}/{first_code[:1]}" if last_code else ""
    low, high = (first_code, last_code) if first_code <= last_code else (last_code, first_code)
    swapped = f"{low}/{high}" if high else ""
    suffixes = [""] if name_only else []
    if p.company:
        suffixes.append("/" + phonetic_key(p.company.split()[0]))
    for suffix in suffixes:
        if by_last:
            keys.append(f"n:{by_last}{suffix}")
        if swapped:
            keys.append(f"s:{swapped}{suffix}")
    return keys


def _sort_key(p: Profile) -> str:
    return f"{p.last} {p.first} {p.company}"


@dataclass
class _Blocks:
    members: dict[str, list[int]]
    keys_of: list[list[str]]
    #: Oversized blocks: position of each member in the block's name order.
    position: dict[str, dict[int, int]]
    order: dict[str, list[int]]


def _build_blocks(
    object_type: str, profiles: Sequence[Profile], progress: Progress, name_only: bool
) -> _Blocks:
    members: dict[str, list[int]] = {}
    keys_of: list[list[str]] = []
    for i, profile in enumerate(profiles):
        keys = block_keys(object_type, profile, name_only)
        keys_of.append(keys)
        for key in keys:
            block = members.get(key)
            if block is None:
                members[key] = [i]
            else:
                block.append(i)
        if i % PROGRESS_EVERY == 0 and progress.cancelled:
            raise Cancelled
    position: dict[str, dict[int, int]] = {}
    order: dict[str, list[int]] = {}
    for key, block in members.items():
        if len(block) > MAX_BLOCK:
            ordered = sorted(block, key=lambda i: _sort_key(profiles[i]))
            order[key] = ordered
            position[key] = {i: pos for pos, i in enumerate(ordered)}
    return _Blocks(members, keys_of, position, order)


def _candidates_of(i: int, blocks: _Blocks) -> set[int]:
    """Records after `i` (by index) sharing a block with it: each pair is seen once."""
    found: set[int] = set()
    for key in blocks.keys_of[i]:
        block = blocks.members[key]
        if len(block) == 1:
            continue
        positions = blocks.position.get(key)
        if positions is None:
            found.update(block[bisect_right(block, i) :])
        else:
            ordered = blocks.order[key]
            pos = positions[i]
            window = ordered[max(0, pos - WINDOW) : pos + WINDOW + 1]
            found.update(j for j in window if j > i)
    return found


# --- the scan --------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_duplicates(
    session: Session,
    object_type: str,
    progress: Progress = NullProgress(),  # noqa: B008 - stateless
    threshold: int = DEFAULT_THRESHOLD,
) -> list[DuplicateGroup]:
    """Groups of live records of `object_type` that look like duplicates, best score first.
    Reads only: give it a read session (`Database.read_session()`), so a long scan never
    holds the write lock. Raises Cancelled when `progress` is cancelled."""
    return list(scan_duplicates(session, object_type, progress, threshold).groups)


def scan_duplicates(
    session: Session,
    object_type: str,
    progress: Progress = NullProgress(),  # noqa: B008 - stateless
    threshold: int = DEFAULT_THRESHOLD,
) -> ScanResult:
    """`find_duplicates` with the figures of the scan (pairs compared, time...)."""
    return _scan(session, object_type, progress, threshold)


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a scan builds its millions of
    small, acyclic objects (profiles, keys, blocks): each full collection walks all of them,
    which on 100,000 contacts added about 1.5 s to a 5.5 s scan in pauses of up to 0.3 s,
    and such a pause stops every thread, the GUI's too. Reference counting still frees
    what the scan drops. Nested and concurrent scans share one pause; the collector is
    turned back on (if it was on) when the last one ends, cancelled or not."""
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def _scan(session: Session, object_type: str, progress: Progress, threshold: int) -> ScanResult:
    with _gc_paused():
        return _scan_all(session, object_type, progress, threshold)


def _scan_all(session: Session, object_type: str, progress: Progress, threshold: int) -> ScanResult:
    started = time.perf_counter()
    profiles = load_profiles(session, object_type, progress)
    dismissed = not_duplicate_pairs(session, object_type)
    n = len(profiles)
    progress.update(0, n, "Grouping similar records")
    blocks = _build_blocks(object_type, profiles, progress, threshold <= NAME_ONLY_MAX)
    scorer = _score_companies if object_type == "account" else _score_people
    accepted: list[tuple[int, int, int, tuple[str, ...]]] = []
    compared = 0
    dismissed_count = 0
    for i in range(n):
        if i % PROGRESS_EVERY == 0:
            if progress.cancelled:
                raise Cancelled
            progress.update(i, n, "Comparing")
        candidates = _candidates_of(i, blocks)
        if not candidates:
            continue
        compared += len(candidates)
        a = profiles[i]
        for j in candidates:
            result = scorer(a, profiles[j], threshold)
            if result is None or result[0] < threshold:
                continue
            b = profiles[j]
            if _pair(a.id, b.id) in dismissed:
                dismissed_count += 1
                continue
            accepted.append((i, j, result[0], result[1]))
    progress.update(n, n, "Grouping duplicates")
    groups = _groups(object_type, profiles, accepted)
    return ScanResult(
        object_type=object_type,
        groups=tuple(groups),
        records=n,
        compared_pairs=compared,
        all_pairs=n * (n - 1) // 2,
        accepted_pairs=len(accepted),
        dismissed_pairs=dismissed_count,
        oversized_blocks=len(blocks.order),
        seconds=time.perf_counter() - started,
    )


def _groups(
    object_type: str,
    profiles: Sequence[Profile],
    accepted: Sequence[tuple[int, int, int, tuple[str, ...]]],
) -> list[DuplicateGroup]:
    union = _UnionFind()
    for i, j, _, _ in accepted:
        union.union(i, j)
    pairs_of: dict[int, list[tuple[int, int, int, tuple[str, ...]]]] = {}
    for pair in accepted:
        pairs_of.setdefault(union.find(pair[0]), []).append(pair)
    groups: list[DuplicateGroup] = []
    for pairs in pairs_of.values():
        pairs.sort(key=lambda p: (-p[2], profiles[p[0]].id, profiles[p[1]].id))
        indexes = {i for pair in pairs for i in pair[:2]}
        ordered = sorted(
            indexes,
            key=lambda i: (profiles[i].filled, profiles[i].updated_at, profiles[i].id),
            reverse=True,
        )
        groups.append(
            DuplicateGroup(
                object_type=object_type,
                record_ids=tuple(profiles[i].id for i in ordered),
                labels=tuple(profiles[i].label for i in ordered),
                score=pairs[0][2],
                pairs=tuple(
                    DuplicatePair(profiles[i].id, profiles[j].id, score, reasons)
                    for i, j, score, reasons in pairs
                ),
            )
        )
    groups.sort(key=lambda g: (-g.score, -len(g.record_ids), g.labels[0], g.record_ids[0]))
    return groups


# --- as you type -----------------------------------------------------------------------------

_ALIASES = {"phone": "phone_raw", "mobile": "mobile_raw", "company_name": "company"}


def possible_duplicates_of(
    session: Session,
    object_type: str,
    fields: Mapping[str, Any],
    exclude_id: str | None = None,
    limit: int = 5,
) -> list[Match]:
    """Live records that may be duplicates of a record being typed, best first.

    `fields` holds what the form has so far, by column name: `first_name`, `last_name`,
    `email`, `phone_raw` (or `phone`), `mobile_raw` (or `mobile`), `account_id`, `company`
    (leads), `name`, `siren`, `website`, `domain` (accounts), `city`, `country` (the region
    national phone numbers are read in). Missing fields count as unknown, not as different.
    `exclude_id` is the record being edited. Candidates come from indexed lookups only (same
    e-mail, phone, SIREN, domain, account; names starting with the same three letters), so
    the check stays fast on a million records.
    """
    table = _check_type(object_type)
    values = {_ALIASES.get(k, k): v for k, v in fields.items()}
    query = _typed_profile(session, object_type, values)
    ids = _probe(session, object_type, table, query, values)
    ids.discard(exclude_id or "")
    if not ids:
        return []
    dismissed = not_duplicate_pairs(session, object_type) if exclude_id else frozenset()
    matches: list[Match] = []
    for candidate in iter_profiles(session, object_type, sorted(ids)):
        if exclude_id and _pair(exclude_id, candidate.id) in dismissed:
            continue
        result = score_pair(object_type, query, candidate)
        assert result is not None
        score, reasons = result
        exact = any(r in ("same e-mail", "same phone", "same SIREN") for r in reasons)
        if score >= SUGGEST_THRESHOLD or exact:
            matches.append(Match(candidate.id, candidate.label, score, reasons))
    matches.sort(key=lambda m: (-m.score, m.label, m.record_id))
    return matches[:limit]


def _value(values: Mapping[str, Any], key: str) -> str | None:
    value = values.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _typed_profile(session: Session, object_type: str, values: Mapping[str, Any]) -> Profile:
    country = _value(values, "country")
    if object_type == "account":
        return _account_profile(
            (
                "",
                _value(values, "name"),
                _value(values, "siren"),
                _value(values, "website"),
                _value(values, "domain"),
                _value(values, "email"),
                _value(values, "phone_e164"),
                _value(values, "phone_raw"),
                _value(values, "city"),
                country,
                "",
                0,
            )
        )
    account_id = _value(values, "account_id")
    company = _value(values, "company")
    if object_type == "contact" and account_id is not None:
        company = session.execute(
            text("SELECT name FROM accounts WHERE id = :id"), {"id": account_id}
        ).scalar()
    return _person_profile(
        (
            "",
            _value(values, "first_name"),
            _value(values, "last_name") or "",
            _value(values, "email"),
            None,
            _value(values, "phone_e164"),
            _value(values, "phone_raw"),
            _value(values, "mobile_e164"),
            _value(values, "mobile_raw"),
            _value(values, "city"),
            country,
            account_id,
            company,
            "",
            0,
        ),
        {},
    )


def _prefixes(raw: str | None, length: int) -> list[tuple[str, str]]:
    """[low, high) bounds of the names starting like `raw`: its first `length` letters as
    typed and accent-folded (NOCASE folds ASCII case only, so `Hél` and `hel` differ)."""
    if not raw:
        return []
    bounds: list[tuple[str, str]] = []
    for variant in dict.fromkeys((raw.strip().lower()[:length], fold(raw.strip())[:length])):
        if len(variant) >= min(2, length):
            bounds.append((variant, variant[:-1] + chr(ord(variant[-1]) + 1)))
    return bounds


def _name_ranges(column: str, raw: str | None, length: int) -> list[tuple[str, dict[str, str]]]:
    """Index-range conditions on `column`, one per spelling, for names starting like `raw`.
    One range per query: SQLite turns an OR of ranges on an index's first column into a
    skip-scan of the whole index."""
    conditions: list[tuple[str, dict[str, str]]] = []
    for n, (low, high) in enumerate(_prefixes(raw, length)):
        lo, hi = f"{column}_lo{n}", f"{column}_hi{n}"
        conditions.append(
            (
                f"({column} >= :{lo} COLLATE NOCASE AND {column} < :{hi} COLLATE NOCASE)",
                {lo: low, hi: high},
            )
        )
    return conditions


def _probe(
    session: Session, object_type: str, table: str, query: Profile, values: Mapping[str, Any]
) -> set[str]:
    """Candidate ids from indexed lookups: same identifiers, same account, and names starting
    with the same three letters (as typed and accent-folded, the first name's initial too).
    Name lookups read up to NAME_PROBE_LIMIT index entries and keep only the names at least
    NAME_PREFILTER similar, before any record is loaded: on a million contacts a common
    prefix matches thousands."""
    live = "deleted_at IS NULL"
    probes: list[tuple[str, dict[str, Any]]] = []
    name_probes: list[tuple[str, dict[str, Any]]] = []
    phone_columns = ("phone_e164", "mobile_e164") if object_type == "contact" else ("phone_e164",)
    if query.phones:
        where = " OR ".join(f"{c} IN :phones" for c in phone_columns)
        probes.append((f"({where})", {"phones": sorted(query.phones)}))
    if object_type == "account":
        if query.siren:
            probes.append(("siren = :siren", {"siren": query.siren}))
        if query.domain:
            probes.append(("domain = :domain", {"domain": query.domain}))
        name = _value(values, "name")
        for start in dict.fromkeys((name, query.last)):
            name_probes.extend(_name_ranges("name", start, 3))
        name_columns = "rowid, name, NULL"
    else:
        if query.email:
            probes.append(("email_normalized = :email", {"email": query.email}))
        if object_type == "contact" and query.account_id:
            probes.append(("account_id = :account", {"account": query.account_id}))
        first, last = _value(values, "first_name"), _value(values, "last_name")
        if last:
            # As typed, case aside: found even when a common prefix has too many names.
            exact = "last_name = :exact_last COLLATE NOCASE"
            exact_params = {"exact_last": last}
            if first:
                exact += " AND first_name = :exact_first COLLATE NOCASE"
                exact_params["exact_first"] = first
            name_probes.append((exact, exact_params))
        for typed_last, typed_first in ((last, first), (first, last)):
            initials = _name_ranges("first_name", typed_first, 1)
            initial = " OR ".join(condition for condition, _ in initials)
            for where, params in _name_ranges("last_name", typed_last, 3):
                if initials:
                    where += f" AND ({initial})"
                    params = {**params, **{k: v for _, p in initials for k, v in p.items()}}
                name_probes.append((where, params))
        name_columns = "rowid, last_name, first_name"
    ids: set[str] = set()
    for where, params in probes:
        stmt = text(f"SELECT id FROM {table} WHERE {where} AND {live} LIMIT {PROBE_LIMIT}")
        if "phones" in params:
            stmt = stmt.bindparams(bindparam("phones", expanding=True))
        ids.update(session.execute(stmt, params).scalars())
    # Row ids and names only: read from the list index alone, no table row is touched.
    similar_rows: set[int] = set()
    for where, params in name_probes:
        rows = session.execute(
            text(
                f"SELECT {name_columns} FROM {table} WHERE {where} AND {live} "
                f"LIMIT {NAME_PROBE_LIMIT}"
            ),
            params,
        )
        for rowid, last_name, first_name in rows:
            if rowid in similar_rows:
                continue
            if object_type == "account":
                similar = company_similarity(query.last, company_key(last_name))
            else:
                similar = person_similarity(
                    query.first, query.last, clean_name(first_name), clean_name(last_name)
                )
            if similar >= NAME_PREFILTER:
                similar_rows.add(rowid)
    if similar_rows:
        stmt = text(f"SELECT id FROM {table} WHERE rowid IN :rows").bindparams(
            bindparam("rows", expanding=True)
        )
        for chunk in _chunks(sorted(similar_rows)):
            ids.update(session.execute(stmt, {"rows": chunk}).scalars())
    return ids


# --- "not a duplicate" -----------------------------------------------------------------------


def _setting_key(object_type: str) -> str:
    _check_type(object_type)
    return f"dedupe.not_duplicates.{object_type}"


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def not_duplicate_pairs(session: Session, object_type: str) -> frozenset[tuple[str, str]]:
    """Pairs (smaller id first) marked "not a duplicate" for `object_type`."""
    raw = session.execute(
        text("SELECT value FROM app_settings WHERE key = :k"), {"k": _setting_key(object_type)}
    ).scalar()
    if not raw:
        return frozenset()
    try:
        stored = json.loads(raw)
    except ValueError:
        return frozenset()
    return frozenset(
        _pair(str(p[0]), str(p[1])) for p in stored if isinstance(p, list) and len(p) == 2
    )


def mark_not_duplicates(session: Session, object_type: str, record_ids: Sequence[str]) -> int:
    """Remember that the records are not duplicates of one another (every pair among them),
    so later scans and checks skip them. Returns how many pairs were new. Stored as JSON in
    `app_settings` (per database, not journaled, not replicated); the caller commits."""
    return _update_marks(session, object_type, record_ids, add=True)


def unmark_not_duplicates(session: Session, object_type: str, record_ids: Sequence[str]) -> int:
    """Forget "not a duplicate" marks among the records; returns how many were removed."""
    return _update_marks(session, object_type, record_ids, add=False)


def _update_marks(session: Session, object_type: str, record_ids: Sequence[str], add: bool) -> int:
    key = _setting_key(object_type)
    current = set(not_duplicate_pairs(session, object_type))
    pairs = {_pair(a, b) for a, b in combinations(dict.fromkeys(record_ids), 2)}
    changed = pairs - current if add else pairs & current
    if not changed:
        return 0
    current = current | changed if add else current - changed
    session.execute(
        text(
            "INSERT INTO app_settings (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": key, "v": json.dumps(sorted(current), separators=(",", ":"))},
    )
    return len(changed)


def _chunks(items: list[T], size: int = 500) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
