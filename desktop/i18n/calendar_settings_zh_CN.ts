<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CalendarSettingsTab</name>
    <message>
        <location filename="../views/calendar_settings.py" line="83" />
        <source>Deadlines count working days: weekends and statutory holidays are skipped, make-up working days count. The holiday library carries the published years; enter a new year here when the State Council publishes it. Until then, deadlines in that year are estimates and are marked so.</source>
        <translation>办理期限按工作日计算:跳过周末和法定节假日,调休上班日计入。节假日库包含已公布的年份;国务院公布新一年的安排后请在此录入。录入之前,该年份的期限均为估算并会明确标注。</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="107" />
        <source>e.g. the State Council notice number</source>
        <translation>例如国务院办公厅通知文号</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="108" />
        <source>&amp;Year:</source>
        <translation>年份(&amp;Y):</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="109" />
        <source>Days &amp;off (one date or range per line):</source>
        <translation>放假日期(每行一个日期或范围)(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="110" />
        <source>&amp;Make-up working days:</source>
        <translation>调休上班日期(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="111" />
        <source>&amp;Source:</source>
        <translation>依据(&amp;B):</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="113" />
        <source>&amp;Save year</source>
        <translation>保存该年(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="115" />
        <source>&amp;Remove entries of this year</source>
        <translation>删除该年的录入(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="126" />
        <source>Only an administrator can change the calendar.</source>
        <translation>只有系统管理员可以修改节假日安排。</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="150" />
        <location filename="../views/calendar_settings.py" line="221" />
        <location filename="../views/calendar_settings.py" line="223" />
        <location filename="../views/calendar_settings.py" line="233" />
        <location filename="../views/calendar_settings.py" line="252" />
        <location filename="../views/calendar_settings.py" line="261" />
        <source>Calendar</source>
        <translation>节假日安排</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="151" />
        <source>The days typed for {year} are not saved. Discard them and show {other}?</source>
        <translation>为 {year} 年填写的日期尚未保存。放弃这些内容并显示 {other} 年吗?</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="219" />
        <source>The holidays of {year} are saved.</source>
        <translation>{year} 年节假日安排已保存。</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="225" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="234" />
        <source>The holiday calendar is still being saved and the open deadlines recomputed. Close the window again when that is done.</source>
        <translation>节假日安排正在保存,未办结的期限正在重新计算。请待完成后再关闭窗口。</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="241" />
        <source>No deadline still open moved.</source>
        <translation>没有未办结的期限因此改变。</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="243" />
        <source>whole procedure {n}</source>
        <translation>办结期限 {n} 个</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="243" />
        <source>next step {n}</source>
        <translation>本步期限 {n} 个</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="244" />
        <source>written refusal {n}</source>
        <translation>不予批准书面通知期限 {n} 个</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="245" />
        <source>Deadlines still open that moved: {total} ({kinds}), in {apps} application(s).</source>
        <translation>因此改变的未办结期限 {total} 个({kinds}),涉及申请 {apps} 件。</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="246" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="253" />
        <source>Remove the entries of {year}? Its deadlines fall back to the holiday library or to an estimate.</source>
        <translation>确定删除 {year} 年的录入吗?该年的期限将改按节假日库或估算计算。</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="261" />
        <source>The entries of {year} are removed.</source>
        <translation>已删除 {year} 年的录入安排。</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="264" />
        <source>Removing…</source>
        <translation>正在删除…</translation>
    </message>
</context>
<context>
    <name>YearsTableModel</name>
    <message>
        <location filename="../views/calendar_settings.py" line="53" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="54" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="55" />
        <source>Days off</source>
        <translation>放假天数</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="56" />
        <source>Make-up days</source>
        <translation>调休上班天数</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="57" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="62" />
        <source>Entered by an administrator</source>
        <translation>管理员录入</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="64" />
        <source>Holiday library</source>
        <translation>节假日库</translation>
    </message>
    <message>
        <location filename="../views/calendar_settings.py" line="66" />
        <source>Unknown: weekends and fixed holidays only</source>
        <translation>未知:仅按周末和固定节日估算</translation>
    </message>
</context>
</TS>