"""The Spanish catalogs say the same thing the same way (docs/glossary-es.md).

Every Spanish catalog, the app's (.ts), the core's (core.po) and the family documents
(reports.po, conferences.po), is read as (English, Spanish)
pairs. A pair whose English has a glossary term must not use a rendering the glossary
lists under *Avoid*; no translation uses *tú*; common words keep their accents; and no
translation is the English text left as it was while it has ordinary English words.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = ROOT / "docs" / "glossary-es.md"
TS = ROOT / "assets" / "translations" / "qt" / "teacherdesk_es.ts"
PO_DIR = ROOT / "assets" / "translations" / "es" / "LC_MESSAGES"  # core.po, reports.po, conferences.po

# Code, syntax and names a translation keeps as they are: placeholders, --flags, file
# names, KEY=VALUE syntax, column names in a user's CSV.
_NOT_WORDS = re.compile(r"\{[^{}]*\}|%\d+|%n|%\(\w+\)[sdr]|%[sdr]\b|--[\w-]+|\b[\w.-]+\.(?:csv|ics|fet|pdf|json|po|ts|xlsx|zip|txt)\b"
                        r"|'[^']*'|\"[^\"]*\"|\b[A-Z_]{2,}\b|\b\w+_\w+\b|\b\w+\.\w+\b|teacherdesk [\w -]+")


@dataclass(frozen=True)
class Pair:
    english: str
    spanish: str
    where: str

    def text(self) -> str:
        """The Spanish with code, names and syntax taken out."""
        return _NOT_WORDS.sub(" ", self.spanish)

    def english_text(self) -> str:
        return _NOT_WORDS.sub(" ", self.english)


def _ts_pairs() -> list[Pair]:
    pairs = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            if tr is None or tr.get("type") in ("obsolete", "vanished"):
                continue
            forms = [n.text or "" for n in tr.iter("numerusform")] or [tr.text or ""]
            for form in forms:
                if form:
                    pairs.append(Pair(m.findtext("source") or "", form, f"qt [{name}]"))
    return pairs


def _po_pairs() -> list[Pair]:
    from babel.messages.pofile import read_po

    pairs = []
    for po in sorted(PO_DIR.glob("*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh, locale="es", domain=po.stem)
        for msg in catalog:
            if not msg.id or not msg.string:
                continue
            ids = msg.id if isinstance(msg.id, tuple | list) else (msg.id,)
            strings = msg.string if isinstance(msg.string, tuple | list) else (msg.string,)
            for i, s in enumerate(strings):
                if s:
                    pairs.append(Pair(ids[min(i, len(ids) - 1)], s, po.name))
    return pairs


PAIRS = _ts_pairs() + _po_pairs()


@dataclass(frozen=True)
class Term:
    english: tuple[str, ...]
    spanish: tuple[str, ...]
    avoid: tuple[str, ...]


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def glossary() -> list[Term]:
    terms = []
    in_table = False
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_table = line.strip() == "## Terms"
            continue
        if not in_table or not line.startswith("|") or line.startswith("| ---") or line.startswith("| English"):
            continue
        cells = _cells(line)
        split = lambda cell: tuple(w.strip() for w in cell.split(",") if w.strip())  # noqa: E731
        terms.append(Term(split(cells[0]), split(cells[1]), split(cells[2])))
    return terms


TERMS = glossary()


def _has(text: str, phrase: str, *, english: bool = False) -> bool:
    """``phrase`` as a whole word or phrase, singular or plural."""
    ending = r"(?:s|es)?"
    return re.search(rf"(?<![\w-]){re.escape(phrase)}{ending}(?![\w-])", text, re.IGNORECASE) is not None


def test_the_glossary_is_read() -> None:
    assert len(TERMS) >= 25
    assert any(t.english[0] == "student" and "alumno" in t.avoid for t in TERMS)
    assert len(PAIRS) > 1500


# English texts where an avoided word is right, with the reason.
ALLOWED: dict[str, str] = {
    "Terms (semesters, quarters)": "names semesters and quarters as examples of terms",
    "A term needs a name, e.g. Fall or Quarter 1.": "Quarter 1 is an example name: Trimestre 1",
    # On the progress report "period" is the grading period, a term: periodo.
    "Period {period}": "the report's grading period (a term)",
    "No classes in this period.": "the report's grading period (a term)",
    "Progress over the period": "the report's grading period (a term)",
}


def _renders_another_term(word: str, english: str) -> bool:
    """'nota' in "Note on a score": the glossary's word for another term of the English."""
    return any(word.lower() in (s.lower() for s in other.spanish)
               and any(_has(english, e, english=True) for e in other.english) for other in TERMS)


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.english[0])
def test_key_terms_use_the_glossary_rendering(term: Term) -> None:
    wrong = []
    for pair in PAIRS:
        english = pair.english_text()
        if pair.english in ALLOWED or not any(_has(english, e, english=True) for e in term.english):
            continue
        used = [a for a in term.avoid if _has(pair.text(), a) and not _renders_another_term(a, english)]
        if used:
            wrong.append(f"{pair.where} {pair.english!r}\n    -> {pair.spanish!r} (uses {used[0]!r}; "
                         f"glossary: {', '.join(term.spanish)})")
    assert not wrong, f"{len(wrong)} translation(s) off the glossary:\n" + "\n".join(wrong[:30])


