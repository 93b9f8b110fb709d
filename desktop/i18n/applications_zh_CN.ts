<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicationsPage</name>
    <message>
        <location filename="../views/applications.py" line="126" />
        <source>&amp;Applications</source>
        <translation>申请列表(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="127" />
        <source>&amp;Post-checks</source>
        <translation>事后核查(&amp;P)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="132" />
        <source>&amp;Front desk</source>
        <translation>一门受理(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="144" />
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="144" />
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="145" />
        <source>Refused</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="145" />
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="145" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="148" />
        <source>All tracks</source>
        <translation>全部办理方式</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="152" />
        <source>Any next step</source>
        <translation>全部待办步骤</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="157" />
        <source>All regions</source>
        <translation>全部区划</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="164" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="166" />
        <source>&amp;Overdue only</source>
        <translation>只看逾期(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="167" />
        <source>Status:</source>
        <translation>状态:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="167" />
        <source>Track:</source>
        <translation>办理方式:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="168" />
        <source>Next step:</source>
        <translation>待办步骤:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="168" />
        <source>Region:</source>
        <translation>区划:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="179" />
        <source>&amp;New application…</source>
        <translation>受理新申请(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="181" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="183" />
        <source>Publicity list (&amp;xlsx)…</source>
        <translation>公示名单 xlsx(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="185" />
        <source>Publicity list (P&amp;DF)…</source>
        <translation>公示名单 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="187" />
        <source>&amp;Monthly payments…</source>
        <translation>月度发放登记(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="188" />
        <source>Record a month's assistance payments for every running approval</source>
        <translation>为所有正在救助中的家庭登记某月的救助发放</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="193" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="218" />
        <source>&amp;Record result…</source>
        <translation>记录核查结果(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="220" />
        <source>&amp;Draw spot-check sample…</source>
        <translation>抽取随机抽查样本(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="222" />
        <source>&amp;Export sample list…</source>
        <translation>导出抽查样本名单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="224" />
        <source>Open &amp;application…</source>
        <translation>打开申请(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="238" />
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="241" />
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="243" />
        <source>O&amp;verdue only</source>
        <translation>只看逾期(&amp;V)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="285" />
        <source>Loading applications…</source>
        <translation>正在读取申请…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="291" />
        <source>{month}: {n} household(s) to record</source>
        <translation>{month} 待登记发放 {n} 户</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="299" />
        <source>{n} application(s), {overdue} overdue</source>
        <translation>共 {n} 件申请,逾期 {overdue} 件</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="301" />
        <source> (rows marked *)</source>
        <translation>(标 * 的行)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="313" />
        <source>{n} check(s) to do, {overdue} overdue</source>
        <translation>待核查 {n} 项,逾期 {overdue} 项</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="343" />
        <source>Applications</source>
        <translation>申请审批</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="343" />
        <source>Select an application in the list first.</source>
        <translation>请先在列表中选择一件申请。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="361" />
        <source>Save publicity list</source>
        <translation>保存公示名单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="371" />
        <source>Writing the publicity list…</source>
        <translation>正在生成公示名单…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="387" />
        <source>{n} payment(s) recorded</source>
        <translation>已登记发放 {n} 户</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="390" />
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="392" />
        <location filename="../views/applications.py" line="449" />
        <source>{n} row(s) saved to {path}</source>
        <translation>已保存 {n} 行到 {path}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="407" />
        <location filename="../views/applications.py" line="420" />
        <source>Post-checks</source>
        <translation>事后核查</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="407" />
        <location filename="../views/applications.py" line="420" />
        <source>Select a post-check first.</source>
        <translation>请先选择一项事后核查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="412" />
        <source>Revocation opened</source>
        <translation>已启动撤销追回</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="413" />
        <source>The check failed: assistance was stopped and revocation case {id} was opened.</source>
        <translation>核查未通过:已停止救助,并启动撤销追回(编号 {id})。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="428" />
        <source>Sample {id}: {n} drawn from {pop}, seed {seed}</source>
        <translation>样本 {id}:从 {pop} 户中抽取 {n} 户,随机种子 {seed}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="439" />
        <source>Spot checks</source>
        <translation>随机抽查</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="440" />
        <source>Draw a sample, or select a spot check of the sample to export.</source>
        <translation>请先抽取样本,或选择要导出的样本中的一项抽查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="443" />
        <source>Save sample list</source>
        <translation>保存抽查样本名单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="450" />
        <source>Writing the sample list…</source>
        <translation>正在生成抽查样本名单…</translation>
    </message>
</context>
<context>
    <name>ApplicationsTableModel</name>
    <message>
        <location filename="../views/applications.py" line="51" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="52" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="53" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="54" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="55" />
        <source>Track</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="56" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="57" />
        <source>Next step</source>
        <translation>待办步骤</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="58" />
        <source>Step due</source>
        <translation>步骤期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="59" />
        <source>Procedure due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="60" />
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="67" />
        <source>overdue by {n}</source>
        <translation>已逾期 {n}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="73" />
        <source> (extended)</source>
        <translation>(已延期)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="87" />
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>PostChecksTableModel</name>
    <message>
        <location filename="../views/applications.py" line="97" />
        <source>Application</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="98" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="99" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="100" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="101" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="102" />
        <source>Sample</source>
        <translation>抽查样本</translation>
    </message>
</context>
</TS>