"""Messages saved in the database, shown in today's language.

A review reason written with a scan ("faint mark; darker than the others") or a note in
an older row was stored as a sentence in the language of that day. ``localized(text)``
finds which core message it was — in any language that has a ``core.po`` — by turning
every catalog message into a pattern (each ``{placeholder}`` matches any text), reads the
values back, and renders the message in the current language with the same values.
Values that are themselves messages (a reason inside a reason) are translated too.
Text no catalog message matches (a teacher's own words, a newer version's message) is
shown as stored.

New rows are stored language-independently: ``for_storage(text)`` writes a message just
made in the user's language as the catalog's English message (the key) with its values,
so the database never depends on the language of the day. ``message_key(text)`` gives
the same match as data (``{"msgid": ..., "values": ...}``); ``render_key`` shows such a
key in the current language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.core.i18n import CORE_DOMAIN, _, get_language, ngettext, translations_dir

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:![rsa])?(?::[^{}]*)?\}")
# A pattern must have this many letters outside its placeholders, or "{kind}: {counts}"
# would claim any text with a colon in it.
MIN_LETTERS = 6
MAX_DEPTH = 2


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    msgid: str  # the English message (singular for a plural one)
    plural: str | None
    names: tuple[str, ...]
    weight: int  # letters outside placeholders: the more, the more specific
    needle: str  # the longest literal part: a text without it cannot match (cheap test first)


def _compile(text: str) -> tuple[re.Pattern[str], tuple[str, ...], int, str] | None:
    parts: list[str] = []
    names: list[str] = []
    pos = 0
    literal = ""
    chunks: list[str] = []
    for m in _PLACEHOLDER.finditer(text):
        chunk = text[pos:m.start()].replace("{{", "{").replace("}}", "}")
        chunks.append(chunk)
        literal += chunk
        parts.append(re.escape(chunk))
        name = m.group(1)
        parts.append(f"(?P={name})" if name in names else f"(?P<{name}>.+?)")
        if name not in names:
            names.append(name)
        pos = m.end()
    tail = text[pos:].replace("{{", "{").replace("}}", "}")
    chunks.append(tail)
    literal += tail
    parts.append(re.escape(tail))
    letters = sum(ch.isalpha() for ch in literal)
    if letters < MIN_LETTERS:
        return None
    return re.compile("".join(parts), re.DOTALL), tuple(names), letters, max(chunks, key=len)


def _catalog_entries() -> list[tuple[str, str | None, list[str]]]:
    """(msgid, plural msgid, every text that means it: English and each translation)."""
    from babel.messages.pofile import read_po

    entries: dict[str, tuple[str, str | None, list[str]]] = {}
    for po in sorted(translations_dir().glob(f"*/LC_MESSAGES/{CORE_DOMAIN}.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name, domain=CORE_DOMAIN)
        for msg in catalog:
            if not msg.id:
                continue
            ids = [str(i) for i in (msg.id if isinstance(msg.id, tuple | list) else (msg.id,))]
            raw = msg.string if isinstance(msg.string, tuple | list) else (msg.string,)
            strings = [str(s) for s in raw if s]
            key = ids[0]
            entry = entries.setdefault(key, (key, ids[1] if len(ids) > 1 else None, list(ids)))
            if "fuzzy" not in msg.flags:
                entry[2].extend(s for s in strings if s)
    return list(entries.values())


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, str], tuple[_Pattern, ...]]:
    exact: dict[str, str] = {}
    patterns: list[_Pattern] = []
    for msgid, plural, texts in _catalog_entries():
        for text in dict.fromkeys(t.strip() for t in texts):
            if not _PLACEHOLDER.search(text):
                exact.setdefault(text.replace("{{", "{").replace("}}", "}"), msgid)
                continue
            compiled = _compile(text)
            if compiled is not None:
                regex, names, weight, needle = compiled
                patterns.append(_Pattern(regex, msgid, plural, names, weight, needle))
    patterns.sort(key=lambda p: -p.weight)
    return exact, tuple(patterns)


def message_key(text: str) -> dict[str, Any] | None:
    """The catalog message ``text`` is, as ``{"msgid", "plural", "values"}``; None if none."""
    exact, patterns = _patterns()
    stripped = text.strip()
    if stripped in exact:
        return {"msgid": exact[stripped], "plural": None, "values": {}}
    for p in patterns:
        if p.needle not in stripped:
            continue
        m = p.regex.fullmatch(stripped)
        if m:
            return {"msgid": p.msgid, "plural": p.plural, "values": m.groupdict()}
    return None


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Put the stored values in, as text: a stored '3.5' keeps its form whatever the spec."""
    def one(m: re.Match[str]) -> str:
        return str(values.get(m.group(1), m.group(0)))

    return _PLACEHOLDER.sub(one, template).replace("{{", "{").replace("}}", "}")


def _count(values: Mapping[str, str]) -> int:
    for name in ("n", "count"):
        raw = str(values.get(name, "")).replace(",", "").replace(".", "")
        if raw.isdigit():
            return int(raw)
    return 1


def render_key(key: Mapping[str, Any], depth: int = 0, *, english: bool = False) -> str:
    """A stored ``message_key`` in the current language (or in the catalog's English)."""
    values = {name: _convert(str(v), depth + 1, english) for name, v in (key.get("values") or {}).items()}
    plural = key.get("plural")
    if english:
        template = plural if plural and _count(values) != 1 else key["msgid"]
    else:
        template = ngettext(key["msgid"], plural, _count(values)) if plural else _(key["msgid"])
    return _fill(template.strip(), values)


def _convert(text: str, depth: int, english: bool = False) -> str:
    if depth > MAX_DEPTH or not text or not any(ch.isalpha() for ch in text):
        return text
    parts = text.strip().split("; ")
    if len(parts) > 1 and all(message_key(part) for part in parts):  # several reasons joined
        return "; ".join(_convert(part, depth + 1, english) for part in parts)
    key = message_key(text)
    if key is None:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return lead + render_key(key, depth, english=english) + trail


def _localized(text: str, depth: int) -> str:
    return _convert(text, depth)


def for_storage(text: str | None) -> str:
    """``text`` (a message just made, in the current language) as it is stored: the catalog's
    English message — its key — with the values filled in, whatever language the user has.

    Display (``localized``) turns it into the reader's language; text that is no catalog
    message (a teacher's own words) is stored as it is.
    """
    if not text:
        return text or ""
    return _convert(text, 0, english=True)


@lru_cache(maxsize=4096)
def _cached(text: str, language: str) -> str:
    return _localized(text, 0)


def localized(text: str | None) -> str:
    """Stored message ``text`` (any catalog language) in the current language; other text as is."""
    if not text:
        return text or ""
    return _cached(text, get_language())


def localized_list(texts: list[str] | tuple[str, ...]) -> list[str]:
    return [localized(t) for t in texts]


def reset_cache() -> None:
    """For tests that change a catalog on disk."""
    _patterns.cache_clear()
    _cached.cache_clear()
