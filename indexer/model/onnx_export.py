"""The int8 encoder, set up once: export to ONNX, quantise, measure against the model.

Like the prepared model itself, this is done once into the model cache, beside
the folder it comes from (built under a temporary name, then renamed). The
transformer alone is exported with `torch.onnx.export`; pooling and
normalisation stay in numpy (`onnx_embedder`). Its weights are then quantised
to int8, per output channel (`quantize_dynamic`); per-tensor scales cost
too much agreement on this model (mean cosine 0.986 against 0.996).

The same step measures the int8 encoder against the float32 model on
Swedish passages — how much faster, and how closely the vectors agree — and
records it beside the file, so `KB_ENCODER=auto` can choose without timing
anything at start-up. bench/bench_encoder.py measures the same on the
demo corpus, with retrieval quality.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from indexer.model.bundled import ModelError, build_cache_folder

logger = logging.getLogger(__name__)

# Bump when the exported files or the measurement change, so old exports are rebuilt.
RECIPE_VERSION = 1
INT8_FILE = "model-int8.onnx"
MARKER = "onnx-export.json"
OPSET = 17
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
    """The int8 encoder against the float32 sentence-transformers model, on one machine."""

    passages: int
    torch_passages_per_s: float
    int8_passages_per_s: float
    speedup: float
    mean_cosine: float
    min_cosine: float

    @property
    def preferred(self) -> bool:
        """Whether the int8 encoder should be the default here: fast enough and agreeing."""
        return self.speedup >= REQUIRED_SPEEDUP and self.mean_cosine >= REQUIRED_AGREEMENT


def sample_passages() -> list[str]:
    """Swedish passages of one to eight sentences, for measuring an encoder."""
    n = len(_SAMPLE_SENTENCES)
    return [
        " ".join(_SAMPLE_SENTENCES[(start + k) % n] for k in range(1 + (start * 5 + size) % 8))
        for start in range(n)
        for size in range(4)
    ]


def export_folder(model_folder: Path, cache_dir: Path) -> Path:
    """Where the export of `model_folder` lives: keyed by the folder and the recipe."""
    source = str(model_folder.resolve())
    key = hashlib.sha256(source.encode("utf-8")).hexdigest()[:8]
    return cache_dir / f"{model_folder.name}-onnx-{key}-r{RECIPE_VERSION}"


def _is_complete(folder: Path) -> bool:
    return (folder / MARKER).is_file() and (folder / INT8_FILE).is_file()


def read_measurement(folder: Path) -> Measurement:
    data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    return Measurement(**data["measurement"])


def prepare_onnx_int8(model_folder: Path, cache_dir: Path) -> Path:
    """Export, quantise and measure `model_folder` once; return the folder holding `INT8_FILE`."""
    final = export_folder(model_folder, cache_dir)
    if _is_complete(final):
        return final
    _check_exportable(model_folder)
    logger.info("Preparing the int8 ONNX encoder in %s (once, about a minute)", final)
    started = time.perf_counter()
    build_cache_folder(final, lambda partial: _write_export(model_folder, partial), _is_complete)
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


def _write_export(model_folder: Path, folder: Path) -> None:
    float_file = folder / "model-fp32.onnx"
    export_onnx(model_folder, float_file)
    quantize_int8(float_file, folder / INT8_FILE)
    float_file.unlink()  # 470 MB that only the benchmark uses; it exports its own
    measurement = measure(model_folder, folder / INT8_FILE)
    logger.info(
        "int8 encoder: %.2fx the float32 model's speed, mean cosine %.4f (min %.4f)",
        measurement.speedup,
        measurement.mean_cosine,
        measurement.min_cosine,
    )
    # last, so its presence means the model file is complete
    (folder / MARKER).write_text(
        json.dumps(
            {
                "source": str(model_folder.resolve()),
                "recipe_version": RECIPE_VERSION,
                "opset": OPSET,
                "quantisation": "dynamic int8, per-channel weights",
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
    with torch.no_grad():
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


def measure(model_folder: Path, int8_file: Path, rounds: int = 2) -> Measurement:
    """Time the float32 sentence-transformers model and the int8 encoder on the same passages.

    The best of `rounds` alternating runs each, so a burst of other work on
    the machine counts against neither.
    """
    from indexer.model.embedder import Embedder
    from indexer.model.onnx_embedder import OnnxEmbedder

    passages = sample_passages()
    torch_model = Embedder.load_torch(str(model_folder), model_folder.parent)
    int8_model = OnnxEmbedder(torch_model.model_id, model_folder, int8_file)
    timings: dict[str, float] = {"torch": float("inf"), "int8": float("inf")}
    vectors: dict[str, np.ndarray] = {}
    for model in (torch_model, int8_model):
        model.embed_queries(_SAMPLE_QUERIES)  # warm-up
    for _ in range(rounds):
        for name, model in (("torch", torch_model), ("int8", int8_model)):
            started = time.perf_counter()
            vectors[name] = model.embed_passages(passages)
            timings[name] = min(timings[name], time.perf_counter() - started)
    cosines = np.concatenate(
        [
            (vectors["torch"] * vectors["int8"]).sum(axis=1),
            (torch_model.embed_queries(_SAMPLE_QUERIES) * int8_model.embed_queries(_SAMPLE_QUERIES)).sum(axis=1),
        ]
    )
    return Measurement(
        passages=len(passages),
        torch_passages_per_s=round(len(passages) / timings["torch"], 2),
        int8_passages_per_s=round(len(passages) / timings["int8"], 2),
        speedup=round(timings["torch"] / timings["int8"], 2),
        mean_cosine=round(float(cosines.mean()), 4),
        min_cosine=round(float(cosines.min()), 4),
    )
