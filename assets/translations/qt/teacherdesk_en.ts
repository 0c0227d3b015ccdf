<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>PrintDialog</name>
    <message numerus="yes">
        <source>%n page(s) to print.</source>
        <translation>
            <numerusform>%n page to print.</numerusform>
            <numerusform>%n pages to print.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message numerus="yes">
        <source>%n comment-bank phrase(s) left out: no version in the family&apos;s language. Add the translation in the comment bank.</source>
        <translation>
            <numerusform>%n comment-bank phrase left out: it has no version in the family&apos;s language. Add the translation in the comment bank.</numerusform>
            <numerusform>%n comment-bank phrases left out: they have no version in the family&apos;s language. Add the translation in the comment bank.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message numerus="yes">
        <source>Not in the gradebook yet: %n score(s) waiting — press “Put scores in the gradebook”.</source>
        <translation>
            <numerusform>Not in the gradebook yet: %n score waiting — press “Put scores in the gradebook”.</numerusform>
            <numerusform>Not in the gradebook yet: %n scores waiting — press “Put scores in the gradebook”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s) wait for their student (Review).</source>
        <translation>
            <numerusform>%n sheet waits for its student (Review).</numerusform>
            <numerusform>%n sheets wait for their student (Review).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message numerus="yes">
        <source>%n row(s) have problems (listed below with what will happen to each). Import the good part now, or cancel and ask for a corrected export. Import will make these changes:</source>
        <translation>
            <numerusform>%n row has problems (listed below with what will happen to it). Import the good part now, or cancel and ask for a corrected export. Import will make these changes:</numerusform>
            <numerusform>%n rows have problems (listed below with what will happen to each). Import the good part now, or cancel and ask for a corrected export. Import will make these changes:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found; nothing will be imported until they are fixed. Fix them in your SIS export (file and line below) and check again.</source>
        <translation>
            <numerusform>%n problem found; nothing will be imported until it is fixed. Fix it in your SIS export (file and line below) and check again.</numerusform>
            <numerusform>%n problems found; nothing will be imported until they are fixed. Fix them in your SIS export (file and line below) and check again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The good part of the roster is imported; %n row(s) were not, or only in part.</source>
        <translation>
            <numerusform>The good part of the roster is imported; %n row was not, or only in part.</numerusform>
            <numerusform>The good part of the roster is imported; %n rows were not, or only in part.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanTab</name>
    <message numerus="yes">
        <source>The other %n file(s) are being read.</source>
        <translation>
            <numerusform>The other file is being read.</numerusform>
            <numerusform>The other %n files are being read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n page(s).</source>
        <translation>
            <numerusform>Cancelled after %n page.</numerusform>
            <numerusform>Cancelled after %n pages.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n page(s) read.</source>
        <translation>
            <numerusform>Done: %n page read.</numerusform>
            <numerusform>Done: %n pages read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimetablePage</name>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n wish(es) not met (penalty {penalty})</source>
        <translation>
            <numerusform>%n wish not met (penalty {penalty})</numerusform>
            <numerusform>%n wishes not met (penalty {penalty})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved to {where}: %n conflict(s) — {first}</source>
        <translation>
            <numerusform>Moved to {where}: %n conflict — {first}</numerusform>
            <numerusform>Moved to {where}: %n conflicts — {first}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Locked %n lesson(s).</source>
        <translation>
            <numerusform>Locked %n lesson.</numerusform>
            <numerusform>Locked %n lessons.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unlocked %n lesson(s).</source>
        <translation>
            <numerusform>Unlocked %n lesson.</numerusform>
            <numerusform>Unlocked %n lessons.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printed %n page(s) to {file}.</source>
        <translation>
            <numerusform>Printed %n page to {file}.</numerusform>
            <numerusform>Printed %n pages to {file}.</numerusform>
        </translation>
    </message>
</context>
</TS>
