"""The ONNX encoders, set up once: export to ONNX, quantise, measure against the model.

Like the prepared model itself, this is done once into the model cache, beside
the folder it comes from (built under a temporary name, then renamed). The
transformer alone is exported with `torch.onnx.export`; pooling and
normalisation stay in numpy (`onnx_embedder`). Two encoders come from it:

- float32: the exported graph as it is. It computes what the model computes
  (cosine to sentence-transformers 1.0000 on the sample passages) and ONNX
  Runtime runs a single question in about half PyTorch's time on this kind
  of machine, so it is the default encoder. It is used only when its vectors
  agree at `REQUIRED_FLOAT_AGREEMENT`.
- int8: the float32 graph with its weights quantised per output channel
  (`quantize_dynamic`); per-tensor scales cost too much agreement on this
  model (mean cosine 0.986 against 0.996).

Each export is measured against the float32 sentence-transformers model on
Swedish passages — how much faster, and how closely the vectors agree — and
the result is recorded beside the file, so the encoder can be chosen without
timing anything at start-up. bench/bench_encoder.py measures the same on the
demo corpus, with retrieval quality.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from indexer.model.bundled import ModelError, build_cache_folder

logger = logging.getLogger(__name__)

# Bump when the exported files or the measurement change, so old exports are rebuilt.
RECIPE_VERSION = 2
FLOAT_FILE = "model-fp32.onnx"
INT8_FILE = "model-int8.onnx"
_MODEL_FILES = {"fp32": FLOAT_FILE, "int8": INT8_FILE}
MARKER = "onnx-export.json"
OPSET = 17
# The float32 export is used only when every sample vector agrees with the model's this well
# (cosine): it is the same arithmetic in another order, so anything less is a broken export.
REQUIRED_FLOAT_AGREEMENT = 0.9999
# The int8 encoder is chosen by default only when it is this much faster ...
REQUIRED_SPEEDUP = 1.8
# ... and its vectors agree with the float32 model's at least this well (mean cosine).
REQUIRED_AGREEMENT = 0.99

# Swedish sentences of the kind the corpus holds; passages of one to eight of
# them give the spread of lengths an index has.
_SAMPLE_SENTENCES = (
    "Regionen samordnar arbetet med kompetensförsörjning tillsammans med kommunerna och lärosätena.",
    "Bristen på undersköterskor och sjuksköterskor är störst i de mindre kommunerna.",
    "Vuxenutbildningen erbjuder yrkesutbildningar som kan kombineras med studier i svenska.",
    "Validering av tidigare erfarenheter kan korta utbildningstiden för den som byter yrke.",
    "Kompetensrådet träffas fyra gånger om året och protokollen publiceras på webbplatsen.",
    "Arbetsgivare inom teknik och industri efterfrågar fler med eftergymnasial utbildning.",
    "Frågor om kompetensplattformen besvaras av regionens samordnare för utbildning.",
    "Analysen visar att efterfrågan på arbetskraft ökar när befolkningen blir äldre.",
    "Teknikcollege och vård- och omsorgscollege bygger på samverkan mellan skola och arbetsliv.",
    "Under hösten genomfördes en enkät bland företag i länet om deras rekryteringsbehov.",
    "Styrgruppen beslutade att förlänga projektet till och med december nästa år.",
    "Nyanlända behöver snabbt komma i arbete, och språkstöd på arbetsplatsen gör skillnad.",
)
_SAMPLE_QUERIES = (
    "Vem samordnar kompetensförsörjningen i regionen?",
    "Hur kan man korta en yrkesutbildning?",
    "När träffas kompetensrådet?",
    "Vilka yrken har störst brist på arbetskraft?",
)


@dataclass(frozen=True)
class Measurement:
    """An ONNX encoder against the float32 sentence-transformers model, on one machine."""

    passages: int
    torch_passages_per_s: float
    onnx_passages_per_s: float
    speedup: float
    torch_query_ms: float
    onnx_query_ms: float
    mean_cosine: float
    min_cosine: float

    @property
    def preferred(self) -> bool:
        """For the int8 encoder: whether `auto` should take it here, being fast enough and agreeing."""
        return self.speedup >= REQUIRED_SPEEDUP and self.mean_cosine >= REQUIRED_AGREEMENT

    @property
    def exact(self) -> bool:
        """For the float32 export: whether its vectors are the model's (to `REQUIRED_FLOAT_AGREEMENT`)."""
        return self.min_cosine >= REQUIRED_FLOAT_AGREEMENT


