"""Camera sheet watching and the template builder, on real images through OpenCV."""

from __future__ import annotations

import cv2
import numpy as np

from app.grading.exam_camera import SheetWatcher, open_source
from app.grading.exam_template import (
    build_template,
    draw_sample_form,
    grid_block,
    points_per_pixel,
    snap_grid,
)
from app.grading.layout import design_sheet
from app.grading.read import read_page
from app.grading.synthetic import blank_page


def _frame(sheet: np.ndarray, shift: int = 0) -> np.ndarray:
    """The sheet on a dark desk, as a 4:3 camera frame."""
    desk = np.full((900, 1200), 60, np.uint8)
    small = cv2.resize(sheet, (600, 776), interpolation=cv2.INTER_AREA)
    desk[60:836, 300 + shift : 900 + shift] = small
    return cv2.cvtColor(desk, cv2.COLOR_GRAY2BGR)


def test_image_sequence_captures_each_steady_sheet_once(tmp_path) -> None:
    template = design_sheet(10, 4, id_digits=6)
    sheet = blank_page(template, 1, 100.0)
    frames = [np.full((900, 1200, 3), 60, np.uint8)] * 2
    frames += [_frame(sheet, s) for s in (-80, -40, 0)] + [_frame(sheet)] * 6  # slides in, then holds still
    frames += [np.full((900, 1200, 3), 60, np.uint8)] * 3  # taken away
    frames += [_frame(sheet, 20)] * 6  # the next sheet
    for i, f in enumerate(frames):
        cv2.imwrite(str(tmp_path / f"frame_{i:03d}.png"), f)
    cap = open_source(str(tmp_path / "frame_%03d.png"))
    watcher = SheetWatcher(template)
    captured = []
    n = 0
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        state = watcher.feed(frame)
        if state.capture:
            captured.append(n)
            assert state.complete and state.outline is not None
        n += 1
    assert n == len(frames)
    assert len(captured) == 2
    assert 5 <= captured[0] <= 9 and captured[1] >= 14


def test_template_builder_snaps_to_a_district_form_and_reads_it() -> None:
    form = draw_sample_form(questions=25, choices="ABCDE", id_digits=6)
    s = 150 / 72
    # A loose rectangle over questions 1-10 and one over the ID grid.
    q = snap_grid(form, (int(232 * s), int(122 * s), int(90 * s), int(190 * s)), 10, 5)
    assert q.snapped and q.found == 50 and q.row_group == 5
    i = snap_grid(form, (int(66 * s), int(122 * s), int(104 * s), int(174 * s)), 10, 6)
    ppp = points_per_pixel(form)
    blocks = [grid_block(q, "questions", list("ABCDE"), scale=ppp), grid_block(i, "id", list("0123456789"), scale=ppp)]
    assert abs(blocks[0].x - 250) < 1.5 and abs(blocks[0].y - 134) < 1.5
    template = build_template(form, blocks, name="District form")
    assert template.registration.method == "corners"
    filled = draw_sample_form(filled={1: "A", 2: "C", 7: "E"}, student_id="100042")
    # A slightly rotated scan still reads: registration uses the corner squares.
    h, w = filled.shape
    rot = cv2.warpAffine(filled, cv2.getRotationMatrix2D((w / 2, h / 2), 1.2, 1.0), (w, h), borderValue=255)
    r = read_page(rot, template)
    marks = {a.number: a.marked for a in r.answers}
    assert marks[1] == ["A"] and marks[2] == ["C"] and marks[7] == ["E"] and marks[3] == []
    assert r.student_id == "100042"


def test_a_video_file_works_as_the_camera_source(tmp_path) -> None:
    template = design_sheet(10, 4, id_digits=6)
    sheet = blank_page(template, 1, 100.0)
    path = tmp_path / "sheets.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (1200, 900))
    assert writer.isOpened()
    for f in [np.full((900, 1200, 3), 60, np.uint8)] * 2 + [_frame(sheet)] * 8:
        writer.write(f)
    writer.release()
    cap = open_source(str(path))
    watcher = SheetWatcher(template)
    captures = 0
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        captures += watcher.feed(frame).capture
    assert captures == 1
