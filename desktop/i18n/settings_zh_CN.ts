<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../views/settings.py" line="24"/>
        <source>Your role has no settings to change.</source>
        <translation>您的角色没有可更改的设置。</translation>
    </message>
</context>
</TS>
