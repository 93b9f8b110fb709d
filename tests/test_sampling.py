"""Spot-check sampling: reproducible from the seed, stratified correctly."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.rules import sampling

populations = st.dictionaries(st.integers(1, 10_000), st.sampled_from(["4", "9", "12"]), min_size=1, max_size=120)


@given(populations, st.integers(0, 2**31), st.integers(0, 150))
@settings(max_examples=150, deadline=None)
def test_count_is_reproducible_exact_and_proportional(pop: dict[int, str], seed: int, count: int) -> None:
    ids = list(pop)
    first = sampling.draw(ids, seed, count=count, strata=pop)
    assert first == sampling.draw(list(reversed(ids)), seed, count=count, strata=pop)  # order of input irrelevant
    assert first == sorted(set(first)) and set(first) <= set(ids)
    assert len(first) == min(count, len(ids))
    sizes: dict[str, int] = {}
    for s in pop.values():
        sizes[s] = sizes.get(s, 0) + 1
    for stratum, n in sizes.items():
        got = sum(1 for i in first if pop[i] == stratum)
        share = n * len(first) / len(ids)
        assert math.floor(share) <= got <= math.ceil(share)  # largest remainder stays within one


@given(populations, st.integers(0, 2**31), st.decimals(Decimal("0.01"), Decimal("1"), places=2))
@settings(max_examples=150, deadline=None)
def test_rate_takes_ceiling_in_every_stratum(pop: dict[int, str], seed: int, rate: Decimal) -> None:
    chosen = sampling.draw(list(pop), seed, rate=rate, strata=pop)
    for stratum in set(pop.values()):
        n = sum(1 for s in pop.values() if s == stratum)
        assert sum(1 for i in chosen if pop[i] == stratum) == math.ceil(n * rate)


def test_fixed_vector_does_not_change_between_versions() -> None:
    # A stored sample must be redrawable years later: pin one draw.
    assert sampling.draw(range(1, 21), 20261129, count=4) == sampling.draw(list(range(20, 0, -1)), 20261129, count=4)
    assert sampling.draw(range(1, 21), 20261129, count=4) != sampling.draw(range(1, 21), 20261130, count=4)
    assert sampling.draw(range(1, 21), 1, count=20) == list(range(1, 21))
    assert sampling.draw(range(1, 21), 5, count=3) == [10, 12, 20]


def test_bad_requests() -> None:
    with pytest.raises(sampling.SamplingError):
        sampling.draw([1, 2], 1)
    with pytest.raises(sampling.SamplingError):
        sampling.draw([1, 2], 1, rate=Decimal("0.5"), count=1)
    with pytest.raises(sampling.SamplingError):
        sampling.draw([1, 2], 1, rate=Decimal("0"))
    assert sampling.draw([], 1, count=3) == []
