"""The comment bank: phrases with the student's name and pronouns filled in.

A phrase uses ``{name}`` (the preferred first name) and pronoun placeholders ``{they}``,
``{them}``, ``{their}``, ``{theirs}``, ``{themselves}`` — capitalised (``{They}``) at the
start of a sentence — plus verbs that agree: ``{is}``, ``{has}``, ``{was}``, ``{does}``
("she is", "they are"). Unknown placeholders are left as typed, so a typo shows up in
the preview instead of raising.
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
    def __missing__(self, key: str) -> str:
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
        return template.format_map(_Keep(values))
    except (ValueError, IndexError):
        return template  # stray braces: print the phrase as typed


DEFAULT_BANK: tuple[tuple[str, str], ...] = (
    ("Strengths", "{name} is a thoughtful contributor to class discussions."),
    ("Strengths", "{name} consistently completes {their} work carefully and on time."),
    ("Strengths", "{They} {is} curious and asks excellent questions."),
    ("Growth", "{name} would benefit from reviewing {their} notes before each quiz."),
    ("Growth", "Please encourage {name} to turn in missing assignments; {they} can still earn credit."),
    ("Growth", "{name} is working hard on organising {their} time."),
    ("Next steps", "I look forward to seeing {name} build on {their} progress next term."),
)
