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
  (`quantize_dynamic`; per-tensor scales cost too much agreement on this
  model, mean cosine 0.986 against 0.996), after its activations are
  smoothed, and with the first and last layers left in float32
  (`quantize_int8`): mean cosine 0.998 to the model.

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
from typing import TYPE_CHECKING

import numpy as np

from indexer.model.bundled import ModelError, build_cache_folder

if TYPE_CHECKING:
    import onnx

logger = logging.getLogger(__name__)

# Bump when the exported files or the measurement change, so old exports are rebuilt.
RECIPE_VERSION = 4  # 3 was an experiment never committed; its folders may exist
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


# Other Swedish text than the measuring samples, for smoothing int8 (`activation_maxima`): what an
# export is measured on must not be what it was fitted to.
_CALIBRATION_SENTENCES = (
    "Kommunens socialtjänst har svårt att rekrytera erfarna handläggare till barn- och ungdomsenheten.",
    "Länsstyrelsen följer upp hur de regionala målen för utbildning och arbetsmarknad uppnås.",
    "Ansökan om projektmedel ska lämnas senast den 15 mars och beslut fattas i juni.",
    "Lärlingsutbildningen inom industrin har haft fler sökande än platser de senaste tre åren.",
    "Enligt prognosen går var femte medarbetare inom äldreomsorgen i pension före 2035.",
    "Mötet inleddes med en genomgång av föregående protokoll, som lades till handlingarna.",
    "Högskolan planerar en ny distansutbildning för förskollärare med start nästa höst.",
    "Företagen i glesbygden uppger att bostadsbristen försvårar rekryteringen av specialister.",
    "Arbetsförmedlingen och kommunen har tecknat en överenskommelse om lokalt samarbete.",
    "Kontaktperson för nätverket är utvecklingsledaren på avdelningen för regional utveckling.",
)
_CALIBRATION_QUERIES = (
    "Vilka utbildningar finns för den som vill bli lärling?",
    "Hur många inom äldreomsorgen går i pension?",
    "Vem är kontaktperson för nätverket?",
)


def calibration_passages() -> list[str]:
    """Swedish passages of one to six sentences, other than `sample_passages`, for smoothing int8."""
    n = len(_CALIBRATION_SENTENCES)
    return [" ".join(_CALIBRATION_SENTENCES[(start + k) % n] for k in range(1 + (start * 3) % 6)) for start in range(n)]


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
        quantize_int8(prepare_onnx_float(model_folder, cache_dir) / FLOAT_FILE, path, model_folder)

    weights = "dynamic int8, per-channel weights, smoothed; first and last layers float32"
    return _prepare(model_folder, cache_dir, "int8", weights, quantise)


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


