# Build the Windows installer of callpanel (run in PowerShell from the checkout, on Windows 10/11
# x64 with Python 3.11+ from python.org and Inno Setup 6 installed):
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Result: dist\callpanel-VERSION-windows-x64-setup.exe (per-user install, no administrator).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$version = (Select-String -Path callpanel\__init__.py -Pattern '^__version__ = "(.+)"').Matches[0].Groups[1].Value

if (-not (Test-Path build\package-venv-win)) { py -3 -m venv build\package-venv-win }
$py = "build\package-venv-win\Scripts\python.exe"
# the app's pinned dependencies from pyproject.toml, and PyInstaller
$deps = & $py -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))"
& $py -m pip install -q --disable-pip-version-check "pyinstaller>=6.10,<7" @($deps -split "`n")
if ($LASTEXITCODE) { throw "pip failed" }

# the .ico from the hand-drawn SVG (Qt renders it; sizes 16-256)
& $py packaging\windows\make_ico.py
if ($LASTEXITCODE) { throw "make_ico failed" }

& $py -m PyInstaller --noconfirm --distpath build\dist --workpath build\work packaging\pyinstaller\callpanel.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }
& build\dist\callpanel\callpanel.exe --version

$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { $iscc = Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" packaging\windows\callpanel.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