def sample_passages() -> list[str]:
    """Swedish passages of one to eight sentences, for measuring an encoder."""
    n = len(_SAMPLE_SENTENCES)
    return [
        " ".join(_SAMPLE_SENTENCES[(start + k) % n] for k in range(1 + (start * 5 + size) % 8))
        for start in range(n)
        for size in range(4)
    ]


def export_folder(model_folder: Path, cache_dir: Path, precision: str) -> Path:
    """Where the `precision` ("fp32" or "int8") export of `model_folder` lives: keyed by the folder and the recipe."""
    source = str(model_folder.resolve())
    key = hashlib.sha256(source.encode("utf-8")).hexdigest()[:8]
    return cache_dir / f"{model_folder.name}-onnx-{precision}-{key}-r{RECIPE_VERSION}"


def read_measurement(folder: Path) -> Measurement:
    data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    return Measurement(**data["measurement"])


def prepare_onnx_float(model_folder: Path, cache_dir: Path) -> Path:
    """Export and measure `model_folder` once; return the folder holding `FLOAT_FILE`.

    The folder is kept even when the export does not agree with the model
    (`Measurement.exact`), so that is measured once, not at every start.
    """

    def export(path: Path) -> None:
        _check_exportable(model_folder)
        export_onnx(model_folder, path)

    return _prepare(model_folder, cache_dir, "fp32", "float32, as exported", export)


def prepare_onnx_int8(model_folder: Path, cache_dir: Path) -> Path:
    """Quantise the float32 export of `model_folder` once and measure it; return the folder holding `INT8_FILE`."""

    def quantise(path: Path) -> None:
        quantize_int8(prepare_onnx_float(model_folder, cache_dir) / FLOAT_FILE, path)

    return _prepare(model_folder, cache_dir, "int8", "dynamic int8, per-channel weights", quantise)


def _prepare(model_folder: Path, cache_dir: Path, precision: str, weights: str, make: Callable[[Path], None]) -> Path:
    """The cache folder of the `precision` export: its model file (written by `make`) and its measurement.

    Built when missing; a folder is complete when both are there (the measurement is written last).
    """
    model_file = _MODEL_FILES[precision]
    final = export_folder(model_folder, cache_dir, precision)

    def is_complete(folder: Path) -> bool:
        return (folder / MARKER).is_file() and (folder / model_file).is_file()

    if is_complete(final):
        return final
    logger.info("Preparing the %s ONNX encoder in %s (once, about a minute)", precision, final)
    started = time.perf_counter()

    def write(folder: Path) -> None:
        make(folder / model_file)
        _measure_and_mark(model_folder, folder / model_file, weights)

    build_cache_folder(final, write, is_complete)
    logger.info("Prepared %s in %.1f s", final.name, time.perf_counter() - started)
    return final