def quantize_int8(float_file: Path, int8_file: Path, model_folder: Path) -> None:
    """Weights to int8 per output channel, activations quantised on the fly per batch, after smoothing.

    ONNX Runtime quantises a matrix product's input with one scale per
    tensor, so the few hidden channels that run far larger than the rest (a
    transformer's "outlier features") take most of the 256 levels and the
    other channels get a handful each. Smoothing (Xiao et al., 2023,
    "SmoothQuant") divides each input channel by s_j and multiplies the
    matching row of the weights by it, which leaves the product as it was;
    with s_j = sqrt(max|x_j| / max|w_j|) both sides end up with similar
    ranges. The division is one Mul per distinct input (four per layer).
    The first and last layers stay float32: their errors reach the vector
    least damped. Measured on the demo passages against float32, mean cosine
    0.9948 plain, 0.9973 smoothed, 0.9979 smoothed with those two layers kept
    (bench/RESULTS.md "Encoders").
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = onnx.load(str(float_file))
    products = weight_products(model)
    maxima = activation_maxima(model, float_file, model_folder, {n.input[0] for n in products})
    smooth_activations(model, products, maxima)
    smoothed = int8_file.with_name(".smoothed-" + float_file.name)
    onnx.save(model, str(smoothed))
    try:
        quantize_dynamic(
            str(smoothed),
            str(int8_file),
            weight_type=QuantType.QInt8,
            per_channel=True,
            nodes_to_exclude=outer_layer_nodes(products),
        )
    finally:
        smoothed.unlink(missing_ok=True)


def weight_products(model: onnx.ModelProto) -> list[onnx.NodeProto]:
    """The graph's MatMuls by a constant matrix (the layers' weights), in graph order."""
    weights = {w.name for w in model.graph.initializer if len(w.dims) == 2}
    return [n for n in model.graph.node if n.op_type == "MatMul" and n.input[1] in weights]


def outer_layer_nodes(products: list[onnx.NodeProto]) -> list[str]:
    """The names of the products in the first and the last encoder layer (by the exported names,
    `/encoder/layer.N/`); none when the names do not say."""
    import re

    layer_of = {n.name: int(m.group(1)) for n in products if (m := re.search(r"/layer\.(\d+)/", n.name))}
    if not layer_of:
        return []
    outer = {min(layer_of.values()), max(layer_of.values())}
    return [name for name, layer in layer_of.items() if layer in outer]


def activation_maxima(
    model: onnx.ModelProto, float_file: Path, model_folder: Path, names: set[str]
) -> dict[str, np.ndarray]:
    """Each named tensor's largest magnitude per channel (last axis) over the calibration texts, one
    text at a time: `model` (loaded from `float_file`) saved beside it with those tensors as extra
    outputs, run, and deleted; `model` is left as it was."""
    import onnx
    import onnxruntime

    from indexer.model.bundled import PROMPTS
    from indexer.model.onnx_embedder import load_tokenizer, pad_batch, read_folder_settings, token_ids

    outputs_before = len(model.graph.output)
    known = {o.name for o in model.graph.output}
    model.graph.output.extend(
        onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None) for name in sorted(names - known)
    )
    probe = float_file.with_name(".calibration-" + float_file.name)
    try:
        onnx.save(model, str(probe))
        session = onnxruntime.InferenceSession(str(probe), providers=["CPUExecutionProvider"])
    finally:
        del model.graph.output[outputs_before:]
        probe.unlink(missing_ok=True)
    outputs = [o.name for o in session.get_outputs()]
    _, max_length, pad_id = read_folder_settings(model_folder)
    tokenizer = load_tokenizer(model_folder)
    texts = [PROMPTS["passage"] + t for t in calibration_passages()]
    texts += [PROMPTS["query"] + q for q in _CALIBRATION_QUERIES]
    maxima: dict[str, np.ndarray] = {}
    for ids in token_ids(tokenizer, texts, max_length):
        input_ids, mask = pad_batch([ids], pad_id)
        values = session.run(None, {"input_ids": input_ids, "attention_mask": mask})
        for name, value in zip(outputs, values, strict=True):
            if name in names:
                peak = np.abs(value).reshape(-1, value.shape[-1]).max(axis=0)
                maxima[name] = np.maximum(maxima[name], peak) if name in maxima else peak
    return maxima


def smooth_activations(
    model: onnx.ModelProto, products: list[onnx.NodeProto], maxima: dict[str, np.ndarray], alpha: float = 0.5
) -> None:
    """Divide each product input's channels by s = max|x|^alpha / max|w|^(1-alpha) and scale the
    weights' rows by s (see `quantize_int8`), in place. Products sharing an input share one s."""
    from onnx import helper, numpy_helper

    weights = {w.name: w for w in model.graph.initializer}
    uses: dict[str, int] = {}
    for node in model.graph.node:
        for name in node.input:
            uses[name] = uses.get(name, 0) + 1
    by_input: dict[str, list[onnx.NodeProto]] = {}
    for node in products:
        by_input.setdefault(node.input[0], []).append(node)
    # a weight that something else reads too (tied weights) cannot be rescaled for this product alone
    by_input = {x: nodes for x, nodes in by_input.items() if all(uses[n.input[1]] == 1 for n in nodes)}
    divisions: dict[str, onnx.NodeProto] = {}
    for name, nodes in by_input.items():
        rows = np.max([np.abs(numpy_helper.to_array(weights[n.input[1]])).max(axis=1) for n in nodes], axis=0)
        scale = np.maximum(maxima[name], 1e-5) ** alpha / np.maximum(rows, 1e-5) ** (1 - alpha)
        scale = np.clip(scale, 1e-3, 1e3).astype(np.float32)
        model.graph.initializer.append(numpy_helper.from_array(1.0 / scale, f"{name}/smoothing"))
        divisions[name] = helper.make_node("Mul", [name, f"{name}/smoothing"], [f"{name}/smoothed"])
        for node in nodes:
            scaled = numpy_helper.to_array(weights[node.input[1]]) * scale[:, None]
            weights[node.input[1]].CopyFrom(numpy_helper.from_array(scaled.astype(np.float32), node.input[1]))
            node.input[0] = f"{name}/smoothed"
    # each division right after the node that makes its input (graph inputs: first), so the graph stays sorted
    made = {out for node in model.graph.node for out in node.output}
    ordered: list[onnx.NodeProto] = [division for name, division in divisions.items() if name not in made]
    for node in model.graph.node:
        ordered.append(node)
        ordered.extend(divisions[out] for out in node.output if out in divisions)
    del model.graph.node[:]
    model.graph.node.extend(ordered)


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
