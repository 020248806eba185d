"""The learned attribution model: options, scoring, the file format, wiring through ONRECORD_CUE_MODEL, training."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from onrecord.analyze import quote_candidates
from onrecord.analyze.learned_cues import (
    MODEL_ENV,
    Context,
    CueModel,
    hashed,
    options,
    predicates,
)
from onrecord.analyze.nlp import parse

POLNEAR = Path(__file__).parents[1].parent / "shared" / "eval" / "polnear"
SENTENCE = "The senator lampooned the new fishing quota during a rally in Aberdeen."
DIM = 1 << 12


def _model(tmp_path: Path, detect: dict[str, float], span: dict[str, float], threshold: float = 0.0,
           cue_lemmas: set[str] | None = None) -> Path:
    """A hand-set model: the named features carry the given weights, every other feature none."""
    w = np.zeros(DIM, dtype=np.float32)
    sw = np.zeros(DIM, dtype=np.float32)
    for f, v in detect.items():
        w[hashed([f], DIM)[0]] += v
    for f, v in span.items():
        sw[hashed([f], DIM)[0]] += v
    path = tmp_path / "cue.npz"
    CueModel(w, -1.0, threshold, sw, cue_lemmas=cue_lemmas).save(path)
    return path


def test_options_cover_object_preposition_and_comma_cut() -> None:
    doc = parse("Clinton attacked the plan, which critics call regressive, at a rally.")
    verb = next(t for t in doc if t.text == "attacked")
    got = {(o.kind, doc[o.start : o.end].text) for o in options(verb, Context(doc, [], []))}
    assert ("dobj", "the plan, which critics call regressive,") in got  # the subtree as parsed (trimmed later)
    assert ("dobj,", "the plan") in got  # the same object cut at its first comma
    assert ("prep>pobj", "a rally") in got
    assert all(t.dep_ not in ("aux", "auxpass") for t in predicates(doc))


def test_rules_alone_miss_the_rare_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert not any(c.cue == "lampooned" for c in quote_candidates(SENTENCE))


def test_model_adds_the_attribution_with_the_span_it_prefers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _model(tmp_path, {"L=lampoon": 3.0}, {"O=dobj": 2.0})
    monkeypatch.setenv(MODEL_ENV, str(path))
    found = [c for c in quote_candidates(SENTENCE) if c.how == "learned"]
    assert [(SENTENCE[c.start : c.end], c.cue, c.mention) for c in found] == [("the new fishing quota", "lampooned", "The senator")]
    assert found[0].kind == "indirect"
    # the span model decides which dependent: here the prepositional object
    monkeypatch.setenv(MODEL_ENV, str(_model(tmp_path, {"L=lampoon": 3.0}, {"O=prep>pobj": 2.0})))
    found = [c for c in quote_candidates(SENTENCE) if c.how == "learned"]
    assert [SENTENCE[c.start : c.end] for c in found] == ["a rally in Aberdeen"]


def test_model_below_threshold_adds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV, str(_model(tmp_path, {"L=lampoon": 3.0}, {}, threshold=10.0)))
    assert not any(c.how == "learned" for c in quote_candidates(SENTENCE))


def test_model_scores_only_lemmas_seen_as_cues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV, str(_model(tmp_path, {"L=lampoon": 3.0}, {"O=dobj": 2.0}, cue_lemmas={"mock"})))
    assert not any(c.how == "learned" for c in quote_candidates(SENTENCE))
    monkeypatch.setenv(MODEL_ENV, str(_model(tmp_path, {"L=lampoon": 3.0}, {"O=dobj": 2.0}, cue_lemmas={"mock", "lampoon"})))
    assert [c.cue for c in quote_candidates(SENTENCE) if c.how == "learned"] == ["lampooned"]
    assert CueModel.load(tmp_path / "cue.npz").cue_lemmas is not None


def test_model_keeps_off_what_the_rules_hold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The mayor said the bridge will reopen in May after the repairs."
    monkeypatch.delenv(MODEL_ENV, raising=False)
    rules = [(c.start, c.end) for c in quote_candidates(text)]
    monkeypatch.setenv(MODEL_ENV, str(_model(tmp_path, {"P=VERB": 5.0, "P=NOUN": 5.0}, {})))
    with_model = quote_candidates(text)
    assert rules and all(any((c.start, c.end) == r for c in with_model) for r in rules)
    assert not any(c.how == "learned" and c.cue == "said" for c in with_model)  # a cue the rules used is not re-scored


def test_model_file_round_trip_and_errors(tmp_path: Path) -> None:
    path = _model(tmp_path, {"L=lampoon": 3.0}, {"O=dobj": 2.0}, threshold=-0.5)
    m = CueModel.load(path)
    assert m.threshold == -0.5 and m.bias == -1.0 and m.dim == DIM and m.span_weights is not None
    assert m.score(["L=lampoon"]) == pytest.approx(2.0)
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(RuntimeError, match="bad.npz: cannot read the attribution model"):
        CueModel.load(bad)
    with pytest.raises(RuntimeError, match="missing.npz"):
        CueModel.load(tmp_path / "missing.npz")
    old = tmp_path / "old.npz"
    np.savez_compressed(old, weights=np.zeros(4), bias=0.0, threshold=0.0, span_weights=np.zeros(0), option_cap=1.0,
                        cue_lemmas=np.zeros(0), has_cue_lemmas=False, format=1)
    with pytest.raises(RuntimeError, match="format 1"):
        CueModel.load(old)


def test_cli_train_cues_names_a_missing_corpus(tmp_path: Path) -> None:
    from onrecord.cli import app

    res = CliRunner().invoke(app, ["train-cues", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m.npz")])
    assert res.exit_code != 0
    assert "metadata.tsv is missing" in res.output
    assert not (tmp_path / "m.npz").exists()


@pytest.mark.slow
def test_training_learns_cues_from_polnear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Trained on 60 PolNeAR articles, the model ranks gold cue/content options above the rest on articles it did
    not see, and the file it writes is the one the extractor loads."""
    if not (POLNEAR / "metadata.tsv").is_file():
        pytest.skip(f"PolNeAR not found at {POLNEAR}; it ships in ../shared/eval/polnear")
    from onrecord.analyze.train_cues import DIM as TRAIN_DIM
    from onrecord.analyze.train_cues import prepare, train

    monkeypatch.delenv(MODEL_ENV, raising=False)
    out = tmp_path / "cue.npz"
    model = train(POLNEAR, out, limit=60)
    assert CueModel.load(out).dim == TRAIN_DIM == model.dim
    assert model.cue_lemmas and len(model.cue_lemmas) > 50  # the lemmas seen as gold cues
    unseen = prepare(POLNEAR, "dev", 15)
    scores = np.array([model.score_indices(r) for p in unseen for r in p.rows])
    labels = np.array([lab for p in unseen for lab in p.labels])
    assert labels.sum() > 50
    # the chance that a random positive outscores a random negative (area under the ROC curve)
    pos, neg = scores[labels], scores[~labels]
    auc = (pos[:, None] > neg[None, :]).mean()
    assert auc > 0.85
    monkeypatch.setenv(MODEL_ENV, str(out))
    text = unseen[0].text
    assert len(quote_candidates(text)) >= len(unseen[0].found)


def test_a_model_is_saved_under_the_name_given(tmp_path: Path) -> None:
    # `onrecord train-cues --out cue.model` must write cue.model (not cue.model.npz), which ONRECORD_CUE_MODEL then names
    path = tmp_path / "cue.model"
    CueModel(np.zeros(DIM, dtype=np.float32), -1.0, 0.0, np.zeros(DIM, dtype=np.float32)).save(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cue.model"]
    assert CueModel.load(path).threshold == 0.0