def _check_exportable(model_folder: Path) -> None:
    """Only the layout the ONNX encoder reproduces: a transformer, mean pooling, normalisation."""
    try:
        modules = json.loads((model_folder / "modules.json").read_text(encoding="utf-8"))
        pooling = json.loads((model_folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{model_folder} is not a sentence-transformers folder for the ONNX encoder: {exc}") from exc
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    modes = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and v is True]
    if kinds != ["Transformer", "Pooling", "Normalize"] or modes != ["pooling_mode_mean_tokens"]:
        raise ModelError(
            f"{model_folder}: the ONNX encoder supports a transformer with mean pooling and normalisation "
            f"(found modules {kinds}, pooling {modes}); set KB_ENCODER=torch."
        )


def _measure_and_mark(model_folder: Path, onnx_file: Path, weights: str) -> None:
    measurement = measure(model_folder, onnx_file)
    logger.info(
        "%s: %.2fx the float32 model's speed on passages, a question in %.1f ms against %.1f ms, "
        "mean cosine %.5f (min %.5f)",
        onnx_file.name,
        measurement.speedup,
        measurement.onnx_query_ms,
        measurement.torch_query_ms,
        measurement.mean_cosine,
        measurement.min_cosine,
    )
    # last, so its presence means the model file is complete
    (onnx_file.parent / MARKER).write_text(
        json.dumps(
            {
                "source": str(model_folder.resolve()),
                "recipe_version": RECIPE_VERSION,
                "opset": OPSET,
                "weights": weights,
                "measurement": asdict(measurement),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


def export_onnx(model_folder: Path, path: Path) -> None:
    """The folder's transformer as an ONNX graph: (input_ids, attention_mask) -> last_hidden_state."""
    import torch
    from transformers import AutoModel

    # the eager attention traces to plain MatMul/Softmax, which quantise and fuse well
    # safetensors only: a folder holding just a pickled pytorch_model.bin is refused, not unpickled.
    model = AutoModel.from_pretrained(
        str(model_folder), attn_implementation="eager", local_files_only=True, use_safetensors=True
    ).eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    ids = torch.tensor([[0, 1000, 2000, 2], [0, 3000, 2, 1]], dtype=torch.long)
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]], dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    # the tracer warns about every shape-dependent branch of the model; they are followed, and are not news
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(model),
            (ids, mask),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
            opset_version=OPSET,
            dynamo=False,
        )


def quantize_int8(float_file: Path, int8_file: Path) -> None:
    """Weights to int8 per output channel; activations quantised on the fly, per batch."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(float_file), str(int8_file), weight_type=QuantType.QInt8, per_channel=True)


def measure(model_folder: Path, onnx_file: Path, rounds: int = 2) -> Measurement:
    """Time the float32 sentence-transformers model and an ONNX encoder on the same passages and questions.

    Passages go in batches, as the indexer sends them; questions one at a
    time, as a search sends them. The best of `rounds` alternating runs each,
    so a burst of other work on the machine counts against neither.
    """
    from indexer.model.embedder import Embedder
    from indexer.model.onnx_embedder import OnnxEmbedder

    passages = sample_passages()
    torch_model = Embedder.load_torch(str(model_folder), model_folder.parent)
    onnx_model = OnnxEmbedder(torch_model.model_id, model_folder, onnx_file)
    models = (("torch", torch_model), ("onnx", onnx_model))
    passage_s: dict[str, float] = {"torch": float("inf"), "onnx": float("inf")}
    query_s: dict[str, float] = {"torch": float("inf"), "onnx": float("inf")}
    vectors: dict[str, np.ndarray] = {}
    for _, model in models:
        model.embed_queries(_SAMPLE_QUERIES)  # warm-up
    for _ in range(rounds):
        for name, model in models:
            started = time.perf_counter()
            vectors[name] = model.embed_passages(passages)
            passage_s[name] = min(passage_s[name], time.perf_counter() - started)
            started = time.perf_counter()
            for query in _SAMPLE_QUERIES:
                model.embed_queries([query])
            query_s[name] = min(query_s[name], (time.perf_counter() - started) / len(_SAMPLE_QUERIES))
    cosines = np.concatenate(
        [
            (vectors["torch"] * vectors["onnx"]).sum(axis=1),
            (torch_model.embed_queries(_SAMPLE_QUERIES) * onnx_model.embed_queries(_SAMPLE_QUERIES)).sum(axis=1),
        ]
    )
    return Measurement(
        passages=len(passages),
        torch_passages_per_s=round(len(passages) / passage_s["torch"], 2),
        onnx_passages_per_s=round(len(passages) / passage_s["onnx"], 2),
        speedup=round(passage_s["torch"] / passage_s["onnx"], 2),
        torch_query_ms=round(1000 * query_s["torch"], 2),
        onnx_query_ms=round(1000 * query_s["onnx"], 2),
        mean_cosine=round(float(cosines.mean()), 6),
        min_cosine=round(float(cosines.min()), 6),
    )
