<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../views/connection.py" line="170" />
        <source>Relief Desk — database connection</source>
        <translation>救助工作台 — 数据库连接</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <location filename="../views/connection.py" line="38" />
        <source>Use a &amp;local database on this computer (one office working alone)</source>
        <translation>使用本机数据库(单个科室独立使用)(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="39" />
        <source>Connect to the &amp;shared database server (PostgreSQL)</source>
        <translation>连接共享数据库服务器(PostgreSQL)(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="44" />
        <source>Local file: {path}</source>
        <translation>本机数据文件:{path}</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="49" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="60" />
        <source>&amp;Host:</source>
        <translation>服务器地址(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="61" />
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="62" />
        <source>&amp;Database:</source>
        <translation>数据库名(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="63" />
        <source>&amp;User:</source>
        <translation>用户名(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="64" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="66" />
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="105" />
        <source>Enter the server's name or address.</source>
        <translation>请输入服务器名称或地址。</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="126" />
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="152" />
        <source>Saved: this computer uses its local database.</source>
        <translation>已保存:本机使用本地数据库。</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="158" />
        <source>Saved. The password is kept in the system credential store.</source>
        <translation>已保存。密码保存在系统凭据管理器中。</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="160" />
        <source>Saved. This computer has no credential store: the password was not saved and will be asked for again.</source>
        <translation>已保存。本机没有可用的凭据管理器:密码未保存,下次需要重新输入。</translation>
    </message>
</context>
<context>
    <name>ConnectionTab</name>
    <message>
        <location filename="../views/connection.py" line="215" />
        <source>Now using: {where}</source>
        <translation>当前使用:{where}</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="218" />
        <source>&amp;Save (takes effect at the next start)</source>
        <translation>保存(下次启动生效)(&amp;E)</translation>
    </message>
</context>
</TS>