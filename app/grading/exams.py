"""What the app shows of bubble-sheet exams: the read-only public API of the exam store.

Pages read exams, their sheets and the class roster through these; every change goes
through :mod:`app.grading.service` (one transaction, the gradebook kept in step, a
:class:`~app.core.changes.Done`). The store's own write helpers stay private to the core.
"""

from __future__ import annotations

from app.grading.exam_gradebook import StudentResult as StudentResult
from app.grading.exam_gradebook import student_results as student_results
from app.grading.exam_review import ANSWER as ANSWER
from app.grading.exam_review import PAGE as PAGE
from app.grading.exam_review import STUDENT as STUDENT
from app.grading.exam_review import VERSION as VERSION
from app.grading.exam_review import ReviewItem as ReviewItem
from app.grading.exam_review import decisions as decisions
from app.grading.exam_review import describe as describe
from app.grading.exam_review import review_queue as review_queue
from app.grading.exam_store import DUPLICATE as DUPLICATE
from app.grading.exam_store import ExamError as ExamError
from app.grading.exam_store import ExamInfo as ExamInfo
from app.grading.exam_store import ExamRow as ExamRow
from app.grading.exam_store import PageRow as PageRow
from app.grading.exam_store import RosterStudent as RosterStudent
from app.grading.exam_store import blank_key as blank_key
from app.grading.exam_store import exams_of_section as exams_of_section
from app.grading.exam_store import load_exam as load_exam
from app.grading.exam_store import page as page
from app.grading.exam_store import pages as pages
from app.grading.exam_store import roster as roster
from app.grading.exam_store import scan_image as scan_image
