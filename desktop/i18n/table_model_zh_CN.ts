<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ColumnChooser</name>
    <message>
        <location filename="../views/table_model.py" line="262" />
        <source>Choose the columns shown (also a right click on the column headers)</source>
        <translation>选择显示哪些列(也可在列标题上单击右键)</translation>
    </message>
    <message>
        <location filename="../views/table_model.py" line="332" />
        <source>Always shown</source>
        <translation>始终显示</translation>
    </message>
    <message>
        <location filename="../views/table_model.py" line="338" />
        <source>&amp;Restore default columns</source>
        <translation>恢复默认列(&amp;R)</translation>
    </message>
</context>
</TS>