"""The ONNX encoders: batching without the model, and agreement with the float32 PyTorch model."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import onnx
import pytest

from indexer.model.bundled import ModelError, resolve_model
from indexer.model.embedder import Embedder, load_embedder
from indexer.model.onnx_embedder import OnnxEmbedder, length_sorted_batches, mean_pool_normalise, pad_batch

SWEDISH = [
    "Vem samordnar kompetensförsörjningen i Västra Götaland?",
    "Kompetensrådet träffas fyra gånger om året.",
    "Vuxenutbildningen erbjuder yrkesutbildningar som kan kombineras med svenska för invandrare, "
    "och validering av tidigare erfarenheter kan korta utbildningstiden för den som byter yrke.",
    "Bristen på undersköterskor är störst i de mindre kommunerna i länet.",
    "Protokoll",
    "Regionen bidrar med statistik, omvärldsbevakning och stöd till processledning, medan kommunerna "
    "ansvarar för att utbildningarna genomförs. Uppföljningen visar att samverkan tar tid att bygga upp "
    "men att den ger resultat när den får fortsätta över flera mandatperioder.",
]


def test_length_sorted_batches_cover_every_text_once_shortest_first() -> None:
    lengths = [7, 3, 9, 3, 1, 12, 5]
    batches = length_sorted_batches(lengths, batch_size=3)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    assert [len(b) for b in batches] == [3, 3, 1]
    flat = [lengths[i] for batch in batches for i in batch]
    assert flat == sorted(lengths)
    assert length_sorted_batches([], 4) == []


def test_padding_is_masked_out_of_the_mean() -> None:
    ids, mask = pad_batch([[5, 6, 7], [8]], pad_id=1)
    assert ids.tolist() == [[5, 6, 7], [8, 1, 1]]
    assert mask.tolist() == [[1, 1, 1], [1, 0, 0]]
    hidden = np.zeros((2, 3, 2), dtype=np.float32)
    hidden[1, 0] = [3.0, 4.0]
    hidden[1, 1:] = 100.0  # what the padding positions hold must not matter
    hidden[0] = [[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]]
    pooled = mean_pool_normalise(hidden, mask)
    assert np.allclose(pooled[1], [0.6, 0.8])
    assert np.allclose(pooled[0], np.array([3.0, 1.0]) / np.sqrt(10.0))
    assert np.allclose(np.linalg.norm(pooled, axis=1), 1.0)


class _OneHotSession:
    """Stands in for onnxruntime: a text's hidden states point along its first token's axis."""

    def run(self, _outputs: object, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        ids = feeds["input_ids"]
        hidden = np.zeros((*ids.shape, 16), dtype=np.float32)
        hidden[np.arange(ids.shape[0]), :, ids[:, 0] % 16] = 1.0
        return [hidden]


class _CharTokenizer:
    """Stands in for `tokenizers.Tokenizer`: the last letter's place in the alphabet, then one id per letter."""

    def num_special_tokens_to_add(self, is_pair: bool) -> int:
        return 0

    def encode_batch(self, texts: list[str], add_special_tokens: bool) -> list[SimpleNamespace]:
        return [SimpleNamespace(ids=[ord(t[-1]) - ord("a")] + [20] * len(t)) for t in texts]

    def post_process(self, encoding: SimpleNamespace) -> SimpleNamespace:
        return encoding


def test_vectors_come_back_in_the_order_the_texts_were_given() -> None:
    embedder = OnnxEmbedder.__new__(OnnxEmbedder)
    embedder.dim, embedder.batch_size, embedder._pad_id, embedder._max_length = 16, 2, 1, 512
    embedder._tokenizer = _CharTokenizer()  # type: ignore[assignment]
    embedder._session = _OneHotSession()  # type: ignore[assignment]
    # lengths shuffled against the order, so the sorted batches differ from it
    texts = ["xxxxxxxb", "a", "xxxxxxxxxxxxd", "xxc", "xxxxxe"]
    vectors = embedder._encode(texts, prompt="")
    assert [int(np.argmax(v)) for v in vectors] == [1, 0, 3, 2, 4]


def test_an_unknown_encoder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="onnx-int8"):
        load_embedder(None, tmp_path, encoder="tensorrt")


