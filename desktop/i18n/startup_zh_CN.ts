<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StartupWindow</name>
    <message>
        <location filename="../views/startup.py" line="61"/>
        <location filename="../views/startup.py" line="71"/>
        <source>Relief Desk</source>
        <translation>救助工作台</translation>
    </message>
    <message>
        <location filename="../views/startup.py" line="77"/>
        <source>Connecting to the database {address}…</source>
        <translation>正在连接数据库 {address}…</translation>
    </message>
    <message>
        <location filename="../views/startup.py" line="88"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../views/startup.py" line="107"/>
        <source>Upgrading the database structure…</source>
        <translation>正在升级数据结构…</translation>
    </message>
</context>
</TS>
