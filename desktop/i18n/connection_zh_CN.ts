<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../views/connection.py" line="200" />
        <source>Relief Desk — database connection</source>
        <translation>救助工作台 — 数据库连接</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <location filename="../views/connection.py" line="41" />
        <source>Use a &amp;local database on this computer (one office working alone)</source>
        <translation>使用本机数据库(单个科室独立使用)(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="42" />
        <source>Connect to the &amp;shared database server (PostgreSQL)</source>
        <translation>连接共享数据库服务器(PostgreSQL)(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="50" />
        <source>F&amp;ile:</source>
        <translation>文件(&amp;I):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="53" />
        <source>An existing database file, or a new one made at the next start. Empty: the default file {path}</source>
        <translation>已有的数据库文件,或一个新文件(下次启动时建立)。留空:使用默认文件 {path}</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="56" />
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="58" />
        <source>Bac&amp;k to the default</source>
        <translation>默认文件(&amp;K)</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="66" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="77" />
        <source>&amp;Host:</source>
        <translation>服务器地址(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="78" />
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="79" />
        <source>&amp;Database:</source>
        <translation>数据库名(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="80" />
        <source>&amp;User:</source>
        <translation>用户名(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="81" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="83" />
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="112" />
        <source>Local database file</source>
        <translation>本地数据库文件</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="113" />
        <source>Relief Desk database (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>救助工作台数据库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="139" />
        <source>Enter the server's name or address.</source>
        <translation>请输入服务器名称或地址。</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="160" />
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="181" />
        <source>Saved: this computer uses its local database {path}.</source>
        <translation>已保存:本机使用本地数据库 {path}。</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="188" />
        <source>Saved. The password is kept in the system credential store.</source>
        <translation>已保存。密码保存在系统凭据管理器中。</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="190" />
        <source>Saved. This computer has no credential store: the password was not saved and will be asked for again.</source>
        <translation>已保存。本机没有可用的凭据管理器:密码未保存,下次需要重新输入。</translation>
    </message>
</context>
<context>
    <name>ConnectionTab</name>
    <message>
        <location filename="../views/connection.py" line="241" />
        <source>Now using: {where}</source>
        <translation>当前使用:{where}</translation>
    </message>
    <message>
        <location filename="../views/connection.py" line="249" />
        <source>&amp;Save (takes effect at the next start)</source>
        <translation>保存(下次启动生效)(&amp;E)</translation>
    </message>
</context>
</TS>