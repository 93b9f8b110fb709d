<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Pages</name>
    <message>
        <location filename="../views/pages.py" line="16" />
        <source>Today's work</source>
        <translation>今日工作</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="16" />
        <source>Households</source>
        <translation>家庭档案</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="17" />
        <source>Discovery</source>
        <translation>主动发现</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="18" />
        <source>Assessment</source>
        <translation>综合评估</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="19" />
        <source>Monitoring board</source>
        <translation>监测预警</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="20" />
        <source>Applications</source>
        <translation>申请审批</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="22" />
        <source>Statistics</source>
        <translation>统计分析</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="23" />
        <source>Settings</source>
        <translation>系统设置</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="33" />
        <source>Use&amp;rs</source>
        <translation>用户管理(&amp;G)</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="34" />
        <source>Re&amp;gions</source>
        <translation>区划管理(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="35" />
        <source>Poli&amp;cy settings</source>
        <translation>政策参数(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="36" />
        <source>Holiday cal&amp;endar</source>
        <translation>节假日安排(&amp;J)</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="38" />
        <source>Data&amp;base connection</source>
        <translation>数据库连接(&amp;W)</translation>
    </message>
    <message>
        <location filename="../views/pages.py" line="39" />
        <source>&amp;Audit log</source>
        <translation>操作日志(&amp;C)</translation>
    </message>
</context>
</TS>