<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../views/errors.py" line="30"/>
        <source>Relief Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="38"/>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="40"/>
        <source>Relief Desk hit an unexpected error. Your saved data is safe; the action that failed was not saved. Please copy the report below and send it to IT.
The report was also written to: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="49"/>
        <source>Copy report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
