<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../views/main_window.py" line="49"/>
        <source>Relief Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="114"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="115"/>
        <source>E&amp;xit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="119"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="125"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="126"/>
        <source>&amp;About Relief Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="133"/>
        <source>Database: {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="134"/>
        <source>User: {name} ({role}, {region})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="136"/>
        <source>Schema: {rev}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="145"/>
        <source>About Relief Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="146"/>
        <source>Relief Desk {version}
Social-assistance work for the district civil-affairs office:
discover first, assess first, warn first, commit early, assist early.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotAvailablePage</name>
    <message>
        <location filename="../views/main_window.py" line="39"/>
        <source>{title}

This area is not available yet in this version.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
