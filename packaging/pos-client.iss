; Inno Setup script: a Windows installer from the one-folder bundle.
;   1. on the Windows build PC:  py -3.11 -m venv .venv
;                                .venv\Scripts\pip install .
;                                .venv\Scripts\python scripts\bundle --smoke
;   2. then:                     iscc packaging\pos-client.iss
;      (Inno Setup 6; the result is dist\pos-client-setup-<version>.exe)
; The installer puts the program in the user's %LOCALAPPDATA%\Programs\pos-client (no
; administrator rights needed) and a Start-menu and desktop shortcut to pos-client-window.exe.
; Uninstalling removes the program only: the terminal's data and config in
; %LOCALAPPDATA%\pos-client (database, unsent sales, journal) are never touched.

#define AppName "pos-client"
#define AppVersion "0.1.0"

[Setup]
AppId={{6F1C2B0E-7A53-4C55-9B7B-5D0C1E9A2F41}
AppName=Kalabarg pos-client
AppVersion={#AppVersion}
AppPublisher=Kalabarg
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName=Kalabarg pos-client
PrivilegesRequired=lowest
OutputDir=..\dist
OutputBaseFilename={#AppName}-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\pos-client-window.exe

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\pos-client\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\pos-client"; Filename: "{app}\pos-client-window.exe"
Name: "{group}\pos-client demo"; Filename: "{app}\pos-client-window.exe"; Parameters: "demo"
Name: "{group}\Uninstall pos-client"; Filename: "{uninstallexe}"
Name: "{autodesktop}\pos-client"; Filename: "{app}\pos-client-window.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\pos-client-window.exe"; Parameters: "demo"; Description: "Try the demo now"; Flags: nowait postinstall skipifsilent unchecked
