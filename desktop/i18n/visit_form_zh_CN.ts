<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../views/visit_form.py" line="46" />
        <source>Record visit</source>
        <translation>登记走访</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="50" />
        <source>&lt;b&gt;{name}&lt;/b&gt; ({id}) · {community} · {stage}&lt;br&gt;Last visit: {last} · due by {due}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;({id})· {community} · {stage}&lt;br&gt;最近走访:{last} · 走访期限:{due}</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="52" />
        <source>never</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="64" />
        <source>Names of the visitors, e.g. 李明、王芳</source>
        <translation>走访人员姓名,例如 李明、王芳</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="66" />
        <source>What was found: income, health, expenses, needs…</source>
        <translation>走访发现的情况:收入、健康、支出、需求…</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="71" />
        <source>&amp;Unchanged: record the visit</source>
        <translation>无变化:登记走访(&amp;U)</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="72" />
        <source>&amp;Changed: re-assess the household</source>
        <translation>有变化:重新评估(&amp;C)</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="73" />
        <source>&amp;Eligible: start an application</source>
        <translation>符合条件:启动救助申请(&amp;E)</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="82" />
        <source>Visit &amp;date:</source>
        <translation>走访日期(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="83" />
        <source>&amp;Visitors:</source>
        <translation>走访人员(&amp;V):</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="84" />
        <source>&amp;Findings:</source>
        <translation>走访情况(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="85" />
        <source>Outcome:</source>
        <translation>走访结论:</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="87" />
        <source>&amp;Refer a special need to a department after saving</source>
        <translation>保存后转介特殊需求给相关部门(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/visit_form.py" line="88" />
        <source>Opens the referral form with the findings as the need.</source>
        <translation>保存后打开转介表,走访情况预先填作需要解决的问题。</translation>
    </message>
</context>
</TS>