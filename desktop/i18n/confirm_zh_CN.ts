<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Confirm</name>
    <message>
        <location filename="../views/confirm.py" line="15" />
        <source>Discard your changes?</source>
        <translation>放弃您所做的修改吗?</translation>
    </message>
</context>
</TS>