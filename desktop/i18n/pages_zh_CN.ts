<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Pages</name>
    <message>
        <location filename="../views/pages.py" line="16"/>
        <source>Households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="17"/>
        <source>Discovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="18"/>
        <source>Assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="19"/>
        <source>Monitoring board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="20"/>
        <source>Applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="21"/>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="22"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="30"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
