"""The comment bank: phrases with the student's name and pronouns filled in.

A phrase uses ``{name}`` (the preferred first name) and pronoun placeholders ``{they}``,
``{them}``, ``{their}``, ``{theirs}``, ``{themselves}`` — capitalised (``{They}``) at the
start of a sentence — plus verbs that agree: ``{is}``, ``{has}``, ``{was}``, ``{does}``
("she is", "they are"). Any other verb agrees through a ``{singular/plural}`` pair:
``{They} {asks/ask} good questions`` gives "She asks" and "They ask". Unknown placeholders
are left as typed, so a typo shows up in the preview instead of raising.

Spanish phrases use ``{él}``/``{Él}`` (él, ella, elle) and ``{lo}`` (lo, la, le) and, for a
word that would otherwise be gendered, a triple ``{masculine/feminine/neutral}``:
``{name} es muy {trabajador/trabajadora/constante}`` (he, she, anyone else). The phrases we
ship avoid gendered words where Spanish allows it ("tiene mucha curiosidad", not
"es curioso").

Each phrase has a language, and a ``key`` shared by its versions in other languages. The
gradebook inserts a phrase filled in for the student; when a family's report is built in
another language, :func:`comment_for_language` finds every bank phrase in the comment and
swaps in its version in the family's language. A bank phrase with no version in that
language is left out of the family's copy and reported to the teacher (the report set's
``untranslated_comments``): a Spanish report never prints English bank text. What the
teacher typed by hand prints as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PronounSet:
    they: str
    them: str
    their: str
    theirs: str
    themselves: str
    plural_verbs: bool


PRONOUNS: dict[str, PronounSet] = {
    "she": PronounSet("she", "her", "her", "hers", "herself", False),
    "he": PronounSet("he", "him", "his", "his", "himself", False),
    "they": PronounSet("they", "them", "their", "theirs", "themselves", True),
    "ze": PronounSet("ze", "zir", "zir", "zirs", "zirself", False),
    "xe": PronounSet("xe", "xem", "xyr", "xyrs", "xemself", False),
}


@dataclass(frozen=True)
class SpanishPronouns:
    el: str  # subject: él / ella / elle
    lo: str  # direct object: lo / la / le
    gender: int  # 0 masculine, 1 feminine, 2 neutral (for {m/f/n} triples)


SPANISH: dict[str, SpanishPronouns] = {
    "he": SpanishPronouns("él", "lo", 0),
    "she": SpanishPronouns("ella", "la", 1),
}
SPANISH_NEUTRAL = SpanishPronouns("elle", "le", 2)


def spanish_pronouns(pronouns: str) -> SpanishPronouns:
    """he -> él, she -> ella; they, ze, xe, empty or unknown -> neutral (elle)."""
    first = pronouns.strip().lower().split("/")[0].strip() if pronouns else ""
    return SPANISH.get(first, SPANISH_NEUTRAL)


def pronoun_set(pronouns: str) -> PronounSet:
    """'she/her' -> she; empty or unknown -> they (never guessed from the name)."""
    first = pronouns.strip().lower().split("/")[0].strip() if pronouns else ""
    return PRONOUNS.get(first, PRONOUNS["they"])


class _Keep(dict[str, str]):
    """Leaves unknown placeholders as typed; resolves ``{singular/plural}`` verb pairs."""

    def __init__(self, values: dict[str, str], plural: bool, gender: int) -> None:
        super().__init__(values)
        self.plural = plural
        self.gender = gender

    def __missing__(self, key: str) -> str:
        forms = key.split("/")
        if all(forms) and len(forms) == 2:
            return forms[1] if self.plural else forms[0]
        if all(forms) and len(forms) == 3:
            return forms[self.gender]
        return "{" + key + "}"


def fill_comment(template: str, first_name: str, pronouns: str = "") -> str:
    p = pronoun_set(pronouns)
    values = {
        "name": first_name,
        "they": p.they,
        "them": p.them,
        "their": p.their,
        "theirs": p.theirs,
        "themselves": p.themselves,
        "is": "are" if p.plural_verbs else "is",
        "has": "have" if p.plural_verbs else "has",
        "was": "were" if p.plural_verbs else "was",
        "does": "do" if p.plural_verbs else "does",
    }
    es = spanish_pronouns(pronouns)
    values.update({"él": es.el, "lo": es.lo})
    for key in ("they", "them", "their", "theirs", "themselves", "él"):
        values[key.capitalize()] = values[key][:1].upper() + values[key][1:]
    try:
        return template.format_map(_Keep(values, p.plural_verbs, es.gender))
    except (ValueError, IndexError):
        return template  # stray braces: print the phrase as typed


@dataclass(frozen=True)
class BankPhrase:
    """One phrase of the bank in one language; ``key`` links its versions in other languages."""

    text: str
    language: str = "en"
    key: str | None = None
    category: str = ""


# The phrases a new workspace starts with: key -> language -> (category, text).
DEFAULT_PHRASES: dict[str, dict[str, tuple[str, str]]] = {
    "strength.discussion": {
        "en": ("Strengths", "{name} is a thoughtful contributor to class discussions."),
        "es": ("Fortalezas", "{name} aporta ideas valiosas a las conversaciones de la clase."),
    },
    "strength.careful": {
        "en": ("Strengths", "{name} consistently completes {their} work carefully and on time."),
        "es": ("Fortalezas", "{name} completa su trabajo con cuidado y a tiempo, de forma constante."),
    },
    "strength.curious": {
        "en": ("Strengths", "{name} is curious, and {they} {asks/ask} excellent questions."),
        "es": ("Fortalezas", "{name} tiene mucha curiosidad y hace preguntas excelentes."),
    },
    "growth.notes": {
        "en": ("Growth", "{name} would benefit from reviewing {their} notes before each quiz."),
        "es": ("Para mejorar", "A {name} le ayudaría repasar sus apuntes antes de cada prueba."),
    },
    "growth.missing": {
        "en": ("Growth", "Please encourage {name} to turn in missing assignments; {they} can still earn credit."),
        "es": ("Para mejorar", "Por favor, anime a {name} a entregar los trabajos pendientes; todavía puede recibir crédito por ellos."),
    },
    "growth.time": {
        "en": ("Growth", "{name} is working hard on organizing {their} time."),
        "es": ("Para mejorar", "{name} se está esforzando por organizar mejor su tiempo."),
    },
    "next.progress": {
        "en": ("Next steps", "I look forward to seeing {name} build on {their} progress next term."),
        "es": ("Próximos pasos", "Espero que {name} siga avanzando a partir de su progreso el próximo periodo."),
    },
}

DEFAULT_BANK: tuple[tuple[str, str], ...] = tuple(v["en"] for v in DEFAULT_PHRASES.values())
"""The US English phrases (category, text), in the order shown."""


def default_bank(language: str) -> list[BankPhrase]:
    """The shipped phrases in ``language`` (empty for a language we ship none in)."""
    lang = _lang(language)
    return [BankPhrase(text, lang, key, cat) for key, versions in DEFAULT_PHRASES.items()
            for cat, text in [versions[lang]] if lang in versions]


def _lang(tag: str | None) -> str:
    return (tag or "en").replace("_", "-").split("-")[0].lower() or "en"


@dataclass
class LocalizedComment:
    text: str
    untranslated: list[str] = field(default_factory=list)  # bank phrases left out, as filled in


def comment_for_language(
    comment: str, bank: Iterable[BankPhrase], first_name: str, pronouns: str, language: str
) -> LocalizedComment:
    """``comment`` for a family reading ``language``: each bank phrase found in it (as filled
    in for this student) becomes its version in ``language``; one without such a version is
    left out and listed in ``untranslated``. Text the teacher typed is kept as written."""
    target = _lang(language)
    phrases = [p for p in bank if p.text.strip()]
    versions = {p.key: p for p in phrases if p.key and _lang(p.language) == target}
    foreign = [p for p in phrases if _lang(p.language) != target]
    found = sorted(((fill_comment(p.text, first_name, pronouns), p) for p in foreign),
                   key=lambda fp: -len(fp[0]))
    text = comment
    untranslated: list[str] = []
    for filled, phrase in found:
        if not filled or filled not in text:
            continue
        other = versions.get(phrase.key) if phrase.key else None
        if other is not None:
            text = text.replace(filled, fill_comment(other.text, first_name, pronouns))
        else:
            text = text.replace(filled, "")
            untranslated.append(filled)
    if untranslated:
        text = " ".join(text.split())
    return LocalizedComment(text, untranslated)


def bank_languages(bank: Sequence[BankPhrase]) -> set[str]:
    return {_lang(p.language) for p in bank}


# Phrases earlier versions seeded, and what replaces them. Only rows still exactly as
# seeded are updated, so a phrase a teacher edited is never touched.
RETIRED_DEFAULTS: dict[str, str] = {
    "{They} {is} curious and asks excellent questions.":
        "{name} is curious, and {they} {asks/ask} excellent questions.",
    "{name} is working hard on organising {their} time.":
        "{name} is working hard on organizing {their} time.",
}
