<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../views/login.py" line="61"/>
        <source>Relief Desk — first run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="63"/>
        <source>This database has no users yet. Create the administrator account; the administrator then adds the other staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="74"/>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="75"/>
        <source>&amp;Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="76"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="77"/>
        <source>&amp;Repeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="84"/>
        <source>Create and log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="85"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="93"/>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../views/login.py" line="18"/>
        <source>Relief Desk — log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="20"/>
        <source>Database: {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="27"/>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="28"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="35"/>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../views/login.py" line="36"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