@pytest.mark.slow
def test_int8_encoder_agrees_with_the_float32_model(model_cache: Path) -> None:
    torch_model = Embedder.load_torch(None, model_cache)
    int8 = load_embedder(None, model_cache, encoder="onnx-int8")
    assert isinstance(int8, OnnxEmbedder)
    assert int8.model_id == torch_model.model_id and int8.dim == torch_model.dim

    for embed in ("embed_passages", "embed_queries"):
        cosines = (getattr(int8, embed)(SWEDISH) * getattr(torch_model, embed)(SWEDISH)).sum(axis=1)
        # smoothed, with the outer layers in float32 (plain int8 gave a mean of 0.995, lowest 0.984)
        assert cosines.mean() >= 0.997 and cosines.min() >= 0.995, (embed, cosines)

    # batched with length sorting, each text keeps its own vector; not to the last digit, as
    # activations are quantised with one scale per batch, so batch mates move a vector slightly
    int8.batch_size = 2
    together = int8.embed_passages(SWEDISH)
    alone = np.stack([int8.embed_passages([t])[0] for t in SWEDISH])
    similarity = together @ alone.T
    assert similarity.argmax(axis=1).tolist() == list(range(len(SWEDISH)))
    assert similarity.diagonal().min() >= 0.99

    for text in [*SWEDISH, "kompetensförsörjningsstrategin 2030 för Fyrbodal"]:
        assert int8.count_tokens(text) == torch_model.count_tokens(text)


@pytest.mark.slow
def test_the_default_encoder_is_the_float32_export_and_gives_the_models_vectors(model_cache: Path) -> None:
    torch_model = Embedder.load_torch(None, model_cache)
    default = load_embedder(None, model_cache)
    assert isinstance(default, OnnxEmbedder) and default.onnx_file.name == "model-fp32.onnx"
    assert default.model_id == torch_model.model_id and default.dim == torch_model.dim

    # longer than the model takes (512 tokens): cut the way sentence-transformers cuts it
    long_text = " ".join(SWEDISH * 12)
    assert default.count_tokens(long_text) > 600
    texts = [*SWEDISH, long_text]
    for embed in ("embed_passages", "embed_queries"):
        ours, theirs = getattr(default, embed)(texts), getattr(torch_model, embed)(texts)
        assert np.abs(ours - theirs).max() < 1e-4, embed
        assert (ours * theirs).sum(axis=1).min() >= 0.9999, embed

    for text in [*texts, "kompetensförsörjningsstrategin 2030 för Fyrbodal"]:
        assert default.count_tokens(text) == torch_model.count_tokens(text)


@pytest.mark.parametrize("encoder", ["onnx", "onnx-int8"])
def test_a_hub_model_cannot_use_an_onnx_encoder_by_name(tmp_path: Path, encoder: str) -> None:
    assert resolve_model("someone/some-model", tmp_path)[1] == "someone/some-model"
    with pytest.raises(ModelError, match="local model folder"):
        load_embedder("someone/some-model", tmp_path, encoder=encoder)


def test_the_default_falls_back_to_torch_with_a_warning_but_a_named_encoder_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from indexer.model import embedder as embedder_module

    folder = tmp_path / "model"
    folder.mkdir()
    torch_stand_in = object()

    def no_export(*_args: object) -> None:
        raise ModelError("the export does not reproduce the model")

    monkeypatch.delenv("KB_ENCODER", raising=False)
    monkeypatch.setattr(embedder_module, "resolve_model", lambda setting, cache: ("some/model", str(folder)))
    monkeypatch.setattr(embedder_module, "_load_onnx", no_export)
    monkeypatch.setattr(Embedder, "load_torch", classmethod(lambda cls, setting, cache: torch_stand_in))

    with caplog.at_level("WARNING"):
        assert load_embedder(None, tmp_path) is torch_stand_in
    assert "does not reproduce the model" in caplog.text and "using torch" in caplog.text
    assert load_embedder(None, tmp_path, encoder="auto") is torch_stand_in
    with pytest.raises(ModelError, match="does not reproduce"):
        load_embedder(None, tmp_path, encoder="onnx")
    monkeypatch.setenv("KB_ENCODER", "onnx")
    with pytest.raises(ModelError, match="does not reproduce"):
        load_embedder(None, tmp_path)


