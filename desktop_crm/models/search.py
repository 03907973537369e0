"""The global search index: text folding, the FTS5 trigram index and the vocabulary that
SQLite triggers keep in step with accounts, contacts, leads, opportunities, cases and
campaigns.

Layout (migration 0003):

- `app_search_index`, an FTS5 table with the `trigram` tokenizer over one column of folded
  text (`fold`: lower case, accents removed, punctuation to spaces). It is contentless and
  keeps no positions (`content=''`, `detail=none`, `columnsize=0`): it stores only which
  documents hold which trigrams, a third of the size of a full trigram index, and the search
  service checks every candidate against the record's own text anyway. The FTS rowid of a
  record is `code << 40 | rowid` (`SearchedObject.code`, the rowid of the record in its own
  table), so a range of FTS rowids is one object type and no mapping table is needed.
- `app_search_words`, every distinct alphabetic word of the searched names (and its mirror
  image, indexed, to find words by their end): the vocabulary the search service corrects
  typos against. It only grows; a word no record holds any more costs a wasted lookup, and
  `rebuild_search_index` prunes them.

The names start with `app_` on purpose: the journal never journals (nor snapshots, nor
replicates) `app_` tables, and the FTS5 shadow tables (`app_search_index_data`, ...) have an
`id` column that `journal.install_triggers` would otherwise take for a domain table.

The triggers call `crm_fold`, `crm_search_words` and `crm_reverse`, SQL functions written in
Python that `register_search_functions` installs on every connection (`database.py`), so the
folding is the same in SQL and in Python. A contentless FTS5 table forgets a document only
when given the very text it indexed: the delete triggers fold the old values again, which is
why the functions are deterministic, and why anything that changes `fold`, the searched
fields, or the rowids of a searched table must end with `install_search_index(conn)`
(a migration that rebuilds a searched table in Alembic batch mode does both: the copy
renumbers rowids and drops the table's triggers).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Connection

#: Entries of each per-value cache. The values that repeat (cities, first names, companies,
#: domains) fit; unique ones (e-mails, phones) gain nothing from any size, and with 65,536
#: entries a cache kept filling through a 100,000-row import, so its peak memory grew with
#: the file (issue #6).
VALUE_CACHE = 16_384
INDEX_TABLE = "app_search_index"
WORDS_TABLE = "app_search_words"
TRIGGER_PREFIX = "search_"
#: Bits of an FTS rowid that hold the record's own rowid; the bits above hold the type code.
ROWID_BITS = 40
#: Vocabulary words: letters only, this many characters at least (and at most).
MIN_WORD = 3
MAX_WORD = 40


@dataclass(frozen=True)
class SearchedObject:
    object_type: str
    #: Stable small number of the type in FTS rowids: never reuse or renumber one.
    code: int
    table: str
    #: Columns folded into the indexed text, title columns first.
    fields: tuple[str, ...]
    #: Columns whose words make the typo-correction vocabulary (names, not e-mails or phones).
    word_fields: tuple[str, ...]

    @property
    def first_key(self) -> int:
        return self.code << ROWID_BITS

    @property
    def last_key(self) -> int:
        return ((self.code + 1) << ROWID_BITS) - 1


#: In the order the search palette shows its groups (the navigation's order).
SEARCHED: tuple[SearchedObject, ...] = (
    SearchedObject("account", 1, "accounts", ("name", "city", "domain", "email"), ("name", "city")),
    SearchedObject(
        "contact",
        2,
        "contacts",
        ("first_name", "last_name", "email", "city", "phone_e164"),
        ("first_name", "last_name", "city"),
    ),
    SearchedObject(
        "lead",
        3,
        "leads",
        ("first_name", "last_name", "company", "email"),
        ("first_name", "last_name", "company"),
    ),
    SearchedObject("opportunity", 4, "opportunities", ("name",), ("name",)),
    SearchedObject("campaign", 6, "campaigns", ("name",), ("name",)),
    SearchedObject("case", 5, "cases", ("subject",), ("subject",)),
)
SEARCHED_BY_TYPE = {spec.object_type: spec for spec in SEARCHED}


# --- folding ----------------------------------------------------------------------------------

#: Letters that Unicode does not decompose into a base letter and an accent.
_SPECIAL = str.maketrans(
    {"ß": "ss", "ẞ": "ss", "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o"}
    | {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th"}
    | {"ı": "i"}
)
_SEPARATORS = re.compile(r"[\W_]+")


def _fold_letters(text: str) -> str:
    """The reference rule, character by character: special letters spelled out, case
    folded, compatibility decomposition (`ﬁ` -> `fi`, `²` -> `2`), accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL).casefold())
    return "".join([c for c in decomposed if not unicodedata.combining(c)])


def _fast_table() -> dict[int, str]:
    """`_fold_letters` precomputed for ASCII and the Latin blocks, so that folding a French
    name is one `str.translate` (some ten times faster than decomposing it)."""
    ranges = (range(0x0000, 0x0250), range(0x0300, 0x0370), range(0x1E00, 0x1F00))
    table = {}
    for block in ranges:
        for code in block:
            folded = _fold_letters(chr(code))
            if folded != chr(code):
                table[code] = folded
    return table


