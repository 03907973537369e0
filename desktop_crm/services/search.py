"""Global search over accounts, contacts, leads, opportunities, campaigns and cases: the
engine of the search palette (one box, results grouped by object), Qt-free.

A query is folded like the index (`models.search.fold`: case, accents and punctuation
ignored) and cut into words. Words of three characters or more are looked up in the FTS5
trigram index (a substring anywhere in the record's searched fields); shorter words only
filter those candidates as word prefixes (a query of only such words looks up name prefixes
in the lists' indexes instead). Per object type, at most `CANDIDATES` records are taken,
oldest first, then scored in Python against their own text and the best `limit_per_object`
kept: a whole word beats a word start, which beats a word inside, and a title beats an
e-mail or a city.

Typos: when the words as typed find fewer hits than one group can show, every word of four
letters or more is
corrected against the vocabulary of indexed words (`app_search_words`): the words sharing
its first letters or its last letters, within one edit (two from eight letters; a swap of
two neighbours is one edit). The index is then asked for the word or any of its
corrections, and the scoring ranks a corrected word below a word found as typed.

Everything stays small whatever the database size: a bounded number of index lookups per
type, a bounded number of rows read, a bounded vocabulary range; no query scans a table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from desktop_crm.models.search import (
    INDEX_TABLE,
    ROWID_BITS,
    SEARCHED,
    WORDS_TABLE,
    SearchedObject,
    fold,
    fold_parts,
)
from desktop_crm.services.progress import Cancelled

#: Characters of the typed text considered at all (a pasted page is cut, not refused).
MAX_QUERY_CHARS = 200
#: Words of a query considered, and characters of one word.
MAX_WORDS = 6
MAX_WORD_CHARS = 40
#: Index trigrams asked per word: a long word is found by a spread of its trigrams.
MAX_TRIGRAMS = 12
#: Records per object type and pass read from the index and scored.
CANDIDATES = 100
#: Records read by the first lookup, shared by all object types.
SHARED_CANDIDATES = 1000
#: Typo correction: shortest word corrected, corrections kept per word.
TYPO_MIN_CHARS = 4
MAX_CORRECTIONS = 6
#: Vocabulary words compared per word and direction, at most.
MAX_VOCABULARY_SCAN = 5000
#: A record is a hit only if every query word scores at least this (0-100).
MIN_WORD_SCORE = 60
#: Hits that need no typo search: every word found whole or as a word's start.
STRONG_SCORE = 90
#: A word found only through a typo correction: its similarity minus this.
TYPO_PENALTY = 10
#: Weight of a word found outside the title (e-mail, city, phone, domain).
OTHER_FIELD_WEIGHT = 0.9

_MASK = (1 << ROWID_BITS) - 1
#: Sorts after every character: `prefix <= x < prefix + _LAST_CHAR` is "x starts with prefix".
_LAST_CHAR = "\U0010ffff"


@dataclass(frozen=True)
class SearchHit:
    object_type: str
    record_id: str
    title: str
    subtitle: str
    #: 0-100: 100 is every word found as a whole word of the title.
    score: float


@dataclass(frozen=True)
class SearchGroup:
    object_type: str
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True)
class _Word:
    text: str
    #: Vocabulary words within a typo of `text`, nearest first (not `text` itself), each
    #: with its similarity to `text` (0-100: 100 × (1 - edits / length of the longer)).
    corrections: tuple[tuple[str, float], ...] = ()

    @property
    def indexed(self) -> bool:
        return len(self.text) >= 3

    @property
    def whole(self) -> str:
        return f" {self.text} "

    @property
    def start(self) -> str:
        return f" {self.text}"


@dataclass(frozen=True)
class _Display:
    """How one object type is read back: the columns read after the id, the title and
    subtitle made of them, and the folded text of the title and of the other searched
    fields that the scoring looks at."""

    columns: str
    joins: str
    title: Callable[[Sequence[Any]], str]
    subtitle: Callable[[Sequence[Any]], str]
    title_text: Callable[[Sequence[Any]], str]
    other_text: Callable[[Sequence[Any]], str]
    #: Column of a `COLLATE NOCASE` list index for prefix lookups of very short queries.
    name_column: str | None = None


def _join(*parts: Any, sep: str = " · ") -> str:
    return sep.join(str(p).strip() for p in parts if p is not None and str(p).strip())


def _person(first: Any, last: Any) -> str:
    return _join(first, last, sep=" ")


_ACCOUNT_JOIN = "LEFT JOIN accounts a ON a.id = t.account_id"

DISPLAY: dict[str, _Display] = {
    "account": _Display(
        "t.name, t.city, t.domain, t.email",
        "",
        title=lambda r: _join(r[0]),
        subtitle=lambda r: _join(r[1], r[2] or r[3]),
        title_text=lambda r: fold_parts(r[0]),
        other_text=lambda r: fold_parts(r[1], r[2], r[3]),
        name_column="name",
    ),
    "contact": _Display(
        "t.first_name, t.last_name, t.email, t.city, t.phone_e164, a.name",
        _ACCOUNT_JOIN,
        title=lambda r: _person(r[0], r[1]),
        subtitle=lambda r: _join(r[5], r[3]) or _join(r[2]),
        title_text=lambda r: fold_parts(r[0], r[1]),
        other_text=lambda r: fold_parts(r[2], r[3], r[4]),
        name_column="last_name",
    ),
    "lead": _Display(
        "t.first_name, t.last_name, t.company, t.email, t.city",
        "",
        title=lambda r: _person(r[0], r[1]),
        subtitle=lambda r: _join(r[2], r[4]) or _join(r[3]),
        title_text=lambda r: fold_parts(r[0], r[1]),
        other_text=lambda r: fold_parts(r[2], r[3]),
        name_column="last_name",
    ),
    "opportunity": _Display(
        "t.name, a.name",
        _ACCOUNT_JOIN,
        title=lambda r: _join(r[0]),
        subtitle=lambda r: _join(r[1]),
        title_text=lambda r: fold_parts(r[0]),
        other_text=lambda r: "",
        name_column="name",
    ),
    "campaign": _Display(
        "t.name, t.start_date",
        "",
        title=lambda r: _join(r[0]),
        subtitle=lambda r: _join(r[1]),
        title_text=lambda r: fold_parts(r[0]),
        other_text=lambda r: "",
    ),
    "case": _Display(
        "t.subject, a.name",
        _ACCOUNT_JOIN,
        title=lambda r: _join(r[0]),
        subtitle=lambda r: _join(r[1]),
        title_text=lambda r: fold_parts(r[0]),
        other_text=lambda r: "",
    ),
}


def search(
    session: Session,
    text: str,
    limit_per_object: int = 8,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> list[SearchGroup]:
    """Records matching every word of `text`, best first, grouped by object type in the
    order of `models.search.SEARCHED`; types without a hit are left out. Blank text gives [].

    Read-only; meant for a worker thread with a session of its own. `cancelled` is checked
    between object types (raises `Cancelled`), so a palette can drop a superseded query
    early; a query takes milliseconds either way.
    """
    words = [_Word(w) for w in query_words(text)]
    if not words or limit_per_object < 1:
        return []
    conn = session.connection()
    found: dict[str, dict[str, _Candidate]] = {spec.object_type: {} for spec in SEARCHED}
    indexed = [w for w in words if w.indexed]
    if indexed:
        candidates = _index_candidates(conn, SEARCHED, _match(indexed), cancelled)
    else:
        longest = max(words, key=lambda w: len(w.text))
        candidates = {s.object_type: _name_prefix_candidates(conn, s, longest) for s in SEARCHED}
    for spec in SEARCHED:
        _check(cancelled)
        _score_into(found[spec.object_type], conn, spec, candidates[spec.object_type], words)

    # Typos are looked for only when the words as typed find less than one group's worth:
    # "marie dupont" finding eight Marie Duponts needs no Marie Dumont.
    short_of_hits = [s for s in SEARCHED if len(found[s.object_type]) < limit_per_object]
    strong = sum(c.score >= STRONG_SCORE for hits in found.values() for c in hits.values())
    if strong < limit_per_object and any(_correctable(w) for w in words):
        corrected = [
            _Word(w.text, _corrections(conn, w.text)) if _correctable(w) else w for w in words
        ]
        if any(w.corrections for w in corrected):
            expression = _match([w for w in corrected if w.indexed])
            candidates = _index_candidates(conn, short_of_hits, expression, cancelled)
            for spec in short_of_hits:
                _check(cancelled)
                rowids = candidates[spec.object_type]
                _score_into(found[spec.object_type], conn, spec, rowids, corrected)

    groups = []
    for spec in SEARCHED:
        display = DISPLAY[spec.object_type]
        best = sorted(found[spec.object_type].items(), key=lambda item: item[1].rank)
        hits = tuple(
            SearchHit(
                spec.object_type,
                record_id,
                display.title(candidate.values) or "—",
                display.subtitle(candidate.values),
                candidate.score,
            )
            for record_id, candidate in best[:limit_per_object]
        )
        if hits:
            groups.append(SearchGroup(spec.object_type, hits))
    return groups


def query_words(text: str) -> list[str]:
    """The words searched for in `text`: folded, each once, at most `MAX_WORDS`. A phone
    number typed in groups (`06 12 34 56 78`) is one word, and its national leading zeros
    are dropped so it is found inside the stored E.164 digits (`33612345678`)."""
    if not text or not text.strip():
        return []
    tokens = fold(text[:MAX_QUERY_CHARS]).split()
    merged: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if token.isdigit() and len(token) <= 4:
            run.append(token)
            continue
        merged.extend(["".join(run)] if len(run) >= 3 else run)
        run = []
        if token:
            merged.append(token)
    words: list[str] = []
    for word in merged:
        if word.isdigit() and word.startswith("0") and len(word.lstrip("0")) >= 3:
            word = word.lstrip("0")
        word = word[:MAX_WORD_CHARS]
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled


def _rank(hit: SearchHit) -> tuple[float, str]:
    return (-hit.score, hit.title.casefold())


def _correctable(word: _Word) -> bool:
    return len(word.text) >= TYPO_MIN_CHARS and word.text.isalpha()


# --- the index --------------------------------------------------------------------------------


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _trigrams(word: str) -> list[str]:
    grams = list(dict.fromkeys(word[i : i + 3] for i in range(len(word) - 2)))
    if len(grams) <= MAX_TRIGRAMS:
        return grams
    step = (len(grams) - 1) / (MAX_TRIGRAMS - 1)
    return [grams[round(i * step)] for i in range(MAX_TRIGRAMS)]


def _substring(word: str) -> str:
    """An FTS5 expression true for documents holding all of the word's trigrams. The index
    keeps no positions, so this may also admit a few records that hold them apart: the
    scoring checks the text itself."""
    return "(" + " AND ".join(_quoted(g) for g in _trigrams(word)) + ")"


def _match(words: Iterable[_Word]) -> str:
    """All words (each as typed or as one of its corrections). Trigrams shared by words
    without corrections are asked once: `marie paris` needs `ari` once."""
    plain: dict[str, None] = {}
    parts = []
    for word in words:
        if not word.corrections:
            plain.update(dict.fromkeys(_trigrams(word.text)))
            continue
        options = [_substring(w) for w in (word.text, *(c for c, _ in word.corrections))]
        parts.append("(" + " OR ".join(options) + ")")
    if plain:
        parts.insert(0, " AND ".join(_quoted(g) for g in plain))
    return " AND ".join(parts)


def _index_candidates(
    conn: Connection,
    specs: Sequence[SearchedObject],
    expression: str,
    cancelled: Callable[[], bool] | None,
) -> dict[str, list[int]]:
    """Per object type, the rowids of the first `CANDIDATES` records the index matches.

    One lookup over every type first: the trigram lists of common words are long, and
    reading them once instead of once per type is what keeps a selective query fast. When
    it is cut by `SHARED_CANDIDATES`, the types it did not cover are asked for by their own
    rowid range. Oldest first: FTS5 walks its lists forwards about twice as fast."""
    wanted = {spec.code: spec for spec in specs}
    keys = (
        conn.execute(
            sql(
                f"SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH :q "
                "AND rowid BETWEEN :lo AND :hi ORDER BY rowid LIMIT :n"
            ),
            {
                "q": expression,
                "lo": min(wanted) << ROWID_BITS,
                "hi": ((max(wanted) + 1) << ROWID_BITS) - 1,
                "n": SHARED_CANDIDATES,
            },
        )
        .scalars()
        .all()
    )
    found: dict[str, list[int]] = {spec.object_type: [] for spec in specs}
    last_code = 0
    for key in keys:
        last_code = key >> ROWID_BITS
        spec = wanted.get(last_code)
        if spec is not None:
            found[spec.object_type].append(key & _MASK)
    complete = len(keys) < SHARED_CANDIDATES
    for spec in specs:
        rowids = found[spec.object_type]
        if complete or spec.code < last_code or len(rowids) >= CANDIDATES:
            del rowids[CANDIDATES:]
            continue
        _check(cancelled)
        found[spec.object_type] = [
            key & _MASK
            for key in conn.execute(
                sql(
                    f"SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH :q "
                    "AND rowid BETWEEN :lo AND :hi ORDER BY rowid LIMIT :n"
                ),
                {"q": expression, "lo": spec.first_key, "hi": spec.last_key, "n": CANDIDATES},
            ).scalars()
        ]
    return found


def _name_prefix_candidates(conn: Connection, spec: SearchedObject, word: _Word) -> list[int]:
    """For queries of one or two letters, which the trigram index cannot serve: records whose
    name starts with the longest word, read from the list's `COLLATE NOCASE` index."""
    column = DISPLAY[spec.object_type].name_column
    if column is None:
        return []
    low = word.text
    high = low + _LAST_CHAR
    rows = conn.execute(
        sql(
            f'SELECT rowid FROM "{spec.table}" WHERE deleted_at IS NULL '
            f'AND "{column}" >= :lo COLLATE NOCASE AND "{column}" < :hi COLLATE NOCASE '
            f'ORDER BY "{column}" COLLATE NOCASE LIMIT :n'
        ),
        {"lo": low, "hi": high, "n": CANDIDATES},
    ).scalars()
    return list(rows)


