<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AnalysisTab</name>
    <message>
        <source>Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difficulty p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point-biserial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upper–lower D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the key: top scorers chose {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not discriminate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} students · mean {1} · SD {2} · reliability KR-20 {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possibly mis-keyed (in red): {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>difficulty p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discrimination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashed line: discrimination 0.2 (below it a question says little about who knows the material). Red: the key may be wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssignmentDialog</name>
    <message>
        <source>Edit assignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New assignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra credit (adds points, never lowers a grade)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores come from a scanned bubble-sheet exam.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A title is needed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>Present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tardy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(term)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttendanceTab</name>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark all present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks everyone present on the selected day (today if no day is selected); students already marked keep their mark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P present · A absent · T tardy · E excused · Delete clears</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a day&apos;s column first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 marked present; %3 already had a mark.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarCategories</name>
    <message>
        <source>Individual student planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Senior meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Individual counseling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classroom lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsive services / crisis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consultation (families, teachers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral / collaboration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>College visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test date (PSAT, SAT/ACT, AP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application / aid deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program management / planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-counseling duty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy (imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class (timetable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarImportDialog</name>
    <message>
        <source>Import calendar: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the events that are days without school: only those become days off, and lessons skip them. Events marked free in the file (such as A/B-day labels) never do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked free in the file: never a day off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A timed event: imported as an event, not a day off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} events; {1} suggested as days without school; {2} skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>◀ Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel one occurrence of a repeating event (the rest stay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import .ics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export .ics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click an empty time to add an event there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda (4 weeks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School calendar (imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next 4 weeks: {h:.1f} h scheduled; direct student services {d:.0%}, direct + indirect {b:.0%} — {v} the ASCA recommendation of {t:.0%}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No timed events in the next 4 weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this event (every occurrence)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only repeating events have dates to skip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export .ics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose whose calendar to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {0} events to {1}; times are in {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import .ics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {0}: {1} days off, {2} busy times, {3} events, {4} updated.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraTab</name>
    <message>
        <source>Camera number (0 = the laptop&apos;s camera), a video file, or an image sequence like frames/frame_%03d.png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the camera and hold the answer sheets up one after another.
A sheet is captured when all four corner marks are in view and it is still.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera or video:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or create an exam first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera needs TeacherDesk sheets (corner codes); scan this form instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the camera or file {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The video ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture from the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured sheet {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheets captured: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoriesDialog</name>
    <message>
        <source>Categories and grading policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop lowest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighted categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing work counts as zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing work is left out until turned in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letters and the lowest percent for each, e.g. A 90, B 80, C 70, D 60, F 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standards-based marks (1–4) instead of letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Late penalty (of points possible)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grading scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights add up to %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(grades are rescaled to the weights used)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos;: write a letter and its lowest percent, like &apos;B+ 87&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the scale needs at least one letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lowest letter needs 0 so every grade gets one (e.g. &apos;F 0&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClassDialog</name>
    <message>
        <source>Edit class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentsTab</name>
    <message>
        <source>A comment for this student&apos;s progress report, printed as written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add phrase to bank…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment bank (filled in for this student; double-click to insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phrase (use {name}, {they}, {them}, {their}, {is}, {has}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConferencesPage</name>
    <message>
        <source>Add day…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move day (snow day)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite all families</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move meeting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print PDFs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher away…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family times…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interpreters…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff languages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why not placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a conference day to begin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not scheduled yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} requests, none scheduled yet: press Schedule… to place them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests yet: press Invite all families.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} requests, {1} booked, {2} not placed. Yellow: moved by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New date (YYYY-MM-DD):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved the day to {0}; every meeting kept its time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {0} requests from families&apos; classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} meetings are already booked. Keep them and place only the requests still waiting, or start over?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting over can move families who already have their times. Meetings moved by hand always stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduling conferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a meeting first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move this meeting to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This time has conflicts:
• {0}

Move anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; run Schedule again to place meetings around the absence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interpreters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the PDFs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayDialog</name>
    <message>
        <source>Conference day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passing time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break (same start and end: none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most meetings in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walking time between rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conferences</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Senior meeting, Lunch group, SAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All day (test dates, deadlines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeats every week until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip holidays and days off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” is not a time; type it like {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} students chosen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV for Excel, in this computer&apos;s language (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV, UTF-8 with commas (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canvas gradebook import (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Classroom grade import (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OneRoster 1.2 CSV set (a folder) (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export .ics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counselor (own calendar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times are written in {0}, the school&apos;s time zone (change it in Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show students&apos; full names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No {0} in this workspace yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add one first (Conferences ▸ Staff languages…, or &apos;teacherdesk staff add --role counselor&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full names will be in the file. Share it only with people allowed to see these students&apos; records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own calendar shows full names; student meetings are marked private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students appear as initials only and every event is marked private.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradeTable</name>
    <message>
        <source>Edit note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo last edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores pasted: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradebookModel</name>
    <message>
        <source>No category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (not counted in the grade)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>excused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counted in the grade: this work has no category with a weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a scanned bubble-sheet exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counted in the grade: give it a category with a weight (Edit assignment…) to count it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the missing flag was removed (the work came in).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the score is saved and kept %2; press the letter again to remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An excused score does not count in the grade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 more rows than students were left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradebookPage</name>
    <message>
        <source>New assignment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit assignment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories &amp;&amp; policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grades (or, on the Attendance tab, the attendance) as an Excel workbook, CSV, or for Canvas, Google Classroom or OneRoster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type points, Enter ↓ Tab →.  M missing · L late · X excused · I incomplete · Delete clears · Ctrl+Z undoes · right-click for a note · Ctrl+V pastes a column from a spreadsheet.  (scan) = from a scanned exam, ★ = extra credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No classes yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gradebook shows one class at a time. Import your roster or add a class on the Classes &amp; Students page first; its students then appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Classes &amp;&amp; Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: %1 scores put back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on a score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 (leave empty to remove the note)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New assignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit assignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a cell in the assignment&apos;s column first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradingPage</name>
    <message>
        <source>New exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exam &amp;&amp; key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template builder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exam:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(new exam)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “{0}” with its scans and review decisions? Scores already in the gradebook stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review ({0})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InterpreterDialog</name>
    <message>
        <source>Interpreters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyGrid</name>
    <message>
        <source>Key {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question {0}: points must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question {0}: partial credit should look like B=0.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question {0}: {1} is not a choice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageListEdit</name>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Type or pick a language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>The workspace could not be unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Classes &amp; Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timetable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace {0} — encrypted, stored only on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(demo workspace)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;{0} could not be opened&lt;/h3&gt;&lt;p&gt;{1}&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open with &amp;recovery key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About TeacherDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace is already open, so this computer has its key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} could not be opened: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened {0} with its recovery key; this computer has its key again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TeacherDesk backups (*.tdw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace everything in this workspace with the backup {0}?

The current state is backed up first, so this can be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace was restored. The previous state was saved as {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About TeacherDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;TeacherDesk {0}&lt;/h3&gt;&lt;p&gt;Grading, schedules and progress reports for teachers and counselors. Everything stays on this computer, encrypted; TeacherDesk never connects to the network.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move meeting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenWithRecoveryKeyDialog</name>
    <message>
        <source>Open with recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the workspace file (.tdw) and type the recovery key printed on its recovery sheet. Dashes and spaces do not matter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TeacherDesk workspace (*.tdw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the workspace file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the recovery key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print answer sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank sheets (students bubble their ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised sheets for the class (name and ID printed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} page(s) to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save answer sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the printer could not start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Your recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Write down or print this recovery key&lt;/h3&gt;&lt;p&gt;It opens your workspace if this computer loses its stored key or you forget the passphrase. It is shown only now. Keep it locked away like a student record.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF to print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have written down or printed the recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Each family&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build PDFs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the combined PDF of the last build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All classes (whole school)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No translation yet for %1: those families get English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No students in this choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save reports to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a file; choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building progress reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; the PDFs already written stay in the folder, no combined PDF was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reports saved in %2 (%3 s); for printing: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not built: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing page %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reports could not be printed: %1

The PDF is still saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1 pages to the printer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a student to see the sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a question to zoom on it; the mouse wheel zooms the scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-key a question…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a question…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put scores in the gradebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change student…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected sheet belongs to someone else (an ID bubbled wrong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each question (click one to zoom on the scan):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} students graded ({2} complete) · class average {3}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>double mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your decisions on this sheet (purple):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read as scanned; no decisions on this sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a student&apos;s row first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose sheet is this? (type to search)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-key a question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct answer(s) for question {0} (e.g. C, or BD for either):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some questions have no answer in the key. Publish anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores are in the gradebook; later changes follow on their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This class has no gradebook categories. Type a name to make this its first category (e.g. Tests), or keep “(no category)”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradebook category of “{0}” (it counts in the weighted grade through it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the gradebook yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the gradebook yet: {0} score(s) waiting — press “Put scores in the gradebook”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the gradebook as {0}: {1} final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, {0} provisional (marked incomplete until their sheets are reviewed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, {0} kept as you edited them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. Later changes follow on their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} sheet(s) wait for their student (Review).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <source>Nothing to review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name or ID to find the student…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set page aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown student (ID {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No student ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys: {0} choose · Shift+letter adds a mark · 0 blank · ↑ ↓ move · Enter accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys: the version letter · ↑ ↓ move · Enter accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search the class, pick the student, Enter accepts. Set the page aside if it is a rescan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This page could not be read. Rescan it, then set this one aside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read: {0}    Your choice: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a student of this class from the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>Import roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name (Last, First)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent/guardian name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent first name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Courses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parents and guardians</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student–family links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrollments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class teachers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what your student information system exported:
• a OneRoster 1.1 or 1.2 CSV set — a folder or a .zip with orgs.csv, users.csv, classes.csv, enrollments.csv…
• or one CSV file with a row per student (or per student and class); you will match its columns in the next step.

Importing again later updates the same students and classes; it never duplicates them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder, .zip or .csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the good part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a roster file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rosters (*.zip *.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a OneRoster folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A OneRoster CSV set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Clever CSV set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A School Data Sync (v1) CSV set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A School Data Sync (v2.1) CSV set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CSV export; next, match its columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} rows. Check what each column holds; the first rows are shown below. Columns set to “(not imported)” are left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name and Last name (or Full name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still needed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing is imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} row(s) have problems (listed below with what will happen to each). Import the good part now, or cancel and ask for a corrected export. Import will make these changes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything checks out. Import will make these changes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} problem(s) found; nothing will be imported until they are fixed. Fix them in your SIS export (file and line below) and check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The good part of the roster is imported; {0} row(s) were not, or only in part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The roster is imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported as is: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roster imported from {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guardians</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search students and classes (name, ID, teacher, room)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add class…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add student…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import roster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start here: bring in your classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace has no classes or students yet. Import the roster your school&apos;s system exports (OneRoster, Clever, or a CSV file), or add a class and its students by hand. Gradebook, grading and reports fill in from these classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a class…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Classes&lt;/b&gt; ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;All students&lt;/b&gt; ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Students in {1}&lt;/b&gt; ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {0} ({1}) with all their grades, attendance and enrollments?

You can undo this with Undo delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the class {0} with its assignments and grades? Students stay in the school.

You can undo this with Undo delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo delete of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {0}. Undo is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roster import is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanTab</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop scans here — image files, PDFs or whole folders — or pick them:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing being read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans to grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or create an exam first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still reading the previous batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not read — these are not scans (images or PDFs): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other %1 file(s) are being read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some files are not scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scans found there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown ID {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>second sheet for this student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after {0} page(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: {0} page(s) read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading stopped: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchoolYearDialog</name>
    <message>
        <source>School year, terms, holidays and bell times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 2026–27</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terms (semesters, quarters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Fall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holidays and breaks (no school)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Thanksgiving break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No school (other)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bell times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save bell times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These are standard times, not yet your school&apos;s: edit them and save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class lessons in the calendar start and end at these times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Term not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holiday not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {0}: give the period and its start and end, e.g. 1, 8:00 AM, 8:50 AM.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>School</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar files (.ics) and conference letters use this time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save school details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School year, terms, holidays and bell times…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lets you open this workspace on a computer without a password store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup is taken automatically once a day and before every upgrade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now writes into this folder, e.g. a USB stick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beside the workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore selected backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent changes (audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s language on this computer. A change applies the next time TeacherDesk starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from the next start. Close and reopen TeacherDesk to switch now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demo key (invented data only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer&apos;s password store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Encrypted&lt;/b&gt; (SQLCipher, 256-bit key). File: {0}&lt;br&gt;Opens with: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now writes beside the workspace: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not there now — plug in the drive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now writes to: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School details not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School details saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase (at least 10 characters):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use at least 10 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not the same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ; nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup folder not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups go to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a backup in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace everything in this workspace with the backup of {0}?

The current state is backed up first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupTab</name>
    <message>
        <source>e.g. Unit 3 Quiz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices per question: 4 = A–D, 5 = A–E, up to 10 = A–J</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student ID digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points per question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradebook category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print sheets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key from CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key from a scanned key sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the answers: a letter fills the cell and moves down; Shift+letter adds another correct answer; A+C (F2 to edit) means both must be marked. Partial credit: B=0.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create another exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the exam first, then type its key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer yet for question(s) {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a class first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exam created; type its key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key saved; every sheet re-scored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded from {0}; check it, then Save key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key from CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key from a scanned key sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answers could be read from that sheet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Staff and languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a staff member first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffEditDialog</name>
    <message>
        <source>Edit staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaks with families
(besides English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the person&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffRoles</name>
    <message>
        <source>Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentDialog</name>
    <message>
        <source>Edit student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Guardian&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language for letters and reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplateTab</name>
    <message>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student ID digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter grid (names)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (marks, timing track, else features)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corner marks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timing track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page edges (photos on a dark desk only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a scan of the blank form, then drag a rectangle over a block of bubbles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load blank form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find bubbles and marks automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renumber selected block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snap grid and add block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test on a filled scan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use for this exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rectangle holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block of bubbles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the bubbles automatically, or drag a rectangle over a block of bubbles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a blank form first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a block of questions first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what the rectangle holds, then Snap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a form and drag a rectangle first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>questions {0}–{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ID digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>letter grid, {0} letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapped to {0} bubbles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no bubbles found: spaced evenly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page edges, as chosen: scans and photos must show a darker background around the page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feature alignment, as chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} not found on this form; using: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} questions, {1} ID digits, {2} other grids. Alignment: {3}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filled scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add blocks first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification: {0} of {1} blocks confirmed by the printed bubbles ({2}%).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alignment: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified: {0} – {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student ID: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an exam and build the template first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This exam now reads the district form; type its key in Setup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimesDialog</name>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave 00:00 for no limit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimetableGridModel</name>
    <message>
        <source>locked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimetablePage</name>
    <message>
        <source>Timetable:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import FET file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build from my classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One activity of four lessons a week per class, taught by its teachers in its room; shared students never clash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sample school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock / unlock lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit (s):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export FET…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print to PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts and notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({placed}/{total} placed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No timetable yet: import a FET file or start from a sample school.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wish not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not placed: {lesson}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not honoured: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{placed} of {total} lessons placed · {hard} conflicts · {soft} wishes not met (penalty {penalty})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That lesson does not fit there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved to {where}: {n} conflict(s) — {first}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved to {where}: no conflicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a lesson in the grid first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked {n} lesson(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocked {n} lesson(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timetable not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for a first timetable…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best timetable so far: penalty {p} ({placed} of {total} lessons placed, after {s:.0f} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimal timetable (proven); penalty {p}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meets every hard rule; {n} constraints of {k} types were not considered ({types}); penalty {p} (best found, not proven optimal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meets every hard rule; penalty {p} (best found, not proven optimal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solved in {s:.1f} s (first timetable after {f:.1f} s). </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No timetable can meet every hard constraint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No timetable found in the time given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the best partial timetable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The solver stopped with an error: {m}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solving cancelled; the timetable is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {n} activities from {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace has no classes yet: add them on the Classes page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample school</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed {n} page(s) to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import FET file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FET files (*.fet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export FET file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print timetable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete timetable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this timetable from the workspace?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the passphrase of this workspace, or its recovery key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or recovery key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to TeacherDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to TeacherDesk&lt;/h2&gt;&lt;p&gt;Your classes, grades and schedules are kept in one &lt;b&gt;workspace&lt;/b&gt; file on this computer, encrypted. Nothing is ever sent over the network.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Riverside Middle School</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar files and conference letters use this time zone. It starts as this computer&apos;s; change it in Settings later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School&apos;s time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save it as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no password store, so choose a passphrase (at least 10 characters) to lock the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a workspace file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save workspace as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TeacherDesk workspace (*.tdw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter your school&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” is not a time zone. Pick one from the list, e.g. America/Chicago.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use at least 10 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