# Second person singular: pronouns, possessives and verb forms that can only be tú.
TU = re.compile(r"(?<!\w)(tú|tu|tus|ti|contigo|tuyo|tuya|tuyos|tuyas|puedes|tienes|quieres|debes|necesitas|"
                r"estás|sabes|haces|verás|asegúrate|fíjate|olvídate|acuérdate)(?!\w)", re.IGNORECASE)


def test_the_app_says_usted_never_tu() -> None:
    found = [f"{p.where} {p.spanish!r}" for p in PAIRS if TU.search(p.text())]
    assert not found, "tú forms (the app says usted):\n" + "\n".join(found[:30])


# Words Spanish writes with an accent, as they look without it.
ACCENTED = {
    "revision": "revisión", "pagina": "página", "paginas": "páginas", "calificacion": "calificación",
    "informacion": "información", "configuracion": "configuración", "direccion": "dirección",
    "opcion": "opción", "seccion": "sección", "sesion": "sesión", "numero": "número", "numeros": "números",
    "telefono": "teléfono", "codigo": "código", "electronico": "electrónico", "tambien": "también",
    "aqui": "aquí", "despues": "después", "ultimo": "último", "ultima": "última", "automaticamente":
    "automáticamente", "examenes": "exámenes", "version": "versión", "dia": "día", "dias": "días",
    "asi": "así", "todavia": "todavía", "aun": None, "salon": "salón", "area": "área", "estan": "están",
    "esta": None, "minimo": "mínimo", "maximo": "máximo", "publico": "público", "practica": None,
    "linea": "línea", "lineas": "líneas", "ingles": "inglés", "espanol": "español", "proximo": "próximo",
    "periodo": None, "clave": None, "imagenes": "imágenes", "rapido": "rápido", "valido": "válido",
    "invalido": "inválido", "vacio": "vacío", "creditos": "créditos", "credito": "crédito",
    "podria": "podría", "deberia": "debería", "aplicacion": "aplicación", "cancelacion": "cancelación",
    "ortografia": "ortografía", "categoria": "categoría", "categorias": "categorías", "genero": "género",
    "asistencia": None, "estadisticas": "estadísticas", "analisis": "análisis", "razon": "razón",
}


def test_common_words_keep_their_accents() -> None:
    wrong = []
    for pair in PAIRS:
        for word in re.findall(r"[a-zñ]+", pair.text().lower()):
            if ACCENTED.get(word):
                wrong.append(f"{pair.where} {pair.spanish!r}: {word!r} -> {ACCENTED[word]!r}")
    assert not wrong, "\n".join(wrong[:30])


# Words that read the same in both languages, or are names: an identical translation is right.
SAME_IN_SPANISH = {"error", "id", "pdf", "utc", "min", "icalendar", "ics", "csv", "excel", "total", "email",
                   "oneroster", "canvas", "google", "classroom", "fet", "qr", "teacherdesk", "sis", "ok", "aruco"}


def test_no_english_text_left_as_its_own_translation() -> None:
    left = []
    for pair in PAIRS:
        if pair.spanish != pair.english:
            continue
        words = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", pair.english_text())}
        if words - SAME_IN_SPANISH:
            left.append(f"{pair.where} {pair.english!r}")
    assert not left, "English left untranslated:\n" + "\n".join(left)