# --- typo corrections -------------------------------------------------------------------------


def _corrections(conn: Connection, word: str) -> tuple[tuple[str, float], ...]:
    """Vocabulary words within a typo of `word`: one edit up to seven letters, two from
    eight. Candidates share the word's first letters or its last ones (1 for four-letter
    words, 2 up to six, 3 beyond), so one mistake near either end is still found."""
    size = len(word)
    edits = 1 if size < 8 else 2
    affix = 1 if size <= 4 else 2 if size <= 6 else 3
    bounds = {"short": size - edits, "long": size + edits}
    found: set[str] = set()
    for column, key in (("word", word), ("reversed_word", word[::-1])):
        low = key[:affix]
        high = low + _LAST_CHAR
        found.update(
            conn.execute(
                sql(
                    f"SELECT word FROM {WORDS_TABLE} WHERE {column} >= :lo AND {column} < :hi "
                    "AND length(word) BETWEEN :short AND :long LIMIT :n"
                ),
                {"lo": low, "hi": high, "n": MAX_VOCABULARY_SCAN, **bounds},
            ).scalars()
        )
    found.discard(word)
    near = process.extract(word, list(found), scorer=OSA.distance, score_cutoff=edits, limit=None)
    near.sort(key=lambda m: (m[1], abs(len(m[0]) - size), m[0]))
    return tuple(
        (m[0], OSA.normalized_similarity(word, m[0]) * 100) for m in near[:MAX_CORRECTIONS]
    )


