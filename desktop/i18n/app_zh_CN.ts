<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="88"/>
        <location filename="../app.py" line="99"/>
        <source>Relief Desk</source>
        <translation>救助工作台</translation>
    </message>
    <message>
        <location filename="../app.py" line="120"/>
        <source>Connecting to the database {address} was cancelled: it did not answer. Check the connection settings, or try again later.</source>
        <translation>已取消连接数据库 {address}:它没有应答。请检查连接设置,或稍后再试。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../app.py" line="45"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../app.py" line="46"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
