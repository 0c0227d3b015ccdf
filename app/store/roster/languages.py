"""Home-language names as SIS exports write them, turned into BCP 47 tags.

Exports say "Spanish", "Español", "SPA", "es-MX" or "Vietnamese"; the workspace keeps
"es", "vi"... so reports go out in the family's language.
"""

from __future__ import annotations

import re
import unicodedata

# folded name (English, the language's own name, Spanish, ISO 639-2 code) -> BCP 47
_NAMES: dict[str, str] = {}

_MULTI = {
    "tiếng việt": "vi", "tieng viet": "vi", "haitian creole": "ht", "criollo haitiano": "ht",
    "simplified chinese": "zh-Hans", "mandarin chinese": "zh-Hans", "traditional chinese": "zh-Hant",
    "k'iche'": "quc",
}

_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().lower()
    return re.sub(r"\s+", " ", text)


def _build() -> None:
    table = {
        "en": "english inglés ingles eng",
        "es": "spanish español espanol castellano spa",
        "vi": "vietnamese vietnamita vie",
        "zh": "chinese 中文 chino zho chi",
        "zh-Hans": "mandarin mandarín",
        "yue": "cantonese 廣東話 粵語 cantonés",
        "ar": "arabic العربية árabe arabe ara",
        "tl": "tagalog filipino tgl fil",
        "ko": "korean 한국어 coreano kor",
        "ru": "russian русский ruso rus",
        "fr": "french français francais francés fra fre",
        "ht": "kreyòl kreyol hat",
        "pt": "portuguese português portugues portugués por",
        "so": "somali soomaali somalí som",
        "hmn": "hmong hmoob",
        "uk": "ukrainian українська ucraniano ukr",
        "fa": "persian farsi فارسی fas per",
        "prs": "dari",
        "ps": "pashto پښتو",
        "ur": "urdu اردو urd",
        "hi": "hindi हिन्दी hin",
        "pa": "punjabi ਪੰਜਾਬੀ pan",
        "bn": "bengali bangla বাংলা ben",
        "ja": "japanese 日本語 japonés jpn",
        "de": "german deutsch alemán deu ger",
        "it": "italian italiano ita",
        "pl": "polish polski polaco pol",
        "am": "amharic አማርኛ amh",
        "ti": "tigrinya ትግርኛ tir",
        "sw": "swahili kiswahili suajili swa",
        "ne": "nepali नेपाली nep",
        "my": "burmese mya bur",
        "km": "khmer cambodian khm",
        "lo": "lao laotian",
        "th": "thai ไทย tha",
        "ga": "irish gaeilge gle",
        "da": "danish dansk dan",
        "mh": "marshallese",
        "chk": "chuukese",
        "sm": "samoan",
        "to": "tongan",
        "ml": "malayalam",
        "ta": "tamil",
        "te": "telugu",
        "gu": "gujarati",
        "mam": "mam",
        "quc": "kiche quiché",
    }
    _NAMES.clear()
    for tag, names in table.items():
        _NAMES[tag.lower()] = tag
        for name in names.split():
            _NAMES[_fold(name)] = tag
    for name, tag in _MULTI.items():
        _NAMES[_fold(name)] = tag


_build()


def language_tag(value: str) -> str | None:
    """The BCP 47 tag for a language name or code, or None if it is not recognised.

    >>> language_tag("Español"), language_tag("es-MX"), language_tag("Vietnamese")
    ('es', 'es-MX', 'vi')
    """
    folded = _fold(value)
    if not folded:
        return None
    if folded in _NAMES:
        return _NAMES[folded]
    # "Spanish (Mexico)", "Spanish - Latin America"
    head = re.split(r"[(\-/,;]", folded, maxsplit=1)[0].strip()
    if head in _NAMES and not _BCP47.match(value.strip()):
        return _NAMES[head]
    if _BCP47.match(value.strip()):
        primary, _, rest = value.strip().partition("-")
        if primary.lower() in _NAMES or len(primary) == 2:
            return primary.lower() + ("-" + rest if rest else "")
    return None
