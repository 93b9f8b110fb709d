<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Chart</name>
    <message>
        <location filename="../views/charts.py" line="138"/>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <location filename="../views/charts.py" line="139"/>
        <source>Save this chart as a PNG image</source>
        <translation>将此图保存为 PNG 图片</translation>
    </message>
    <message>
        <location filename="../views/charts.py" line="142"/>
        <source>xlsx…</source>
        <translation>xlsx…</translation>
    </message>
    <message>
        <location filename="../views/charts.py" line="143"/>
        <source>Save the numbers of this chart as an Excel workbook</source>
        <translation>将此图的数据保存为 Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../views/charts.py" line="256"/>
        <source>No records for this selection</source>
        <translation>当前筛选条件下没有记录</translation>
    </message>
    <message>
        <location filename="../views/charts.py" line="530"/>
        <source>click to list the records</source>
        <translation>单击列出明细记录</translation>
    </message>
    <message>
        <location filename="../views/charts.py" line="547"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
</context>
</TS>
