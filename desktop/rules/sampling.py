"""Reproducible spot-check sampling (随机抽查) from a stored seed. Pure.

``draw(ids, seed, rate=..., count=..., strata=...)`` gives the same sample for the same sorted
population and seed on every machine and Python version: each stratum has its own
``random.Random(f"{seed}/{stratum}")`` (string seeds are hashed with SHA-512, independent of
``PYTHONHASHSEED``) drawing from the stratum's ids in ascending order.

- A **rate** (0 < rate ≤ 1) draws ``ceil(n × rate)`` from each stratum (so every sub-district with
  anyone in it is checked at least once); without strata, from the whole population.
- A **count** draws exactly ``min(count, population)``; with strata it is shared out in proportion
  to the strata sizes by largest remainder (ties to the larger stratum, then the smaller key), and
  each stratum gets at most its size.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from decimal import Decimal

WHOLE = ""  # the stratum key used when the draw is not stratified


class SamplingError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _groups(ids: Sequence[int], strata: Mapping[int, str] | None) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for ident in sorted(set(ids)):
        key = WHOLE if strata is None else str(strata.get(ident, WHOLE))
        groups.setdefault(key, []).append(ident)
    return groups


def allocate(sizes: Mapping[str, int], *, rate: Decimal | None = None, count: int | None = None) -> dict[str, int]:
    """How many to draw from each stratum."""
    if (rate is None) == (count is None):
        raise SamplingError("请给出抽查比例或抽查数量(二者选一)。")
    if rate is not None:
        rate = Decimal(rate)
        if not (Decimal(0) < rate <= Decimal(1)):
            raise SamplingError("抽查比例须大于0且不超过100%。")
        return {k: min(n, math.ceil(Decimal(n) * rate)) for k, n in sizes.items()}
    assert count is not None
    if count < 0:
        raise SamplingError("抽查数量不能为负数。")
    total = sum(sizes.values())
    wanted = min(count, total)
    if total == 0:
        return {k: 0 for k in sizes}
    exact = {k: Decimal(n) * wanted / total for k, n in sizes.items()}
    out = {k: int(v) for k, v in exact.items()}
    left = wanted - sum(out.values())
    order = sorted(sizes, key=lambda k: (-(exact[k] - out[k]), -sizes[k], k))
    for k in order:
        if left <= 0:
            break
        if out[k] < sizes[k]:
            out[k] += 1
            left -= 1
    return out


def draw(ids: Sequence[int], seed: int, *, rate: Decimal | None = None, count: int | None = None,
         strata: Mapping[int, str] | None = None) -> list[int]:
    """The sampled ids, ascending. ``strata`` maps each id to its stratum (e.g. sub-district id)."""
    groups = _groups(ids, strata)
    quota = allocate({k: len(v) for k, v in groups.items()}, rate=rate, count=count)
    chosen: list[int] = []
    for key in sorted(groups):
        members = groups[key]
        rng = random.Random(f"{int(seed)}/{key}")
        chosen.extend(rng.sample(members, quota[key]))
    return sorted(chosen)
