<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../views/main_window.py" line="74" />
        <location filename="../views/main_window.py" line="153" />
        <location filename="../views/main_window.py" line="158" />
        <location filename="../views/main_window.py" line="268" />
        <source>Relief Desk</source>
        <translation>救助工作台</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="153" />
        <source>Your role cannot open this area.</source>
        <translation>您的角色无权打开此功能。</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="158" />
        <source>This area is not available yet.</source>
        <translation>此功能在当前版本中尚不可用。</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="175" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="176" />
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="183" />
        <source>&amp;Back up the database…</source>
        <translation>备份数据库(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="184" />
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="1" />
        <source>A&amp;utomatic backup…</source>
        <translation>自动备份设置(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="189" />
        <source>The shared database is backed up on its server</source>
        <translation>共享数据库在服务器上统一备份</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="192" />
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="196" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="202" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="203" />
        <source>&amp;About Relief Desk</source>
        <translation>关于救助工作台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="210" />
        <source>Database: {where}</source>
        <translation>数据库:{where}</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="211" />
        <source>User: {name} ({role}, {region})</source>
        <translation>用户:{name}({role},{region})</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="213" />
        <source>Schema: {rev}</source>
        <translation>结构版本:{rev}</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="231" />
        <source>Connected to the database again; the lists have been refreshed.</source>
        <translation>已重新连接到数据库,各列表已刷新。</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="235" />
        <source>The connection to the database is lost; reconnecting by itself. Until it is back, changes made on other computers are not shown and nothing can be saved.</source>
        <translation>与数据库的连接已中断,正在自动重新连接。恢复之前,其他电脑所做的修改不会显示,也无法保存任何内容。</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="249" />
        <source>{n} families' gradual exit after employment has ended: their assistance stopped and they moved to the library chosen at the decision.</source>
        <translation>{n} 户就业渐退期已满:已停止救助,并转入决定时选定的库别。</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="268" />
        <source>Your password was changed.</source>
        <translation>密码已修改,下次登录请使用新密码。</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="274" />
        <source>Relief Desk {version}
Social-assistance work for the district civil-affairs office:
discover first, assess first, warn first, commit early, assist early.

Database: {database}
Log file: {log}
Settings file: {settings}</source>
        <translation>救助工作台 {version}
区民政局社会救助工作平台:
先发现、先评估、先预警、早承诺、早救助。

数据库:{database}
日志文件:{log}
设置文件:{settings}</translation>
    </message>
    <message>
        <location filename="../views/main_window.py" line="280" />
        <source>About Relief Desk</source>
        <translation>关于救助工作台</translation>
    </message>
</context>
<context>
    <name>NotAvailablePage</name>
    <message>
        <location filename="../views/main_window.py" line="64" />
        <source>{title}

This area is not available yet in this version.</source>
        <translation>{title}

此功能在当前版本中尚不可用。</translation>
    </message>
</context>
</TS>