"""What this process is, as other processes are told when it holds a workspace lock
("'teacherdesk grade'", "the TeacherDesk app"). Set once at start-up; kept apart from
app.store so that setting it loads nothing else (the store's package import loads the
database layer, a second or more that commands such as ``timetable solve`` never need)."""

from __future__ import annotations

name = "TeacherDesk"
