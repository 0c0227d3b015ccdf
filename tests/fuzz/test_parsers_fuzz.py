"""Property: no input, however broken, makes a parser raise anything but a user-facing error.

Inputs are real files of each kind, mutated (bit flips, truncation, repeated spans,
hostile numbers such as ``1e999`` and 5,000 digits, separator storms), plus raw bytes.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.errors import UserFacingError
from tests.fuzz.targets import TARGETS, Target, mutate


def inputs(target: Target) -> st.SearchStrategy[bytes]:
    @st.composite
    def mutated(draw: st.DrawFn) -> bytes:
        data = draw(st.sampled_from(target.seeds()))
        rng = random.Random(draw(st.integers(0, 2**32)))
        for _ in range(draw(st.integers(1, 3))):
            data = mutate(data, rng, target.tokens)
        return data

    return st.one_of(mutated(), st.binary(max_size=4096), st.sampled_from(target.seeds()))


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_no_input_gives_a_traceback(name: str, tmp_path: Path) -> None:
    target = TARGETS[name]

    @settings(settings.get_profile("teacherdesk-fuzz"))
    @given(data=inputs(target))
    def check(data: bytes) -> None:
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        try:
            target.run(data, folder)
        except UserFacingError as exc:
            assert str(exc).strip(), "a user-facing error with no message"
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    check()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_the_seeds_are_read_without_error(name: str, tmp_path: Path) -> None:
    """The unmutated files parse: a fuzz run over inputs that all fail at once proves little."""
    target = TARGETS[name]
    seeds = target.seeds()
    if name == "pdf":
        seeds = seeds[:1]  # the second seed is the image bomb
    for i, data in enumerate(seeds):
        folder = tmp_path / str(i)
        folder.mkdir()
        result = target.run(data, folder)
        if name in ("images", "pdf"):
            assert result and all(shape is not None for shape in result)  # type: ignore[attr-defined]
