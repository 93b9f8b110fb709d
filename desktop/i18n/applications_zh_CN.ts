<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicationsPage</name>
    <message>
        <location filename="../views/applications.py" line="136"/>
        <source>&amp;Applications</source>
        <translation>申请列表(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="137"/>
        <source>&amp;Post-checks</source>
        <translation>事后核查(&amp;P)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="142"/>
        <source>&amp;Front desk</source>
        <translation>一门受理(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="154"/>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="154"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="155"/>
        <source>Refused</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="155"/>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="155"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="158"/>
        <source>All tracks</source>
        <translation>全部办理方式</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="162"/>
        <source>Any next step</source>
        <translation>全部待办步骤</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="167"/>
        <source>All regions</source>
        <translation>全部区划</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="174"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="176"/>
        <source>&amp;Overdue only</source>
        <translation>只看逾期(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="177"/>
        <source>Status:</source>
        <translation>状态:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="177"/>
        <source>Track:</source>
        <translation>办理方式:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="178"/>
        <source>Next step:</source>
        <translation>待办步骤:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="178"/>
        <source>Region:</source>
        <translation>区划:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="189"/>
        <source>&amp;New application…</source>
        <translation>受理新申请(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="191"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="193"/>
        <source>Publicity list (&amp;xlsx)…</source>
        <translation>公示名单 xlsx(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="195"/>
        <source>Publicity list (P&amp;DF)…</source>
        <translation>公示名单 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="197"/>
        <source>&amp;Monthly payments…</source>
        <translation>月度发放登记(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="198"/>
        <source>Record a month&apos;s assistance payments for every running approval</source>
        <translation>为所有正在救助中的家庭登记某月的救助发放</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="203"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="229"/>
        <source>&amp;Record result…</source>
        <translation>记录核查结果(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="231"/>
        <source>&amp;Draw spot-check sample…</source>
        <translation>抽取随机抽查样本(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="233"/>
        <source>&amp;Export sample list…</source>
        <translation>导出抽查样本名单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="235"/>
        <source>Open &amp;application…</source>
        <translation>打开申请(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="249"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="252"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="254"/>
        <source>Overdue on&amp;ly</source>
        <translation>只看逾期(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="299"/>
        <source>Loading applications…</source>
        <translation>正在读取申请…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="305"/>
        <source>{month}: {n} household(s) to record</source>
        <translation>{month} 待登记发放 {n} 户</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="308"/>
        <source>not recorded: {months}</source>
        <translation>以前月份未登记:{months}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="310"/>
        <source>written refusals to serve: {n} ({late} late)</source>
        <translation>不予批准通知书待送达 {n} 件(逾期 {late} 件)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="319"/>
        <source>{n} application(s), {overdue} overdue</source>
        <translation>共 {n} 件申请,逾期 {overdue} 件</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="321"/>
        <source> (rows marked *)</source>
        <translation>(标 * 的行)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="333"/>
        <source>{n} check(s) to do, {overdue} overdue</source>
        <translation>待核查 {n} 项,逾期 {overdue} 项</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="363"/>
        <source>Applications</source>
        <translation>申请审批</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="363"/>
        <source>Select an application in the list first.</source>
        <translation>请先在列表中选择一件申请。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="381"/>
        <source>Save publicity list</source>
        <translation>保存公示名单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="391"/>
        <source>Writing the publicity list…</source>
        <translation>正在生成公示名单…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="407"/>
        <source>{n} payment(s) recorded</source>
        <translation>已登记发放 {n} 户</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="410"/>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="412"/>
        <location filename="../views/applications.py" line="469"/>
        <source>{n} row(s) saved to {path}</source>
        <translation>已保存 {n} 行到 {path}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="427"/>
        <location filename="../views/applications.py" line="440"/>
        <source>Post-checks</source>
        <translation>事后核查</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="427"/>
        <location filename="../views/applications.py" line="440"/>
        <source>Select a post-check first.</source>
        <translation>请先选择一项事后核查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="432"/>
        <source>Revocation opened</source>
        <translation>已启动撤销追回</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="433"/>
        <source>The check failed: assistance was stopped and revocation case {id} was opened.</source>
        <translation>核查未通过:已停止救助,并启动撤销追回(编号 {id})。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="448"/>
        <source>Sample {id}: {n} drawn from {pop}, seed {seed}</source>
        <translation>样本 {id}:从 {pop} 户中抽取 {n} 户,随机种子 {seed}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="459"/>
        <source>Spot checks</source>
        <translation>随机抽查</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="460"/>
        <source>Draw a sample, or select a spot check of the sample to export.</source>
        <translation>请先抽取样本,或选择要导出的样本中的一项抽查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="463"/>
        <source>Save sample list</source>
        <translation>保存抽查样本名单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="470"/>
        <source>Writing the sample list…</source>
        <translation>正在生成抽查样本名单…</translation>
    </message>
</context>
<context>
    <name>ApplicationsTableModel</name>
    <message>
        <location filename="../views/applications.py" line="52"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="53"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="54"/>
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="55"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="56"/>
        <source>Track</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="57"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="58"/>
        <source>Next step</source>
        <translation>待办步骤</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="59"/>
        <source>Step due</source>
        <translation>步骤期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="60"/>
        <source>Procedure due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="61"/>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="68"/>
        <source>overdue by {n}</source>
        <translation>已逾期 {n}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="74"/>
        <source> (extended)</source>
        <translation>(已延期)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="90"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>PostChecksTableModel</name>
    <message>
        <location filename="../views/applications.py" line="100"/>
        <source>Application</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="101"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="102"/>
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="103"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="104"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="105"/>
        <source>Sample</source>
        <translation>抽查样本</translation>
    </message>
</context>
</TS>
