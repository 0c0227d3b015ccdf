; Inno Setup script: installs TeacherDesk for the current user only, so it works on
; locked-down district machines without administrator rights.
; Build the PyInstaller folder first (installer/teacherdesk.spec), then compile this.
[Setup]
AppName=TeacherDesk
AppVersion=0.1.0
AppPublisher=TeacherDesk
DefaultDirName={localappdata}\Programs\TeacherDesk
DefaultGroupName=TeacherDesk
PrivilegesRequired=lowest
OutputBaseFilename=TeacherDesk-Setup
Compression=lzma2
SolidCompression=yes
DisableProgramGroupPage=yes

[Files]
Source: "..\..\dist\TeacherDesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{userprograms}\TeacherDesk"; Filename: "{app}\TeacherDesk.exe"
Name: "{userdesktop}\TeacherDesk"; Filename: "{app}\TeacherDesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\TeacherDesk.exe"; Description: "Open TeacherDesk"; Flags: nowait postinstall skipifsilent
