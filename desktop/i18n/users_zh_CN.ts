<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../views/users.py" line="69" />
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="82" />
        <source>User name:</source>
        <translation>用户名:</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="83" />
        <source>Full name:</source>
        <translation>姓名:</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="84" />
        <source>Password:</source>
        <translation>密码:</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="85" />
        <source>Role:</source>
        <translation>角色:</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="86" />
        <source>Region:</source>
        <translation>所属区划:</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../views/users.py" line="109" />
        <source>&amp;Add user…</source>
        <translation>添加用户(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <location filename="../views/users.py" line="30" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="31" />
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="32" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="33" />
        <source>Region</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="34" />
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="62" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="62" />
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
</TS>