<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../views/today.py" line="1" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/today.py" line="1" />
        <source>Holiday &amp;calendar…</source>
        <translation>节假日安排(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../views/today.py" line="1" />
        <source>Loading today's work…</source>
        <translation>正在读取今日工作…</translation>
    </message>
    <message>
        <location filename="../views/today.py" line="1" />
        <source>Each figure opens the list it counts; “late” opens the late ones only. The page follows what is done here and on the other workstations.</source>
        <translation>点击数字打开它所统计的列表;点击“逾期”只看逾期的。本页随本机和其他工作站的办理自动更新。</translation>
    </message>
    <message>
        <location filename="../views/today.py" line="1" />
        <source>Today's work · {date} · {scope}</source>
        <translation>今日工作 · {date} · {scope}</translation>
    </message>
    <message>
        <location filename="../views/today.py" line="1" />
        <source>as of {time}</source>
        <translation>更新于 {time}</translation>
    </message>
    <message>
        <location filename="../views/today.py" line="1" />
        <source>Open: {where}</source>
        <translation>打开:{where}</translation>
    </message>
    <message>
        <location filename="../views/today.py" line="1" />
        <source>{n:,} late</source>
        <translation>逾期 {n:,}</translation>
    </message>
    <message>
        <location filename="../views/today.py" line="1" />
        <source>Open the late ones only</source>
        <translation>只打开逾期的</translation>
    </message>
    <message>
        <location filename="../views/today.py" line="1" />
        <source>not loaded</source>
        <translation>未能读取</translation>
    </message>
</context>
</TS>
