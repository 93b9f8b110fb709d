<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../views/users.py" line="148" />
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="149" />
        <source>Reset the password of {name}</source>
        <translation>重置 {name} 的密码</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="158" />
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="159" />
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="160" />
        <source>&amp;Repeat it:</source>
        <translation>再次输入(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="172" />
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="186" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../views/users.py" line="53" />
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="53" />
        <source>Edit user {name}</source>
        <translation>修改用户 {name}</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="67" />
        <source>&amp;May log in</source>
        <translation>启用(可以登录)(&amp;M)</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="69" />
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="70" />
        <source>Full &amp;name:</source>
        <translation>姓名(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="72" />
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W):</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="73" />
        <source>&amp;Role:</source>
        <translation>角色(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="74" />
        <source>Re&amp;gion:</source>
        <translation>所属区划(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="105" />
        <source>Choose the district</source>
        <translation>请选择区</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="105" />
        <source>Choose a sub-district or town</source>
        <translation>请选择街道或镇</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="106" />
        <source>Choose a community or village</source>
        <translation>请选择社区或村</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="106" />
        <source>Choose a region</source>
        <translation>请选择区划</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="113" />
        <source>Choose the region the account belongs to.</source>
        <translation>请选择账号所属的区划。</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="123" />
        <source>Stop account {name}? It can no longer log in; its records and history stay.</source>
        <translation>停用账号 {name}?停用后不能再登录;其经办的记录和历史保留不变。</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../views/users.py" line="196" />
        <source>&amp;Add user…</source>
        <translation>添加用户(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="198" />
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="200" />
        <source>Reset &amp;password…</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="202" />
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="203" />
        <source>Let an account locked after wrong passwords log in again at once</source>
        <translation>让因连续输错密码被锁定的账号立即可以重新登录</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="238" />
        <location filename="../views/users.py" line="253" />
        <location filename="../views/users.py" line="267" />
        <location filename="../views/users.py" line="271" />
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="238" />
        <source>Select a user first.</source>
        <translation>请先选择一个用户。</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="254" />
        <source>The password of {name} was reset. Tell the user in person.</source>
        <translation>已重置 {name} 的密码。请当面告知本人,并提醒其登录后在“文件 → 修改我的密码”中改为自己的密码。</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="267" />
        <source>{name} is unlocked and may log in again.</source>
        <translation>已解锁 {name},现在可以重新登录。</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="271" />
        <source>{name} is not locked.</source>
        <translation>{name} 没有被锁定,无需解锁。</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <location filename="../views/users.py" line="31" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="32" />
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="33" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="34" />
        <source>Region</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="35" />
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="36" />
        <source>Check</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="40" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="40" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../views/users.py" line="42" />
        <source>{active}, locked until {time}</source>
        <translation>{active}(已锁定至 {time})</translation>
    </message>
</context>
</TS>