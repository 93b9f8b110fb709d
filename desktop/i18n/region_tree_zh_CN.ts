<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RegionTree</name>
    <message>
        <location filename="../views/region_tree.py" line="31"/>
        <source>Regions</source>
        <translation>行政区划</translation>
    </message>
</context>
</TS>
