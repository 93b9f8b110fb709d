<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoardColumn</name>
    <message>
        <location filename="../views/board_column.py" line="212" />
        <source>Last visit: {day} (today)</source>
        <translation>最近走访:{day}(今天)</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="214" />
        <source>Last visit: {day} ({days} days ago)</source>
        <translation>最近走访:{day}({days} 天前)</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="217" />
        <location filename="../views/board_column.py" line="325" />
        <source>Never visited</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="219" />
        <source>Next visit due by {day}</source>
        <translation>下次走访期限:{day}</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="221" />
        <source>Open referrals: {n} (overdue: {late})</source>
        <translation>未办结转介:{n} 件(逾期 {late} 件)</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="224" />
        <source>Assistance ends: assisted until {day}</source>
        <translation>即将停止救助:救助至 {day}</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="269" />
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="272" />
        <source>Referral {n}</source>
        <translation>转介 {n}</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="274" />
        <source>Exiting</source>
        <translation>渐退</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="327" />
        <source>Visited today</source>
        <translation>今天已走访</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="328" />
        <source>{days} days since visit</source>
        <translation>{days} 天未走访</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="329" />
        <source>{days} days ago</source>
        <translation>{days} 天前</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="330" />
        <source>{days} d</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="341" />
        <source>next year {md}</source>
        <translation>明年{md}</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="343" />
        <source>last year {md}</source>
        <translation>去年{md}</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="305" />
        <source>Due {date}</source>
        <translation>应访 {date}</translation>
    </message>
</context>
</TS>