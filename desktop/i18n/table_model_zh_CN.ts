<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ColumnChooser</name>
    <message>
        <location filename="../views/table_model.py" line="292" />
        <source>Always shown</source>
        <translation>始终显示</translation>
    </message>
    <message>
        <location filename="../views/table_model.py" line="298" />
        <source>&amp;Restore default columns</source>
        <translation>恢复默认列(&amp;R)</translation>
    </message>
</context>
</TS>