"""Language names to lid.176 codes (chatlake.text.languages)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pyarrow as pa
import pytest

from chatlake.text import langid, languages
from chatlake.text.languages import (
    LANGUAGE_NAMES,
    LID176_CODES,
    LOOKUP,
    code_to_name,
    is_lid176_code,
    lookup_key,
    name_to_code,
    names_to_codes,
    unmapped_names,
)

# Written by hand, independently of the module: names as the released `language` column (polyglot
# over CLD2) and CLD2 itself spell them, the traps the reference lists, and lookup variants.
EXPECTED = {
    "English": "en",
    "Portuguese": "pt",
    "Russian": "ru",
    "Chinese": "zh",
    "Spanish": "es",
    "German": "de",
    "French": "fr",
    "Italian": "it",
    "Japanese": "ja",
    "Korean": "ko",
    "Polish": "pl",
    "Arabic": "ar",
    "Vietnamese": "vi",
    "Indonesian": "id",
    "Turkish": "tr",
    "Dutch": "nl",
    "Ukrainian": "uk",
    "Persian": "fa",
    "Farsi": "fa",
    "Latin": "la",
    "Swedish": "sv",
    "Hebrew": "he",
    "Malay": "ms",
    "Tagalog": "tl",
    "Filipino": "tl",
    "Cebuano": "ceb",
    "Waray": "war",
    "Cantonese": "yue",
    "Wu Chinese": "wuu",
    "Norwegian": "no",
    "Norwegian Bokmål": "no",
    "Norwegian Nynorsk": "nn",
    "NORWEGIAN_N": "nn",
    "ChineseT": "zh",
    "Chinese (Traditional)": "zh",
    "Serbo-Croatian": "sh",
    "Serbian": "sr",
    "Croatian": "hr",
    "Bosnian": "bs",
    "Montenegrin": "sr",
    "SCOTS_GAELIC": "gd",
    "Scottish Gaelic": "gd",
    "Scots": "sco",
    "LAOTHIAN": "lo",
    "Lao": "lo",
    "SINHALESE": "si",
    "Sinhala": "si",
    "Bengali": "bn",
    "Bangla": "bn",
    "ORIYA": "or",
    "Odia": "or",
    "DHIVEHI": "dv",
    "Divehi": "dv",
    "UIGHUR": "ug",
    "Uyghur": "ug",
    "Kyrgyz": "ky",
    "Greek": "el",
    "Slovenian": "sl",
    "Slovene": "sl",
    "FRISIAN": "fy",
    "Western Frisian": "fy",
    "Low German": "nds",
    "Central Kurdish": "ckb",
    "Kurdish": "ku",
    "Egyptian Arabic": "arz",
    "Alemannic": "als",
    "Swiss German": "als",
    "Volapük": "vo",
    "Volapuk": "vo",
    "VOLAPUK": "vo",
    "Haitian Creole": "ht",
    "HAITIAN_CREOLE": "ht",
    "RHAETO_ROMANCE": "rm",
    "Interlingua": "ia",
    "Interlingue": "ie",
    "Esperanto": "eo",
    "Javanese": "jv",
    "Sundanese": "su",
    "Bihari": "bh",
    "Pampanga": "pam",
    "Newari": "new",
    "Ossetian": "os",
    "WARAY_PHILIPPINES": "war",
    "Klingon": "tlh",
    "Zulu": "zu",
    "Faroese": "fo",
    "Hawaiian": "haw",
    "Maori": "mi",
    "unknown": "und",
    "Unknown": "und",
    "ENGLISH": "en",
    "english": "en",
    "  English  ": "en",
    "Portuguese (Brazil)": "pt",
}


@pytest.mark.parametrize(("name", "code"), sorted(EXPECTED.items()))
def test_known_names(name, code):
    assert name_to_code(name) == code


@pytest.mark.parametrize("name", [None, "", "   ", "Elvish", "X_31", "eng", "en"])
def test_unknown_names_are_und(name):
    assert name_to_code(name) == "und"


def test_unmapped_names_lists_only_unknown_names():
    names = ["English", "unknown", None, "", "Elvish", "X_31", "Elvish", "Cebuano", "NORWEGIAN_N"]

    assert unmapped_names(names) == ["Elvish", "X_31"]


def test_codes_are_lid176_labels_of_the_shipped_model():
    assert LID176_CODES == langid.model_labels()


@pytest.mark.parametrize("code", LID176_CODES)
def test_every_lid176_code_round_trips_through_its_english_name(code):
    name = code_to_name(code)

    assert name != code
    assert name_to_code(name) == code
    assert name_to_code(name.upper().replace(" ", "_")) == code  # CLD2's spelling style
    assert name_to_code(name.lower()) == code
    assert is_lid176_code(code)


def test_babel_english_names_round_trip():
    babel = pytest.importorskip("babel")
    cldr = babel.Locale("en").languages

    checked = [code for code in LID176_CODES if cldr.get(code)]
    wrong = {code: cldr[code] for code in checked if name_to_code(cldr[code]) != code}

    assert len(checked) > 150
    assert wrong == {}


@pytest.mark.parametrize(("name", "code"), sorted(LANGUAGE_NAMES.items()))
def test_every_mapping_entry(name, code):
    assert re.fullmatch(r"[a-z]{2,3}", code)
    assert name_to_code(name) == code  # no other entry normalises to the same key
    assert LOOKUP[lookup_key(name)] == code
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    assert LOOKUP[lookup_key(ascii_name)] == code
    if code != "und":
        assert code_to_name(code) != code  # every code has a canonical name


def test_every_name_lid176_cannot_emit_keeps_a_real_code():
    outside = {code for code in LANGUAGE_NAMES.values() if not is_lid176_code(code)}

    assert "und" in outside
    assert {"zu", "xh", "ha", "mi", "fo", "haw", "tlh"} <= outside
    assert outside.isdisjoint({"eng", "zho", "por", "spa", "ce", "wa"})


def test_lookup_key_collapses_separators_and_case():
    assert lookup_key(" NORWEGIAN_N ") == "norwegian n"
    assert lookup_key("Serbo-Croatian") == "serbo croatian"
    assert lookup_key("Norwegian\t  Nynorsk") == "norwegian nynorsk"
    assert LOOKUP["norwegian n"] == "nn" and LOOKUP["volapuk"] == LOOKUP["volapük"] == "vo"
    assert LOOKUP["english"] == "en" and LOOKUP["unknown"] == "und"


def test_names_to_codes_maps_an_arrow_array_like_name_to_code():
    names = ["English", None, "NORWEGIAN_N", "Portuguese (Brazil)", "Volapük", "Klingonese", "English", "", "unknown"]
    got = names_to_codes(pa.array(names, pa.string()))
    assert got.type == pa.string()
    assert got.to_pylist() == ["en", "und", "nn", "pt", "vo", "und", "en", "und", "und"]


def test_code_to_name():
    assert code_to_name("en") == "English"
    assert code_to_name("ceb") == "Cebuano"
    assert code_to_name("zh") == "Chinese"
    assert code_to_name("und") == "unknown"
    assert code_to_name(None) == "unknown"
    assert code_to_name("zu") == "Zulu"
    assert code_to_name("qqq") == "qqq"


def test_is_lid176_code():
    assert [is_lid176_code(c) for c in ["en", "ceb", "yue", "zu", "und", "eng", None]] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]


def test_language_names_is_read_only():
    with pytest.raises(TypeError):
        LANGUAGE_NAMES["Elvish"] = "elv"  # type: ignore[index]


def test_text_package_has_no_spark_import():
    package_dir = Path(languages.__file__).parent

    sources = {p.name: p.read_text(encoding="utf-8") for p in package_dir.glob("*.py")}

    assert {"langid.py", "languages.py", "tokens.py"} <= set(sources)
    assert [name for name, text in sources.items() if "pyspark" in text] == []
