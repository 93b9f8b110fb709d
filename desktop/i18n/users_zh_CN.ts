<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../views/users.py" line="45"/>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="58"/>
        <source>User name:</source>
        <translation>用户名:</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="59"/>
        <source>Full name:</source>
        <translation>姓名:</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="60"/>
        <source>Password:</source>
        <translation>密码:</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="61"/>
        <source>Role:</source>
        <translation>角色:</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="62"/>
        <source>Region:</source>
        <translation>所属区划:</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../views/users.py" line="85"/>
        <source>&amp;Add user…</source>
        <translation>添加用户(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <location filename="../views/users.py" line="29"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="30"/>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="31"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="32"/>
        <source>Region</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="33"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="38"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="38"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
</TS>
