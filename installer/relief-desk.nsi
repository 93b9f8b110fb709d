; Relief Desk (救助工作台) per-user installer: no administrator rights, Start-menu and desktop
; shortcuts, an uninstaller that keeps the user's data unless asked. Chinese pages.
; Compile: makensis /DVERSION=0.1.0 /DDIST=..\dist\relief-desk installer\relief-desk.nsi
Unicode true
ManifestDPIAware true
RequestExecutionLevel user

!ifndef VERSION
  !searchparse /file "..\pyproject.toml" 'version = "' VERSION '"'
!endif
!ifndef DIST
  !define DIST "..\dist\relief-desk"
!endif
!define APPNAME "救助工作台"
!define APPKEY "ReliefDesk"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"

Name "${APPNAME} ${VERSION}"
OutFile "..\dist\relief-desk-setup-${VERSION}.exe"
InstallDir "$LOCALAPPDATA\Programs\ReliefDesk"
InstallDirRegKey HKCU "Software\${APPKEY}" "InstallDir"
SetCompressor /SOLID lzma
BrandingText "${APPNAME} ${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "nsDialogs.nsh"

!define MUI_ICON "..\desktop\resources\relief-desk.ico"
!define MUI_UNICON "..\desktop\resources\relief-desk.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\relief-desk.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.KeepDataPage un.KeepDataLeave
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "西塞山区民政局"

Section "主程序" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  RMDir /r "$INSTDIR\_internal"
  File /r "${DIST}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\relief-desk.exe" "" "$INSTDIR\relief-desk.exe" 0
  CreateShortcut "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\relief-desk.exe" "" "$INSTDIR\relief-desk.exe" 0
  WriteRegStr HKCU "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "西塞山区民政局"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\relief-desk.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

; The uninstaller keeps the database and settings unless the user ticks the box.
Var RemoveData
Var RemoveDataBox

Function un.KeepDataPage
  !insertmacro MUI_HEADER_TEXT "保留数据" "选择是否同时删除本机的数据"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 36u "卸载只删除程序文件。本机数据库、设置和日志默认保留,重新安装后可以继续使用。"
  Pop $0
  ${NSD_CreateCheckbox} 0 44u 100% 12u "同时删除本机的数据库、设置和日志(不可恢复)"
  Pop $RemoveDataBox
  nsDialogs::Show
FunctionEnd

Function un.KeepDataLeave
  ${NSD_GetState} $RemoveDataBox $RemoveData
FunctionEnd

Section "Uninstall"
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APPNAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\relief-desk.exe"
  Delete "$INSTDIR\relief-desk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ${If} $RemoveData == ${BST_CHECKED}
    RMDir /r "$LOCALAPPDATA\ReliefDesk"
    RMDir /r "$APPDATA\ReliefDesk"
  ${EndIf}
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\${APPKEY}"
SectionEnd