# --- scoring ----------------------------------------------------------------------------------


def _score_into(
    found: dict[str, _Candidate],
    conn: Connection,
    spec: SearchedObject,
    rowids: list[int],
    words: Sequence[_Word],
) -> None:
    if not rowids:
        return
    display = DISPLAY[spec.object_type]
    marks = ", ".join(str(int(r)) for r in rowids)
    # Straight on the DB-API cursor: SQLAlchemy's row processing would cost more than the
    # lookups themselves at a few hundred rows per keystroke.
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        rows = cursor.execute(
            f'SELECT t.id, {display.columns} FROM "{spec.table}" t {display.joins} '
            f"WHERE t.rowid IN ({marks}) AND t.deleted_at IS NULL"
        ).fetchall()
    finally:
        cursor.close()
    for row in rows:
        record_id, values = row[0], tuple(row[1:])
        title = display.title_text(values)
        score = _score_text(words, title, display.other_text(values))
        if score is None:
            continue
        previous = found.get(record_id)
        if previous is None or previous.score < score:
            found[record_id] = _Candidate(score, (-score, title), values)


@dataclass(frozen=True)
class _Candidate:
    score: float
    rank: tuple[float, str]  #: best first, then by folded title
    values: tuple[Any, ...]


def _score_text(words: Sequence[_Word], title: str, other: str) -> float | None:
    """0-100, or None when a word is missing. Per word, its best place: a whole word of the
    title 100, the start of a word 92, inside a word 65 (digits 95: part of a phone
    number), a typo about its similarity minus `TYPO_PENALTY` (`_typo`); outside the title
    times `OTHER_FIELD_WEIGHT`. The record's score is the mean over the query's words."""
    padded_title, padded_other = f" {title} ", f" {other} "
    total = 0.0
    for word in words:
        best = _place(word, padded_title)
        if best < 100 and other:
            best = max(best, _place(word, padded_other) * OTHER_FIELD_WEIGHT)
        if best < STRONG_SCORE and word.corrections:
            typo = max(_typo(word, padded_title), _typo(word, padded_other) * OTHER_FIELD_WEIGHT)
            best = max(best, typo)
        if best < MIN_WORD_SCORE:
            return None
        total += best
    return round(total / len(words), 1)


def _place(word: _Word, padded: str) -> float:
    if word.whole in padded:
        return 100.0
    if word.start in padded:
        return 92.0
    if word.indexed and word.text in padded:
        return 95.0 if word.text.isdigit() else 65.0
    return 0.0


def _typo(word: _Word, padded: str) -> float:
    """The best correction of the word found in the text: its similarity to the word as
    typed minus `TYPO_PENALTY`, less again when it is only the start of a word (5) or
    inside one (15), and half a point per nearer correction ranked before it; 0 when none
    is there."""
    best = 0.0
    for rank, (correction, similarity) in enumerate(word.corrections):
        if f" {correction} " in padded:
            place = 0
        elif f" {correction}" in padded:
            place = 5
        elif correction in padded:
            place = 15
        else:
            continue
        best = max(best, similarity - TYPO_PENALTY - place - rank / 2)
    return best
