"""Numpy arrays in JSON state: raw little-endian bytes, base64, with dtype and shape (exact round trip)."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np


def pack(array: np.ndarray) -> dict[str, Any]:
    """A JSON-able dict holding the array bit for bit."""
    a = np.ascontiguousarray(array)
    return {"dtype": a.dtype.newbyteorder("<").str, "shape": list(a.shape),
            "b64": base64.b64encode(a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes()).decode("ascii")}


def unpack(data: dict[str, Any]) -> np.ndarray:
    """The array ``pack`` wrote (a fresh, writable copy in native byte order)."""
    raw = base64.b64decode(data["b64"])
    dtype = np.dtype(data["dtype"])
    return np.frombuffer(raw, dtype=dtype).reshape(data["shape"]).astype(dtype.newbyteorder("="), copy=True)
