"""Watching a camera for answer sheets: outline the sheet, capture it when it is steady.

:class:`SheetWatcher` is fed one frame after another (from ``cv2.VideoCapture`` on a
webcam, a video file or an image sequence) and says where the sheet's ArUco markers are,
the page outline, and when to capture: all the page's markers in view and still for a
few frames. After a capture it waits for that sheet to go (markers out of view, or a
clearly different position) before the next one, so a teacher can hold up one sheet
after another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.grading.template import Template

DETECT_LONG_SIDE = 960


@dataclass
class FrameState:
    markers: list[np.ndarray] = field(default_factory=list)  # 4x2 corners (frame px) per known marker
    outline: np.ndarray | None = None  # 4x2 page corners in frame px
    page: int = 0
    complete: bool = False  # every marker of the page is in view
    steady: float = 0.0  # 0..1: how close to capturing
    capture: bool = False
    message: str = ""


def open_source(source: str | int):  # type: ignore[no-untyped-def]
    """A ``cv2.VideoCapture`` for a device index ("0"), a video file or an image pattern."""
    import cv2

    if isinstance(source, int) or (isinstance(source, str) and source.strip().isdigit()):
        return cv2.VideoCapture(int(source))
    if "%" in str(source):
        return cv2.VideoCapture(str(source), cv2.CAP_IMAGES)
    return cv2.VideoCapture(str(source))


class SheetWatcher:
    def __init__(self, template: Template, *, steady_frames: int = 4, tolerance: float = 0.006,
                 rearm_frames: int = 2) -> None:
        import cv2

        self.template = template
        self.steady_frames = steady_frames
        self.tolerance = tolerance
        self.rearm_frames = rearm_frames
        d = cv2.aruco.getPredefinedDictionary(getattr(cv2.aruco, template.registration.dictionary))
        params = cv2.aruco.DetectorParameters()
        params.adaptiveThreshWinSizeMax = 45
        self._detector = cv2.aruco.ArucoDetector(d, params)
        self._markers = {m.id: m for m in template.registration.markers}
        self._last: np.ndarray | None = None
        self._count = 0
        self._armed = True
        self._absent = 0
        self._captured_at: np.ndarray | None = None
        self.captures = 0

    def feed(self, frame: np.ndarray) -> FrameState:
        import cv2

        grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
        h, w = grey.shape[:2]
        f = min(1.0, DETECT_LONG_SIDE / max(h, w))
        small = cv2.resize(grey, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA) if f < 1 else grey
        corners, ids, _ = self._detector.detectMarkers(small)
        state = FrameState()
        by_page: dict[int, list[tuple[int, np.ndarray]]] = {}
        if ids is not None:
            for c, i in zip(corners, ids.ravel(), strict=True):
                m = self._markers.get(int(i))
                if m is not None:
                    by_page.setdefault(m.page, []).append((int(i), c.reshape(4, 2) / f))
        if not by_page:
            return self._nothing(state, "Hold a sheet in front of the camera")
        page, found = max(by_page.items(), key=lambda kv: len(kv[1]))
        state.page = page
        state.markers = [c for _, c in found]
        expected = len(self.template.markers_on(page))
        if len(found) >= 3:
            src = np.array([pt for i, _ in found for pt in self._markers[i].corners()], np.float32)
            dst = np.array([pt for _, c in found for pt in c], np.float32)
            H, _ = cv2.findHomography(src, dst, 0)
            if H is not None:
                t = self.template
                quad = np.array([[0, 0], [t.page_width, 0], [t.page_width, t.page_height], [0, t.page_height]],
                                np.float32)
                state.outline = cv2.perspectiveTransform(quad.reshape(-1, 1, 2), H).reshape(4, 2)
        state.complete = len(found) == expected and state.outline is not None
        if not state.complete:
            return self._nothing(state, f"{len(found)} of {expected} corner marks in view: show the whole sheet")
        assert state.outline is not None
        inside = bool(((state.outline >= -2) & (state.outline <= np.array([w + 2, h + 2]))).all())
        if not inside:
            return self._nothing(state, "Move the sheet fully into the picture")
        self._absent = 0
        centres = np.array([c.mean(axis=0) for c in state.markers])
        diag = float(np.hypot(w, h))
        if self._captured_at is not None and not self._armed:
            moved = float(np.abs(_centroid(centres) - self._captured_at).max()) / diag
            if moved > 0.08:
                self._armed = True
        if self._last is not None and self._last.shape == centres.shape:
            motion = float(np.abs(centres - self._last).max()) / diag
            self._count = self._count + 1 if motion < self.tolerance else 0
        else:
            self._count = 0
        self._last = centres
        if not self._armed:
            state.steady = 1.0
            state.message = "Captured — show the next sheet"
            return state
        state.steady = min(1.0, self._count / self.steady_frames)
        if self._count >= self.steady_frames:
            state.capture = True
            self._armed = False
            self._captured_at = _centroid(centres)
            self.captures += 1
            state.message = "Captured"
        else:
            state.message = "Hold still…"
        return state

    def _nothing(self, state: FrameState, message: str) -> FrameState:
        self._count = 0
        self._last = None
        self._absent += 1
        if self._absent >= self.rearm_frames:
            self._armed = True
        state.message = message
        return state


def _centroid(points: np.ndarray) -> np.ndarray:
    return np.asarray(points.mean(axis=0))