_FAST = _fast_table()


def fold(text: str | None) -> str:
    """The searchable form of a text, the same in the index and in a query: lower case,
    accents removed, every run of characters that are not letters or digits (of any script)
    made one space, no space at the ends. `Lefèvre-Dupont, Zoë` -> `lefevre dupont zoe`;
    `MÜLLER` -> `muller`; `+33 6 12` -> `33 6 12`.

    Not `services.normalise.fold`: models/ cannot import services/ (the SQL function is
    registered here, below them), and search also turns punctuation into spaces. Both drop
    accents the same way."""
    if not text:
        return ""
    return _fold(text)


@lru_cache(maxsize=VALUE_CACHE)
def _fold(text: str) -> str:
    folded = text.translate(_FAST)
    if not folded.isascii():
        folded = _fold_letters(folded)
    return _SEPARATORS.sub(" ", folded).strip()


def fold_parts(*parts: Any) -> str:
    """`fold` of each non-empty part (numbers included), joined by one space."""
    folded = [_fold(str(p)) for p in parts if p is not None and p != ""]
    return " ".join(f for f in folded if f)


def words_of(*parts: Any) -> list[str]:
    """The vocabulary words of some values: folded, letters only, `MIN_WORD` to `MAX_WORD`
    long, each once, in order."""
    words: dict[str, None] = {}
    for part in parts:
        if part is not None and part != "":
            words.update(dict.fromkeys(_words(str(part))))
    return list(words)


@lru_cache(maxsize=VALUE_CACHE)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _fold(text).split() if MIN_WORD <= len(w) <= MAX_WORD and w.isalpha())


# --- SQL functions ----------------------------------------------------------------------------


def _sql_fold(*parts: Any) -> str:
    return fold_parts(*parts)


def _sql_search_words(*parts: Any) -> str:
    return json.dumps(words_of(*parts), ensure_ascii=False)


def _sql_reverse(text: Any) -> Any:
    return text[::-1] if isinstance(text, str) else text


def register_search_functions(dbapi_connection: Any) -> None:
    """Install crm_fold(v, ...), crm_search_words(v, ...) and crm_reverse(t) on a raw
    sqlite3 connection. Deterministic, so SQLite may use them wherever it likes."""
    dbapi_connection.create_function("crm_fold", -1, _sql_fold, deterministic=True)
    dbapi_connection.create_function("crm_search_words", -1, _sql_search_words, deterministic=True)
    dbapi_connection.create_function("crm_reverse", 1, _sql_reverse, deterministic=True)


# --- triggers ---------------------------------------------------------------------------------


def _values(prefix: str, columns: tuple[str, ...]) -> str:
    return ", ".join(f'{prefix}."{c}"' for c in columns)


def trigger_sql(spec: SearchedObject) -> list[str]:
    """The DDL of the three triggers that keep one table's live rows in the index."""
    t = spec.table
    new_key = f"({spec.first_key} + NEW.rowid)"
    old_key = f"({spec.first_key} + OLD.rowid)"
    new_body = f"crm_fold({_values('NEW', spec.fields)})"
    old_body = f"crm_fold({_values('OLD', spec.fields)})"
    add_words = (
        f"INSERT OR IGNORE INTO {WORDS_TABLE} (word, reversed_word) "
        f"SELECT value, crm_reverse(value) FROM json_each(crm_search_words("
        f"{_values('NEW', spec.word_fields)})) WHERE NEW.deleted_at IS NULL;"
    )
    changed = " OR ".join(
        [f'OLD."{c}" IS NOT NEW."{c}"' for c in spec.fields]
        + ["(OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)"]
    )
    watched = ", ".join(f'"{c}"' for c in (*spec.fields, "deleted_at"))
    return [
        f"""CREATE TRIGGER "{TRIGGER_PREFIX}{t}_insert" AFTER INSERT ON "{t}"
WHEN NEW.deleted_at IS NULL
BEGIN
  INSERT INTO {INDEX_TABLE} (rowid, body) VALUES ({new_key}, {new_body});
  {add_words}
END""",
        f"""CREATE TRIGGER "{TRIGGER_PREFIX}{t}_update" AFTER UPDATE OF {watched} ON "{t}"
WHEN {changed}
BEGIN
  INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}, rowid, body)
    SELECT 'delete', {old_key}, {old_body} WHERE OLD.deleted_at IS NULL;
  INSERT INTO {INDEX_TABLE} (rowid, body)
    SELECT {new_key}, {new_body} WHERE NEW.deleted_at IS NULL;
  {add_words}
END""",
        f"""CREATE TRIGGER "{TRIGGER_PREFIX}{t}_delete" AFTER DELETE ON "{t}"
WHEN OLD.deleted_at IS NULL
BEGIN
  INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}, rowid, body) VALUES ('delete', {old_key}, {old_body});
END""",
    ]


