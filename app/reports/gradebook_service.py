"""The gradebook's public API for the app: what a page reads and the use cases it runs.

Reads take a session from ``ws.read()`` (or the workspace); every change is a service
returning :class:`~app.core.changes.Done`, called through ``run_op``. The modules behind
this one (:mod:`app.reports.gradebook_store`, :mod:`app.reports.gradebook_edits`) are the
core's own; the app names only this module.
"""

from __future__ import annotations

from app.reports.gradebook_edits import mark_all_present as mark_all_present
from app.reports.gradebook_edits import score_notes as score_notes
from app.reports.gradebook_edits import set_score_note as set_score_note
from app.reports.gradebook_edits import undo_last_edit as undo_last_edit
from app.reports.gradebook_store import ATTENDANCE_STATUSES as ATTENDANCE_STATUSES
from app.reports.gradebook_store import CellError as CellError
from app.reports.gradebook_store import Grid as Grid
from app.reports.gradebook_store import StudentRow as StudentRow
from app.reports.gradebook_store import add_assignment as add_assignment
from app.reports.gradebook_store import add_bank_phrase as add_bank_phrase
from app.reports.gradebook_store import attendance_totals as attendance_totals
from app.reports.gradebook_store import comment_bank as comment_bank
from app.reports.gradebook_store import ensure_default_bank as ensure_default_bank
from app.reports.gradebook_store import load_attendance as load_attendance
from app.reports.gradebook_store import load_grid as load_grid
from app.reports.gradebook_store import parse_cell as parse_cell
from app.reports.gradebook_store import save_attendance as save_attendance
from app.reports.gradebook_store import save_class_setup as save_class_setup
from app.reports.gradebook_store import save_mark as save_mark
from app.reports.gradebook_store import save_marks as save_marks
from app.reports.gradebook_store import save_term_comment as save_term_comment
from app.reports.gradebook_store import section_choices as section_choices
from app.reports.gradebook_store import term_choices as term_choices
from app.reports.gradebook_store import term_comment as term_comment
from app.reports.gradebook_store import toggle_flag as toggle_flag
from app.reports.gradebook_store import update_assignment as update_assignment