def _one_product_graph(weights: np.ndarray) -> onnx.ModelProto:
    """x [n, k] -> x @ weights: the smallest graph with a product by a constant matrix."""
    from onnx import TensorProto, helper, numpy_helper

    k, m = weights.shape
    node = helper.make_node("MatMul", ["x", "w"], ["y"], name="/encoder/layer.0/output/dense/MatMul")
    graph = helper.make_graph(
        [node],
        "one-product",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", k])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", m])],
        [numpy_helper.from_array(weights.astype(np.float32), "w")],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def test_smoothing_keeps_the_product_and_quantises_an_outlier_channel_better(tmp_path: Path) -> None:
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from indexer.model.onnx_export import smooth_activations, weight_products

    rng = np.random.default_rng(7)
    weights = rng.normal(size=(16, 8)).astype(np.float32)
    x = rng.normal(size=(64, 16)).astype(np.float32)
    x[:, 3] *= 80.0  # one channel far larger than the rest, as transformers have
    exact = x @ weights

    def run(model: onnx.ModelProto, name: str, quantise: bool) -> np.ndarray:
        path = tmp_path / f"{name}.onnx"
        onnx.save(model, str(path))
        if quantise:
            quantize_dynamic(str(path), str(tmp_path / f"{name}-int8.onnx"), weight_type=QuantType.QInt8)
            path = tmp_path / f"{name}-int8.onnx"
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        return session.run(None, {"x": x})[0]

    plain = _one_product_graph(weights)
    smoothed = _one_product_graph(weights)
    products = weight_products(smoothed)
    assert [n.name for n in products] == ["/encoder/layer.0/output/dense/MatMul"]
    smooth_activations(smoothed, products, {"x": np.abs(x).max(axis=0)})
    assert [n.op_type for n in smoothed.graph.node] == ["Mul", "MatMul"]
    onnx.checker.check_model(smoothed)

    assert np.allclose(run(smoothed, "smoothed", quantise=False), exact, rtol=1e-4, atol=1e-3)
    error_plain = np.abs(run(plain, "plain", quantise=True) - exact).mean()
    error_smoothed = np.abs(run(smoothed, "smoothed", quantise=True) - exact).mean()
    assert error_smoothed < 0.5 * error_plain, (error_smoothed, error_plain)


def test_a_weight_read_by_two_products_is_left_as_it_is() -> None:
    from onnx import TensorProto, helper, numpy_helper

    from indexer.model.onnx_export import smooth_activations, weight_products

    weights = np.arange(12, dtype=np.float32).reshape(4, 3)
    nodes = [helper.make_node("MatMul", [x, "w"], [y]) for x, y in (("a", "p"), ("b", "q"))]
    graph = helper.make_graph(
        nodes,
        "tied",
        [helper.make_tensor_value_info(x, TensorProto.FLOAT, ["n", 4]) for x in "ab"],
        [helper.make_tensor_value_info(y, TensorProto.FLOAT, ["n", 3]) for y in "pq"],
        [numpy_helper.from_array(weights, "w")],
    )
    model = helper.make_model(graph)
    smooth_activations(model, weight_products(model), {"a": np.full(4, 50.0), "b": np.ones(4)})
    assert [n.op_type for n in model.graph.node] == ["MatMul", "MatMul"]
    assert np.array_equal(numpy_helper.to_array(model.graph.initializer[0]), weights)


def test_the_outer_layers_are_found_by_the_exported_names() -> None:
    from onnx import helper

    from indexer.model.onnx_export import outer_layer_nodes

    names = [
        f"/inner/encoder/layer.{i}/{part}/MatMul" for i in range(4) for part in ("attention/self/query", "output/dense")
    ]
    nodes = [helper.make_node("MatMul", ["a", "b"], ["c"], name=name) for name in names]
    assert outer_layer_nodes(nodes) == [n for n in names if "/layer.0/" in n or "/layer.3/" in n]
    assert outer_layer_nodes([helper.make_node("MatMul", ["a", "b"], ["c"], name="MatMul_12")]) == []