def search_trigger_names(conn: Connection) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ORDER BY name",
        (f"{TRIGGER_PREFIX}%",),
    ).scalars()
    return list(rows)


def drop_search_triggers(conn: Connection) -> None:
    for name in search_trigger_names(conn):
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')


def install_search_triggers(conn: Connection) -> None:
    drop_search_triggers(conn)
    for spec in SEARCHED:
        for ddl in trigger_sql(spec):
            conn.exec_driver_sql(ddl)


class BatchedSearchInserts:
    """The search index of rows inserted in bulk, kept by one statement per batch instead of
    the per-row insert triggers (see `search_inserts_batched`)."""

    def __init__(self, conn: Connection, specs: list[SearchedObject]) -> None:
        self._raw = _raw(conn)
        self._specs = specs
        self._marks = {spec.table: self._last_rowid(spec) for spec in specs}

    def _last_rowid(self, spec: SearchedObject) -> int:
        row = self._raw.execute(f'SELECT max(rowid) FROM "{spec.table}"').fetchone()
        return int(row[0] or 0)

    def catch_up(self) -> None:
        """Index the live rows inserted since the last call: their folded text and their
        vocabulary words, as the insert trigger would have. Folded here rather than by the
        SQL functions, which would pass every value through SQLite and JSON."""
        for spec in self._specs:
            mark = self._marks[spec.table]
            rows = self._raw.execute(
                f'SELECT rowid, {_values("t", spec.fields + spec.word_fields)} FROM "{spec.table}" '
                "t WHERE t.rowid > ? AND t.deleted_at IS NULL ORDER BY rowid",
                (mark,),
            ).fetchall()
            if not rows:
                continue
            width = len(spec.fields)
            self._raw.executemany(
                f"INSERT INTO {INDEX_TABLE} (rowid, body) VALUES (?, ?)",
                [(spec.first_key + row[0], fold_parts(*row[1 : width + 1])) for row in rows],
            )
            words = dict.fromkeys(w for row in rows for w in words_of(*row[width + 1 :]))
            self._raw.executemany(
                f"INSERT OR IGNORE INTO {WORDS_TABLE} (word, reversed_word) VALUES (?, ?)",
                [(word, word[::-1]) for word in words],
            )
            self._marks[spec.table] = rows[-1][0]


@contextmanager
def search_inserts_batched(
    conn: Connection, tables: Iterable[str]
) -> Iterator[BatchedSearchInserts]:
    """Drop the search insert triggers of `tables` for the block; the caller calls
    `catch_up()` after each bulk insert, and the block's end catches up and puts the
    triggers back.

    Why: the per-row trigger calls two Python functions and makes one small FTS5 insert
    per row, which costs more than the insert itself (measured: 9,600 contacts/s with the
    trigger, 20,000 with one statement per 1,000 rows). New rows are found by rowid (above
    the largest at the start), so the block must not delete rows of these tables; and it
    must catch up before it updates or deletes a row it inserted, as the update and delete
    triggers expect every live row to be indexed. It all happens in the caller's
    transaction: if the block fails the caller rolls back, which brings the triggers back.
    """
    wanted = set(tables)
    specs = [spec for spec in SEARCHED if spec.table in wanted]
    for spec in specs:
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{TRIGGER_PREFIX}{spec.table}_insert"')
    batched = BatchedSearchInserts(conn, specs)
    yield batched
    batched.catch_up()
    for spec in specs:
        conn.exec_driver_sql(trigger_sql(spec)[0])


def rebuild_search_index(conn: Connection) -> None:
    """Empty the index and the vocabulary, then index every live record again and merge the
    index into one segment. Inside the caller's transaction; about a minute per million
    records."""
    register_search_functions(_raw(conn))
    conn.exec_driver_sql(f"INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}) VALUES ('delete-all')")
    conn.exec_driver_sql(f"DELETE FROM {WORDS_TABLE}")
    for spec in SEARCHED:
        conn.exec_driver_sql(
            f"INSERT INTO {INDEX_TABLE} (rowid, body) "
            f"SELECT {spec.first_key} + rowid, crm_fold({_values('t', spec.fields)}) "
            f'FROM "{spec.table}" t WHERE t.deleted_at IS NULL ORDER BY rowid'
        )
        conn.exec_driver_sql(
            f"INSERT OR IGNORE INTO {WORDS_TABLE} (word, reversed_word) "
            "SELECT DISTINCT j.value, crm_reverse(j.value) "
            f'FROM "{spec.table}" t, json_each(crm_search_words('
            f"{_values('t', spec.word_fields)})) j WHERE t.deleted_at IS NULL"
        )
    conn.exec_driver_sql(f"INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}) VALUES ('optimize')")


def install_search_index(conn: Connection) -> None:
    """(Re)create the search triggers from `SEARCHED` and rebuild the index. Every migration
    that changes a searched table, its rowids or the folding calls this last."""
    install_search_triggers(conn)
    rebuild_search_index(conn)


def _raw(conn: Connection) -> Any:
    return conn.connection.dbapi_connection
