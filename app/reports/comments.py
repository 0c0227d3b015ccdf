"""The comment bank: phrases with the student's name and pronouns filled in.

A phrase uses ``{name}`` (the preferred first name) and pronoun placeholders ``{they}``,
``{them}``, ``{their}``, ``{theirs}``, ``{themselves}`` — capitalised (``{They}``) at the
start of a sentence — plus verbs that agree: ``{is}``, ``{has}``, ``{was}``, ``{does}``
("she is", "they are"). Any other verb agrees through a ``{singular/plural}`` pair:
``{They} {asks/ask} good questions`` gives "She asks" and "They ask". Unknown placeholders
are left as typed, so a typo shows up in the preview instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass


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


def pronoun_set(pronouns: str) -> PronounSet:
    """'she/her' -> she; empty or unknown -> they (never guessed from the name)."""
    first = pronouns.strip().lower().split("/")[0].strip() if pronouns else ""
    return PRONOUNS.get(first, PRONOUNS["they"])


class _Keep(dict[str, str]):
    """Leaves unknown placeholders as typed; resolves ``{singular/plural}`` verb pairs."""

    def __init__(self, values: dict[str, str], plural: bool) -> None:
        super().__init__(values)
        self.plural = plural

    def __missing__(self, key: str) -> str:
        singular, slash, plural = key.partition("/")
        if slash and singular and plural and "/" not in plural:
            return plural if self.plural else singular
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
    for key in ("they", "them", "their", "theirs", "themselves"):
        values[key.capitalize()] = values[key][:1].upper() + values[key][1:]
    try:
        return template.format_map(_Keep(values, p.plural_verbs))
    except (ValueError, IndexError):
        return template  # stray braces: print the phrase as typed


DEFAULT_BANK: tuple[tuple[str, str], ...] = (
    ("Strengths", "{name} is a thoughtful contributor to class discussions."),
    ("Strengths", "{name} consistently completes {their} work carefully and on time."),
    ("Strengths", "{name} is curious, and {they} {asks/ask} excellent questions."),
    ("Growth", "{name} would benefit from reviewing {their} notes before each quiz."),
    ("Growth", "Please encourage {name} to turn in missing assignments; {they} can still earn credit."),
    ("Growth", "{name} is working hard on organizing {their} time."),
    ("Next steps", "I look forward to seeing {name} build on {their} progress next term."),
)


# Phrases earlier versions seeded, and what replaces them. Only rows still exactly as
# seeded are updated, so a phrase a teacher edited is never touched.
RETIRED_DEFAULTS: dict[str, str] = {
    "{They} {is} curious and asks excellent questions.":
        "{name} is curious, and {they} {asks/ask} excellent questions.",
    "{name} is working hard on organising {their} time.":
        "{name} is working hard on organizing {their} time.",
}
