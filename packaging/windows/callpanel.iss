; Inno Setup 6 script: a per-user installer for callpanel on Windows 10/11 (no administrator).
; Build the folder first (build.ps1 does both):
;   pyinstaller --noconfirm --distpath build\dist --workpath build\work packaging\pyinstaller\callpanel.spec
;   iscc /DAppVersion=0.2.0 packaging\windows\callpanel.iss
; Installs into %LOCALAPPDATA%\Programs\callpanel, registers callpanel as a handler of tel: and
; callto: links for this user (offered in Settings > Apps > Default apps), optionally starts it
; at login, and removes all of that on uninstall. Settings, history and the log stay in the
; user's profile (%LOCALAPPDATA%\callpanel); the AMI secret stays in the Credential Locker.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (it is written in callpanel/__init__.py)
#endif
#define SourceDir "..\..\build\dist\callpanel"

[Setup]
AppId={{6C1F2A8E-0B7D-4E55-9A3C-5D2B8C1E7F40}
AppName=CallPanel
AppVersion={#AppVersion}
AppPublisher=callpanel contributors
DefaultDirName={localappdata}\Programs\callpanel
DefaultGroupName=CallPanel
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=callpanel-{#AppVersion}-windows-x64-setup
SetupIconFile=callpanel.ico
UninstallDisplayIcon={app}\callpanel.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ChangesAssociations=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "startup"; Description: "Start CallPanel when I sign in"; GroupDescription: "Start:"
Name: "links"; Description: "Open tel: and callto: links with CallPanel"; GroupDescription: "Links:"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\CallPanel"; Filename: "{app}\callpanel.exe"
Name: "{userprograms}\CallPanel (demo PBX)"; Filename: "{app}\callpanel.exe"; Parameters: "--demo"

[Registry]
; tel: and callto: as URL protocols of this user: "callpanel.exe" "%1" hands the link to the
; running panel (single instance through a local socket), which asks before dialling.
Root: HKCU; Subkey: "Software\Classes\callpanel.tel"; ValueType: string; ValueData: "URL:Telephone link"; Flags: uninsdeletekey; Tasks: links
Root: HKCU; Subkey: "Software\Classes\callpanel.tel"; ValueName: "URL Protocol"; ValueType: string; ValueData: ""; Tasks: links
Root: HKCU; Subkey: "Software\Classes\callpanel.tel\DefaultIcon"; ValueType: string; ValueData: """{app}\callpanel.exe"",0"; Tasks: links
Root: HKCU; Subkey: "Software\Classes\callpanel.tel\shell\open\command"; ValueType: string; ValueData: """{app}\callpanel.exe"" ""%1"""; Tasks: links
; the schemes themselves, for browsers that look only there
Root: HKCU; Subkey: "Software\Classes\tel"; ValueType: string; ValueData: "URL:tel"; Flags: uninsdeletekeyifempty; Tasks: links
Root: HKCU; Subkey: "Software\Classes\tel"; ValueName: "URL Protocol"; ValueType: string; ValueData: ""; Tasks: links
Root: HKCU; Subkey: "Software\Classes\tel\shell\open\command"; ValueType: string; ValueData: """{app}\callpanel.exe"" ""%1"""; Flags: uninsdeletekey; Tasks: links
Root: HKCU; Subkey: "Software\Classes\callto"; ValueType: string; ValueData: "URL:callto"; Flags: uninsdeletekeyifempty; Tasks: links
Root: HKCU; Subkey: "Software\Classes\callto"; ValueName: "URL Protocol"; ValueType: string; ValueData: ""; Tasks: links
Root: HKCU; Subkey: "Software\Classes\callto\shell\open\command"; ValueType: string; ValueData: """{app}\callpanel.exe"" ""%1"""; Flags: uninsdeletekey; Tasks: links
; Default Apps (Windows 10/11 lets the user pick callpanel for tel:/callto: in Settings)
Root: HKCU; Subkey: "Software\callpanel\Capabilities"; ValueName: "ApplicationName"; ValueType: string; ValueData: "CallPanel"; Flags: uninsdeletekey; Tasks: links
Root: HKCU; Subkey: "Software\callpanel\Capabilities"; ValueName: "ApplicationDescription"; ValueType: string; ValueData: "Call panel for Asterisk operators"; Tasks: links
Root: HKCU; Subkey: "Software\callpanel\Capabilities\URLAssociations"; ValueName: "tel"; ValueType: string; ValueData: "callpanel.tel"; Tasks: links
Root: HKCU; Subkey: "Software\callpanel\Capabilities\URLAssociations"; ValueName: "callto"; ValueType: string; ValueData: "callpanel.tel"; Tasks: links
Root: HKCU; Subkey: "Software\RegisteredApplications"; ValueName: "CallPanel"; ValueType: string; ValueData: "Software\callpanel\Capabilities"; Flags: uninsdeletevalue; Tasks: links
; start at login (the user can switch it off in Task Manager > Startup apps)
; the same value the panel's own "Start at login" setting writes (callpanel/ui/autostart.py)
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueName: "callpanel"; ValueType: string; ValueData: """{app}\callpanel.exe"" --minimized"; Flags: uninsdeletevalue; Tasks: startup

[Run]
Filename: "{app}\callpanel.exe"; Description: "Start CallPanel"; Flags: nowait postinstall skipifsilent
