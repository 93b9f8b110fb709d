<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackgroundOperation</name>
    <message>
        <location filename="../views/operations.py" line="153" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="154" />
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="197" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>BusyDialog</name>
    <message>
        <location filename="../views/operations.py" line="380" />
        <source>Closing…</source>
        <translation>正在关闭…</translation>
    </message>
</context>
</TS>