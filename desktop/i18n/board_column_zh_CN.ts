<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoardColumn</name>
    <message>
        <location filename="../views/board_column.py" line="205"/>
        <source>Last visit: {day} ({days} days ago)</source>
        <translation>最近走访:{day}({days} 天前)</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="208"/>
        <location filename="../views/board_column.py" line="314"/>
        <source>Never visited</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="210"/>
        <source>Next visit due by {day}</source>
        <translation>下次走访期限:{day}</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="212"/>
        <source>Open referrals: {n} (overdue: {late})</source>
        <translation>未办结转介:{n} 件(逾期 {late} 件)</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="215"/>
        <source>Assistance ends: assisted until {day}</source>
        <translation>即将停止救助:救助至 {day}</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="260"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="263"/>
        <source>Referral {n}</source>
        <translation>转介 {n}</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="265"/>
        <source>Exiting</source>
        <translation>渐退</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="315"/>
        <source>{days} days since visit</source>
        <translation>{days} 天未走访</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="317"/>
        <source>{days} days ago</source>
        <translation>{days} 天前</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="327"/>
        <source>{days} d</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="327"/>
        <source>next year {md}</source>
        <translation>明年{md}</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="329"/>
        <source>last year {md}</source>
        <translation>去年{md}</translation>
    </message>
    <message>
        <location filename="../views/board_column.py" line="296"/>
        <source>Due {date}</source>
        <translation>应访 {date}</translation>
    </message>
</context>
</TS>
