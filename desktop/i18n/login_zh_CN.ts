<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../views/login.py" line="80" />
        <source>Relief Desk — first run</source>
        <translation>救助工作台 — 首次运行</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="82" />
        <source>This database has no users yet. Create the administrator account; the administrator then adds the other staff.</source>
        <translation>此数据库还没有任何用户。请创建系统管理员账号,之后由管理员添加其他工作人员。</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="93" />
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="94" />
        <source>&amp;Full name:</source>
        <translation>姓名(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="95" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="96" />
        <source>&amp;Repeat password:</source>
        <translation>确认密码(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="104" />
        <source>Create and log in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="106" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="116" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="132" />
        <source>Creating the administrator…</source>
        <translation>正在创建管理员…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../views/login.py" line="23" />
        <source>Relief Desk — log in</source>
        <translation>救助工作台 — 登录</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="25" />
        <source>Database: {where}</source>
        <translation>数据库:{where}</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="32" />
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="33" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="41" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="43" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../views/login.py" line="69" />
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
</TS>