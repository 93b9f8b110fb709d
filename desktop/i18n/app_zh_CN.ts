<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="40" />
        <source>Relief Desk</source>
        <translation>救助工作台</translation>
    </message>
</context>
</TS>