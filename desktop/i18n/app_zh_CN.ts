<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="55"/>
        <location filename="../app.py" line="66"/>
        <source>Relief Desk</source>
        <translation>救助工作台</translation>
    </message>
</context>
</TS>
