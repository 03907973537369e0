"""Which existing deal an imported deal row is: one of the same account with the same name,
or with a name close enough to be the same deal typed another way ("Renouvellement 2026 –
ACME" and "renouvellement 2026 ACME"). The numbers in the names must agree: "Contrat
2025" and "Contrat 2026" are two deals however alike their words, and so are "Lot 3" and
"Lot 4". A deal without an account is matched by its exact name only, since comparing it
with every other such deal would cost a scan per row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.fuzz import token_sort_ratio

from desktop_crm.services.normalise import fold

#: A name at least this similar (rapidfuzz token sort ratio, 0-100) is the same deal.
NAME_THRESHOLD = 90
#: Deals of one account compared with a row, the most recent first (an account with
#: thousands of deals must not make one row cost thousands of comparisons).
MAX_PER_ACCOUNT = 200

_NUMBERS = re.compile(r"\d+")
_WORDS = re.compile(r"\w+")


def _key(name: str | None) -> str:
    """The name's words, folded: case, accents and punctuation ignored."""
    return " ".join(_WORDS.findall(fold(name)))


@dataclass(frozen=True)
class DealMatch:
    record_id: str
    score: int
    reasons: tuple[str, ...]


@dataclass
class DealIndex:
    """The deals an import can match: those in the database when it starts, then those it
    creates."""

    exact: dict[tuple[str, object], str] = field(default_factory=dict)
    #: Per account: (name key, the numbers in it, record id), oldest first.
    by_account: dict[object, list[tuple[str, list[str], str]]] = field(default_factory=dict)

    def add(self, record_id: str, name: str | None, account_id: object) -> None:
        key = _key(name)
        self.exact[(key, account_id)] = record_id
        if account_id is not None:
            entry = (key, _NUMBERS.findall(key), record_id)
            self.by_account.setdefault(account_id, []).append(entry)

    def find(self, name: str | None, account_id: object) -> DealMatch | None:
        key = _key(name)
        exact = self.exact.get((key, account_id))
        if exact is not None:
            return DealMatch(exact, 100, ("same name and company",))
        if account_id is None or not key:
            return None
        numbers = _NUMBERS.findall(key)
        best: tuple[str, int] | None = None
        for other, other_numbers, record_id in reversed(
            self.by_account.get(account_id, ())[-MAX_PER_ACCOUNT:]
        ):
            if other_numbers != numbers:
                continue
            score = round(token_sort_ratio(key, other))
            if score >= NAME_THRESHOLD and (best is None or score > best[1]):
                best = (record_id, score)
        if best is None:
            return None
        record_id, score = best
        if score == 100:  # the same words in another order
            return DealMatch(record_id, score, ("same name and company",))
        return DealMatch(record_id, score, (f"name {score}% similar", "same company"))
