"""The reader's shortcuts give the same answers as the long way round."""

from __future__ import annotations

import numpy as np
import pytest


def test_percentile_matches_numpy() -> None:
    from app.grading.read import _percentile

    rng = np.random.default_rng(0)
    for shape in [(1,), (2,), (7,), (322,), (10, 9), (3, 1), (5, 26)]:
        for q in (0, 25, 35, 50, 100):
            x = rng.random(shape)
            assert np.allclose(_percentile(x, q), np.percentile(x, q, axis=-1)), (shape, q)


def test_a_nearly_flat_homography_is_warped_as_an_affine_map_with_the_same_pixels() -> None:
    import cv2

    from app.grading.verify import _affine_within

    rng = np.random.default_rng(1)
    img = cv2.GaussianBlur(rng.integers(0, 256, (600, 500), dtype=np.uint8), (5, 5), 2)
    flat = np.array([[1.02, 0.01, 4.0], [-0.012, 0.99, 7.0], [1e-8, -2e-8, 1.0]])
    A = _affine_within(flat, 300, 400, 0.05)
    assert A is not None
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    a = cv2.warpAffine(img, A, (300, 400), flags=flags, borderMode=cv2.BORDER_REPLICATE).astype(int)
    p = cv2.warpPerspective(img, flat, (300, 400), flags=flags, borderMode=cv2.BORDER_REPLICATE).astype(int)
    assert np.abs(a - p).max() <= 1
    # A photo's perspective is not flattened.
    tilted = flat.copy()
    tilted[2, :2] = (2e-4, 1e-4)
    assert _affine_within(tilted, 300, 400, 0.05) is None


@pytest.mark.parametrize("long_side", [640, 1400, 400])
def test_reduced_copies_map_back_to_the_image(long_side: int) -> None:
    """A bright dot found on the reduced copy lies where the image has it."""
    from app.grading.register import _reduced

    img = np.zeros((1651, 1275), np.uint8)
    img[800:812, 600:612] = 255  # centre (605.5, 805.5)
    small, f, offset = _reduced(img, long_side)
    assert max(small.shape) <= 1.35 * long_side
    ys, xs = np.nonzero(small > 0)
    w = small[ys, xs].astype(float)
    cx, cy = (xs * w).sum() / w.sum() / f + offset, (ys * w).sum() / w.sum() / f + offset
    assert abs(cx - 605.5) < 0.6 and abs(cy - 805.5) < 0.6


def test_marks_are_found_once_per_image_only_inside_its_block() -> None:
    """Recognising a page registers it as every page of the form: its marks are looked for
    once — for that image object only, and only while it is being recognised."""
    from app.grading import register as reg

    calls = []
    real = reg._find_blobs

    def counting(image: np.ndarray, long_side: int, min_px: float):  # type: ignore[no-untyped-def]
        calls.append(id(image))
        return real(image, long_side, min_px)

    a = np.full((400, 300), 255, np.uint8)
    a[20:40, 20:40] = 0
    b = a.copy()
    b[300:330, 200:230] = 0
    reg._find_blobs = counting  # type: ignore[assignment]
    try:
        with reg.same_image(a):
            first, _f = reg.find_blobs(a)
            again, _f = reg.find_blobs(a)
            other, _f = reg.find_blobs(b)  # another image: found afresh
        reg.find_blobs(a)  # outside the block: found afresh
    finally:
        reg._find_blobs = real  # type: ignore[assignment]
    assert calls == [id(a), id(b), id(a)]
    assert [(x.x, x.y) for x in first] == [(x.x, x.y) for x in again]
    assert len(other) == len(first) + 1
