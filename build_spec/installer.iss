; Inno Setup 6 script: the installer of 服务群众工作台 (Windows, 64-bit).
;
; Build the folder first (README "Windows build"), then, in the checkout:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" build_spec\installer.iss
; Result: dist\installer\fwqz-setup-<version>.exe
;
; Installs dist\fwqz\ under Program Files (or, for a user without administrator
; rights, under %LOCALAPPDATA%\Programs), with a Start-menu and a desktop
; shortcut named 服务群众工作台. The folder holds two executables sharing _internal\:
; fwqz.exe (windowed: the shortcuts and "立即打开" start it) and fwqz-cli.exe
; (console: for the command line and Task Scheduler, e.g.
; "{app}\fwqz-cli.exe" --db … followups due --date … --out …). Both are installed
; (the whole folder is copied); fwqz-cli.exe gets no shortcut, as double-clicking
; it would only open the program with a console window behind it.
;
; The user's data is never touched. It lives in the data folder
; %LOCALAPPDATA%\fuwuqunzhong-gongzuotai\ (database fwqz.sqlite3, backups\,
; photos\, Logs\; desktop_app.APP_ID and desktop_app/paths.py), which is outside
; the program folder: Setup installs only into {app}, uninstall removes only the
; files Setup installed, and this script has no [UninstallDelete] entry and no
; [InstallDelete] entry outside {app}. An upgrade installs over the old version
; (same AppId) and the program migrates the database at its next start, after a
; backup.

#define AppName "服务群众工作台"
#define ExeName "fwqz.exe"
#define CliExeName "fwqz-cli.exe"
#define BundleDir "..\dist\fwqz"
; The version comes from the exe's version information, itself generated from
; desktop_app.__version__ (build_spec/version_info.py): nothing to keep in step.
#define ExePath AddBackslash(SourcePath) + BundleDir + "\" + ExeName
#if !FileExists(ExePath)
  #error "dist\fwqz\fwqz.exe not found: build the folder first (README: Windows build)"
#endif
#if !FileExists(AddBackslash(SourcePath) + BundleDir + "\" + CliExeName)
  #error "dist\fwqz\fwqz-cli.exe not found: build the folder with the current spec (README: Windows build)"
#endif
#define AppVersion GetVersionNumbersString(ExePath)

[Setup]
; Never change AppId: it is how an upgrade finds the installed copy.
AppId={{6B0E4C1A-5F3D-4E8B-9C2A-7D1F0B3E5A64}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=服务群众管理办公室
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install needs no administrator; an administrator may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#ExeName}
UninstallDisplayName={#AppName}
OutputDir=..\dist\installer
OutputBaseFilename=fwqz-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running copy is asked to close (it saves as it goes) before files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
; This Inno Setup has no Chinese translation (ChineseSimplified.isl: shipped with
; recent Inno Setup 6 releases; for older ones put the file from
; jrsoftware.org/files/istrans/ into its Languages folder): the wizard's own
; buttons are then in English, our texts stay Chinese.
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "快捷方式："

[InstallDelete]
; An upgrade first clears the old version's program files (never the data folder),
; so that no library of the previous build is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole folder: fwqz.exe, fwqz-cli.exe and _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Shortcuts only for the windowed fwqz.exe; fwqz-cli.exe is for consoles and scheduled tasks.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#ExeName}"; WorkingDir: "{app}"; Comment: "{#AppName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#ExeName}"; WorkingDir: "{app}"; Comment: "{#AppName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#ExeName}"; Description: "立即打开{#AppName}"; Flags: nowait postinstall skipifsilent

[Messages]
; Shown at the end of the uninstall: where the data still is.
UninstalledAll=%1 已从电脑上删除。%n%n数据（数据库、备份、照片、日志）仍保留在用户数据文件夹%nAppData\Local\fuwuqunzhong-gongzuotai 中，重新安装后可以继续使用。
