"""New directions beside the shipped classifier (d), for bench/quality.py (`--directions`).

Each is a method fitted on labelled calls that ranks notes, measured by the same harness
(docs/QUALITY.md, "New directions"):
- second models, alone and mixed with (d) by mean log-probability: character 3-5-grams
  inside words (tf-idf, the way scikit-learn's `char_wb` analyser cuts them), word 1-2-grams
  the same way, sentences pooled by a learned soft maximum (multiple-instance), one scorer
  shared by all causes, alignment of sentences with labelled calls, closeness to the
  training calls' `evidence` (the labellers' why);
- (d) with other rows: the own set and the causes' own words down-weighted, the training
  calls' evidence or titles as extra rows (a held-out call's are never used), random
  subsets of the training calls' sentences;
- (d) with other features: sentences pooled by a softmax of their closeness to the causes
  (attention-like) for the notes' vector or for the closeness features, sentences that say
  what did not happen counted more, the vectors cut to their first 64 or 128 dimensions,
  SIF token weights; and the real calls' prior.
Any weight marked "inner" is chosen inside each training split by a stratified 4-fold CV
on that split's real calls (nested: the scored fold never takes part).
"""

from __future__ import annotations

from quality_directions_common import CHOICES, Fitter, mix, nested, ranker
from quality_directions_models import (
    aligned_calls,
    char_ngrams,
    evidence_pooling,
    nearest_evidence,
    shared_scorer,
)
from quality_directions_rows import d_rows, real_prior, sif

__all__ = ["CHOICES", "DIRECTIONS", "ranker"]


D = d_rows()
CHAR = char_ngrams()
DIRECTIONS: dict[str, Fitter] = {
    "n-d": D,
    "n-char": CHAR,
    "n-char+d": mix([(D, 1.0), (CHAR, 1.0)]),
    "n-char+d-inner": nested("n-char+d-inner", {
        f"char weight {w}": mix([(D, 1.0), (CHAR, w)]) for w in (0.0, 0.25, 0.5, 1.0)
    }),
    "n-own-desc-inner": nested("n-own-desc-inner", {
        f"own {o}, causes' words {d}": d_rows(own_weight=o, descriptions=d)
        for o in (0.0, 0.3, 1.0) for d in (0.0, 1.0, 3.0)
    }),
    "n-evidence": d_rows(evidence=1.0),
    "n-evidence-inner": nested("n-evidence-inner", {
        f"evidence {e}": d_rows(evidence=e) for e in (0.0, 0.3, 1.0)
    }),
    "n-titles": d_rows(titles=1.0),
    "n-evidence-near": nearest_evidence(),
    "n-evidence-near+d-inner": nested("n-evidence-near+d-inner", {
        f"evidence closeness scale {a}": mix([(D, 1.0), (nearest_evidence(a), 1.0)])
        for a in (0, 5, 10, 20)
    }),
    "n-aligned+evidence-near+d-inner": nested("n-aligned+evidence-near+d-inner", {
        f"aligned scale {a}, evidence closeness scale {e}": mix(
            [(D, 1.0), (aligned_calls(a), 1.0), (nearest_evidence(e), 1.0)]
        )
        for a in (0, 10, 30) for e in (0, 5, 10, 20)
    }),
    "n-attn-pool-inner": nested("n-attn-pool-inner", {
        f"tau {t}": d_rows(pooling="attn", tau=t) for t in (0.02, 0.05, 0.1)
    }),
    "n-soft-closest-inner": nested("n-soft-closest-inner", {
        f"tau {t}": d_rows(pooling="soft", tau=t) for t in (0.02, 0.05, 0.1)
    }),
    "n-cut-dims-inner": nested("n-cut-dims-inner", {
        f"{n} dims": d_rows(pooling="cut", dims=n) for n in (64, 128, 256)
    }),
    "n-subsets": d_rows(subsets=1 / 3),
    "n-marked": d_rows(pooling="marked", tau=1.0),
    "n-marked-inner": nested("n-marked-inner", {
        f"marked counted {1 + t}x": d_rows(pooling="marked", tau=t) for t in (0.0, 1.0, 3.0)
    }),
    "n-aligned": aligned_calls(),
    "n-aligned+d-inner": nested("n-aligned+d-inner", {
        f"aligned scale {a}": mix([(D, 1.0), (aligned_calls(a), 1.0)]) for a in (0, 10, 30, 100)
    }),
    "n-shared": shared_scorer(),
    "n-shared+d": mix([(D, 1.0), (shared_scorer(), 1.0)]),
    "n-mil": evidence_pooling(),
    "n-mil+d": mix([(D, 1.0), (evidence_pooling(), 1.0)]),
    "n-mil-inner": nested("n-mil-inner", {
        f"tau {t}": evidence_pooling(t) for t in (0.25, 1.0, 4.0)
    }),
    "n-real-prior": real_prior(),
    "n-real-prior-inner": nested("n-real-prior-inner", {
        f"prior shift {w}": real_prior(w) for w in (0.0, 0.5, 1.0)
    }),
    "n-sif": sif(),
    "n-sif-no-pc": sif(remove_pc=False),
    "n-sif+d": mix([(D, 1.0), (sif(), 1.0)]),
    "n-d+char+words": mix([(D, 1.0), (CHAR, 1.0), (char_ngrams(low=1, high=2), 1.0)]),
    "n-d+char+evidence": mix([(D, 1.0), (CHAR, 1.0), (d_rows(evidence=1.0), 1.0)]),
    "n-words": char_ngrams(low=1, high=2),
    "n-words+d": mix([(D, 1.0), (char_ngrams(low=1, high=2), 1.0)]),
    "n-other-share-inner": nested("n-other-share-inner", {
        f"other causes {s}": d_rows(other_share=s) for s in (0.0, 0.3, 0.6)
    }),
}  # fmt: skip
