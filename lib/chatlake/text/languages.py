"""Language names, as the released `language` column holds them, to fastText lid.176 codes.

The dataset's `language` column was filled by polyglot (CLD2 underneath) with English language
*names* (`English`, `Portuguese`, `unknown`); fastText lid.176 emits *codes* (`en`, `pt`, `ceb`).
Comparing the two needs this map. Codes are exactly lid.176's labels without `__label__`: mostly
ISO 639-1, some ISO 639-3 (`ceb`, `war`, `yue`) and a few Wikipedia codes (`als` = Alemannic,
`sh` = Serbo-Croatian, `bh` = Bihari). Never truncate or widen them: `ceb` is not `ce`, `en` is
not `eng`.

What the map holds:
- every one of lid.176's 176 labels, under a canonical English name (the CLDR name that
  `babel.Locale("en").languages` gives, else the Wikipedia name; `code_to_name` returns it) and
  under common alternative names (`Bengali`/`Bangla`, `Farsi`, `Filipino`, `Sinhalese`, ...);
- the CLD2 spellings polyglot can pass through (`ChineseT`, `NORWEGIAN_N`, `SCOTS_GAELIC`,
  `LAOTHIAN`, `WARAY_PHILIPPINES`, ...);
- languages CLD2 knows but lid.176 cannot emit (Zulu, Hausa, Maori, Faroese, ...), mapped to their
  ISO 639 code so they stay distinguishable; `is_lid176_code` tells them apart;
- `unknown` and CLD2's placeholders, mapped to `und`.

Lookup ignores case, accents, `_`/`-` versus space and repeated spaces (`NORWEGIAN_N`,
`norwegian n`, `Volapuk` and `Volapük` all match). A name with a parenthesised qualifier that is
not itself listed falls back to the part before the parenthesis (`Portuguese (Brazil)` -> `pt`).
Anything else is `und`; `unmapped_names` lists such names so a run can report them.
`names_to_codes` maps a whole Arrow array of names (enrichment's `language_code`, in its UDF).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import pyarrow as pa
import pyarrow.compute as pc

UNDETERMINED = "und"

# lid.176's labels in the model's own order (most frequent in its training data first), without the
# `__label__` prefix. tests/text/test_languages.py checks this against the shipped model file.
LID176_CODES: tuple[str, ...] = tuple(
    """
    en ru de fr it ja es ceb tr pt uk eo pl sv nl he zh hu ar ca fi cs fa sr el vi bg ko no mk ro
    id th hy da ta hi hr sh be ka te kk war lt gl sk bn eu sl kn ml mr et az ms sq la bs nn ur lv
    my tt af oc nds ky ast tl is ia si gu km br ba uz bo pa vo als ne cy jbo fy mn lb ce ug tg sco
    sa cv jv min io or as new ga mg an ckb sw bar lmo yi arz mhr azb sah pnb su bpy pms ilo wuu
    ku ps ie xmf yue gom li mwl kw sd hsb scn gd pam bh mai vec mt dv wa mzn am qu eml cbk tk rm
    os vls yo lo lez so myv diq mrj dsb frr ht gn bxr kv sc nah krc bcl nap gv av rue xal pfl dty
    hif co lrc vep tyv
    """.split()
)

# Canonical English name of every lid.176 code: CLDR's where CLDR has one, else Wikipedia's.
_LID176_NAMES: dict[str, str] = {
    "af": "Afrikaans",
    "als": "Alemannic",
    "am": "Amharic",
    "an": "Aragonese",
    "ar": "Arabic",
    "arz": "Egyptian Arabic",
    "as": "Assamese",
    "ast": "Asturian",
    "av": "Avaric",
    "az": "Azerbaijani",
    "azb": "South Azerbaijani",
    "ba": "Bashkir",
    "bar": "Bavarian",
    "bcl": "Central Bikol",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "bh": "Bihari",
    "bn": "Bangla",
    "bo": "Tibetan",
    "bpy": "Bishnupriya",
    "br": "Breton",
    "bs": "Bosnian",
    "bxr": "Russia Buriat",
    "ca": "Catalan",
    "cbk": "Chavacano",
    "ce": "Chechen",
    "ceb": "Cebuano",
    "ckb": "Central Kurdish",
    "co": "Corsican",
    "cs": "Czech",
    "cv": "Chuvash",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "diq": "Dimli",
    "dsb": "Lower Sorbian",
    "dty": "Doteli",
    "dv": "Divehi",
    "el": "Greek",
    "eml": "Emiliano-Romagnolo",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "frr": "Northern Frisian",
    "fy": "Western Frisian",
    "ga": "Irish",
    "gd": "Scottish Gaelic",
    "gl": "Galician",
    "gn": "Guarani",
    "gom": "Goan Konkani",
    "gu": "Gujarati",
    "gv": "Manx",
    "he": "Hebrew",
    "hi": "Hindi",
    "hif": "Fiji Hindi",
    "hr": "Croatian",
    "hsb": "Upper Sorbian",
    "ht": "Haitian Creole",
    "hu": "Hungarian",
    "hy": "Armenian",
    "ia": "Interlingua",
    "id": "Indonesian",
    "ie": "Interlingue",
    "ilo": "Iloko",
    "io": "Ido",
    "is": "Icelandic",
    "it": "Italian",
    "ja": "Japanese",
    "jbo": "Lojban",
    "jv": "Javanese",
    "ka": "Georgian",
    "kk": "Kazakh",
    "km": "Khmer",
    "kn": "Kannada",
    "ko": "Korean",
    "krc": "Karachay-Balkar",
    "ku": "Kurdish",
    "kv": "Komi",
    "kw": "Cornish",
    "ky": "Kyrgyz",
    "la": "Latin",
    "lb": "Luxembourgish",
    "lez": "Lezghian",
    "li": "Limburgish",
    "lmo": "Lombard",
    "lo": "Lao",
    "lrc": "Northern Luri",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mai": "Maithili",
    "mg": "Malagasy",
    "mhr": "Eastern Mari",
    "min": "Minangkabau",
    "mk": "Macedonian",
    "ml": "Malayalam",
    "mn": "Mongolian",
    "mr": "Marathi",
    "mrj": "Western Mari",
    "ms": "Malay",
    "mt": "Maltese",
    "mwl": "Mirandese",
    "my": "Burmese",
    "myv": "Erzya",
    "mzn": "Mazanderani",
    "nah": "Nahuatl",
    "nap": "Neapolitan",
    "nds": "Low German",
    "ne": "Nepali",
    "new": "Newari",
    "nl": "Dutch",
    "nn": "Norwegian Nynorsk",
    "no": "Norwegian",
    "oc": "Occitan",
    "or": "Odia",
    "os": "Ossetic",
    "pa": "Punjabi",
    "pam": "Pampanga",
    "pfl": "Palatine German",
    "pl": "Polish",
    "pms": "Piedmontese",
    "pnb": "Western Punjabi",
    "ps": "Pashto",
    "pt": "Portuguese",
    "qu": "Quechua",
    "rm": "Romansh",
    "ro": "Romanian",
    "ru": "Russian",
    "rue": "Rusyn",
    "sa": "Sanskrit",
    "sah": "Yakut",
    "sc": "Sardinian",
    "scn": "Sicilian",
    "sco": "Scots",
    "sd": "Sindhi",
    "sh": "Serbo-Croatian",
    "si": "Sinhala",
    "sk": "Slovak",
    "sl": "Slovenian",
    "so": "Somali",
    "sq": "Albanian",
    "sr": "Serbian",
    "su": "Sundanese",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "tg": "Tajik",
    "th": "Thai",
    "tk": "Turkmen",
    "tl": "Tagalog",
    "tr": "Turkish",
    "tt": "Tatar",
    "tyv": "Tuvinian",
    "ug": "Uyghur",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "vec": "Venetian",
    "vep": "Veps",
    "vi": "Vietnamese",
    "vls": "West Flemish",
    "vo": "Volapük",
    "wa": "Walloon",
    "war": "Waray",
    "wuu": "Wu Chinese",
    "xal": "Kalmyk",
    "xmf": "Mingrelian",
    "yi": "Yiddish",
    "yo": "Yoruba",
    "yue": "Cantonese",
    "zh": "Chinese",
}

# Languages CLD2 (and so the released column) can name but lid.176 never emits. They keep their
# own ISO 639 code rather than `und`: a Zulu conversation is not of unknown language, the detector
# just cannot say Zulu.
_OTHER_NAMES: dict[str, str] = {
    "aa": "Afar",
    "ab": "Abkhazian",
    "ak": "Akan",
    "ay": "Aymara",
    "bi": "Bislama",
    "chr": "Cherokee",
    "crs": "Seselwa Creole French",
    "dz": "Dzongkha",
    "ee": "Ewe",
    "fj": "Fijian",
    "fo": "Faroese",
    "gaa": "Ga",
    "ha": "Hausa",
    "haw": "Hawaiian",
    "hmn": "Hmong",
    "ig": "Igbo",
    "ik": "Inupiaq",
    "iu": "Inuktitut",
    "kha": "Khasi",
    "kl": "Kalaallisut",
    "kri": "Krio",
    "ks": "Kashmiri",
    "lg": "Ganda",
    "lif": "Limbu",
    "ln": "Lingala",
    "loz": "Lozi",
    "lua": "Luba-Lulua",
    "luo": "Luo",
    "mfe": "Morisyen",
    "mi": "Maori",
    "na": "Nauru",
    "nso": "Northern Sotho",
    "ny": "Nyanja",
    "om": "Oromo",
    "raj": "Rajasthani",
    "rn": "Rundi",
    "rw": "Kinyarwanda",
    "sg": "Sango",
    "sm": "Samoan",
    "sn": "Shona",
    "ss": "Swati",
    "st": "Southern Sotho",
    "syr": "Syriac",
    "ti": "Tigrinya",
    "tlh": "Klingon",
    "tn": "Tswana",
    "to": "Tongan",
    "ts": "Tsonga",
    "tum": "Tumbuka",
    "tw": "Twi",
    "ve": "Venda",
    "wo": "Wolof",
    "xh": "Xhosa",
    "za": "Zhuang",
    "zu": "Zulu",
}

# Other names for the same codes: older or ICU spellings, CLD2's upper-case names where they differ
# from the canonical one after normalisation, endonym-like English variants, macro-language names.
_ALIASES: dict[str, str] = {
    # undetermined: the released column's value and CLD2's placeholders
    "unknown": UNDETERMINED,
    "Unknown language": UNDETERMINED,
    "undetermined": UNDETERMINED,
    "un": UNDETERMINED,
    "und": UNDETERMINED,
    "Ignore": UNDETERMINED,
    "TG_UNKNOWN_LANGUAGE": UNDETERMINED,
    "X_BORK_BORK_BORK": UNDETERMINED,
    "X_PIG_LATIN": UNDETERMINED,
    "X_HACKER": UNDETERMINED,
    "X_ELMER_FUDD": UNDETERMINED,
    # Chinese and its CLD2 split into simplified/traditional
    "ChineseT": "zh",
    "Chinese (Traditional)": "zh",
    "Chinese (Simplified)": "zh",
    "Traditional Chinese": "zh",
    "Simplified Chinese": "zh",
    "Mandarin": "zh",
    "Mandarin Chinese": "zh",
    "Yue Chinese": "yue",
    "Wu": "wuu",
    # Norwegian
    "Norwegian Bokmål": "no",
    "Bokmål": "no",
    "NORWEGIAN_N": "nn",
    "Nynorsk": "nn",
    # Philippine languages
    "Filipino": "tl",
    "Pilipino": "tl",
    "WARAY_PHILIPPINES": "war",
    "Waray-Waray": "war",
    "Waray (Philippines)": "war",
    "Kapampangan": "pam",
    "Ilocano": "ilo",
    "Ilokano": "ilo",
    "Bikol": "bcl",
    "Central Bicolano": "bcl",
    "Chabacano": "cbk",
    "Zamboanga Chavacano": "cbk",
    # South Asian
    "Bengali": "bn",
    "Oriya": "or",
    "Panjabi": "pa",
    "Eastern Punjabi": "pa",
    "Western Panjabi": "pnb",
    "Lahnda": "pnb",
    "Sinhalese": "si",
    "Dhivehi": "dv",
    "Maldivian": "dv",
    "Konkani": "gom",
    "Nepal Bhasa": "new",
    "Newar": "new",
    "Bhojpuri": "bh",
    "Bishnupriya Manipuri": "bpy",
    "Fijian Hindi": "hif",
    "Pushto": "ps",
    "Pashtu": "ps",
    # Middle East and Caucasus
    "Farsi": "fa",
    "Iranian Persian": "fa",
    "Modern Hebrew": "he",
    "Egyptian": "arz",
    "Sorani": "ckb",
    "Kurdish (Sorani)": "ckb",
    "Kurmanji": "ku",
    "Northern Kurdish": "ku",
    "Azeri": "az",
    "North Azerbaijani": "az",
    "Southern Azerbaijani": "azb",
    "Mazandarani": "mzn",
    "Luri": "lrc",
    "Uighur": "ug",
    "Ossetian": "os",
    "Avar": "av",
    "Lezgian": "lez",
    "Lezgi": "lez",
    "Megrelian": "xmf",
    "Zazaki": "diq",
    "Zaza": "diq",
    "Southern Zaza": "diq",
    # Russia and Central Asia
    "Kirghiz": "ky",
    "Sakha": "sah",
    "Tuvan": "tyv",
    "Tuva": "tyv",
    "Buryat": "bxr",
    "Buriat": "bxr",
    "Meadow Mari": "mhr",
    "Mari": "mhr",
    "Hill Mari": "mrj",
    "Komi-Zyrian": "kv",
    "Kalmyk Oirat": "xal",
    "Karachay Balkar": "krc",
    "Tadjik": "tg",
    # Europe
    "Castilian": "es",
    "Valencian": "ca",
    "Flemish": "nl",
    "Moldavian": "ro",
    "Moldovan": "ro",
    "Modern Greek": "el",
    "Slovene": "sl",
    "Gaelic": "gd",
    "Scots Gaelic": "gd",
    "SCOTS_GAELIC": "gd",
    "Frisian": "fy",
    "West Frisian": "fy",
    "North Frisian": "frr",
    "Rhaeto-Romance": "rm",
    "RHAETO_ROMANCE": "rm",
    "Romansch": "rm",
    "Swiss German": "als",
    "Alemannic German": "als",
    "Alemannisch": "als",
    "Low Saxon": "nds",
    "Plattdeutsch": "nds",
    "Limburgan": "li",
    "Limburger": "li",
    "Letzeburgesch": "lb",
    "Occidental": "ie",
    "Emilian-Romagnol": "eml",
    "Emilian": "eml",
    "Romagnol": "eml",
    "Palatinate German": "pfl",
    "Pfaelzisch": "pfl",
    "Sorbian": "hsb",
    "Montenegrin": "sr",
    "Serbo Croatian": "sh",
    "Serbocroatian": "sh",
    # Africa, Americas, others in lid.176
    "Haitian": "ht",
    "HAITIAN_CREOLE": "ht",
    "Kiswahili": "sw",
    "Guaraní": "gn",
    "Laothian": "lo",
    "Laotian": "lo",
    "Cambodian": "km",
    "Central Khmer": "km",
    "Myanmar": "my",
    "Malaysian": "ms",
    "Bahasa Indonesia": "id",
    "Bahasa Melayu": "ms",
    "Minang": "min",
    # languages lid.176 cannot emit, other spellings
    "Abkhaz": "ab",
    "Greenlandic": "kl",
    "Inupiak": "ik",
    "Kirundi": "rn",
    "Chichewa": "ny",
    "Chewa": "ny",
    "Luganda": "lg",
    "Sesotho": "st",
    "Pedi": "nso",
    "Sepedi": "nso",
    "Setswana": "tn",
    "Siswati": "ss",
    "Siswant": "ss",
    "Tonga": "to",
    "Mauritian Creole": "mfe",
    "MAURITIAN_CREOLE": "mfe",
    "Seselwa": "crs",
    "Seychellois Creole": "crs",
    "Luo (Kenya and Tanzania)": "luo",
    "LUO_KENYA_AND_TANZANIA": "luo",
    "LUBA_LULUA": "lua",
    "Te Reo Maori": "mi",
    "Faeroese": "fo",
}


def lookup_key(name: str) -> str:
    """The key `LOOKUP` is indexed by: runs of whitespace, `_` and `-` become one space, then
    stripped and lower-cased (`" NORWEGIAN_N "` -> `"norwegian n"`)."""
    return re.sub(r"[\s_\-]+", " ", name).strip(" ").lower()


def _strip_accents(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _build_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for table in (_LID176_NAMES, _OTHER_NAMES):
        for code, name in table.items():
            names[name] = code
    names.update(_ALIASES)
    return names


LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType(_build_names())
"""Every known language name (as written: canonical names, aliases, CLD2 spellings) -> code."""

LOOKUP: Mapping[str, str] = MappingProxyType(
    {
        lookup_key(variant): code
        for name, code in LANGUAGE_NAMES.items()
        for variant in (name, _strip_accents(name))
    }
)
"""`lookup_key(name)` -> code for every name in `LANGUAGE_NAMES`, with and without accents
(`name_to_code` also ignores accents and a parenthesised qualifier)."""

_NAME_OF_CODE: dict[str, str] = {**_OTHER_NAMES, **_LID176_NAMES, UNDETERMINED: "unknown"}
_LID176_SET = frozenset(LID176_CODES)
_QUALIFIER = re.compile(r"\s*\(.*\)\s*$")


def _lookup(name: str) -> str | None:
    for candidate in (name, _strip_accents(name)):
        code = LOOKUP.get(lookup_key(candidate))
        if code is None and "(" in candidate:
            code = LOOKUP.get(lookup_key(_QUALIFIER.sub("", candidate)))
        if code is not None:
            return code
    return None


def name_to_code(name: str | None) -> str:
    """The lid.176 code for a language name (`"English"` -> `"en"`, `"Cebuano"` -> `"ceb"`).

    None, empty, `unknown` and names not in `LANGUAGE_NAMES` give `"und"`.
    """
    if not isinstance(name, str) or not name.strip():
        return UNDETERMINED
    code = _lookup(name)
    return UNDETERMINED if code is None else code


def names_to_codes(names: pa.Array) -> pa.Array:
    """`name_to_code` of each name of a string array (a batch holds few distinct names: each is
    looked up once)."""
    encoded = pc.dictionary_encode(names)
    codes = pa.array([name_to_code(name) for name in encoded.dictionary.to_pylist()], pa.string())
    return pc.fill_null(pc.take(codes, encoded.indices), UNDETERMINED)


def code_to_name(code: str | None) -> str:
    """The canonical English name of a code (`"ceb"` -> `"Cebuano"`, `"und"` -> `"unknown"`).

    None gives `"unknown"`; a code this module does not know is returned unchanged, so a report
    shows it rather than hiding it among the unknowns.
    """
    if code is None:
        return _NAME_OF_CODE[UNDETERMINED]
    return _NAME_OF_CODE.get(code, code)


def is_lid176_code(code: str | None) -> bool:
    """Whether fastText lid.176 can emit `code` (`"ceb"` yes, `"zu"` and `"und"` no)."""
    return code in _LID176_SET


def unmapped_names(names: Iterable[str | None]) -> list[str]:
    """The distinct non-empty names that `name_to_code` does not know (it maps them to `und`),
    sorted, for the run log. Names that mean "unknown" on purpose are not listed."""
    return sorted(
        {n for n in names if isinstance(n, str) and n.strip() and _lookup(n) is None}
    )
