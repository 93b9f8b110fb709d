# Build the Windows one-folder bundle and the per-user installer.
# Needs Python 3.11+ and NSIS (makensis on PATH). Run from a Developer PowerShell:
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
python -m pip install -q -e . "pyinstaller>=6.5"
python scripts/build_translations.py
python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build installer/relief-desk.spec
$env:QT_QPA_PLATFORM = "offscreen"
$tmp = New-Item -ItemType Directory -Path (Join-Path $env:TEMP ("relief-smoke-" + [guid]::NewGuid()))
$env:RELIEF_DESK_DATA_DIR = $tmp.FullName
& dist\relief-desk\relief-desk-cli.exe --smoke-test --database-url ("sqlite:///" + ($tmp.FullName -replace '\\','/') + "/smoke.sqlite3")
if ($LASTEXITCODE -ne 0) { throw "smoke test failed" }
Remove-Item Env:QT_QPA_PLATFORM
$version = (Select-String -Path pyproject.toml -Pattern '^version\s*=\s*"([^"]+)"').Matches[0].Groups[1].Value
makensis /DVERSION=$version /DDIST=..\dist\relief-desk installer\relief-desk.nsi
Write-Host "installer: dist\relief-desk-setup-$version.exe"
