<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicationsPage</name>
    <message>
        <location filename="../views/applications.py" line="175"/>
        <source>&amp;Applications</source>
        <translation>申请列表(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="176"/>
        <source>&amp;Post-checks</source>
        <translation>事后核查(&amp;P)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="181"/>
        <source>&amp;Front desk</source>
        <translation>一门受理(&amp;F)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="193"/>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="193"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="194"/>
        <source>Refused</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="194"/>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="194"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="197"/>
        <source>All tracks</source>
        <translation>全部办理方式</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="201"/>
        <source>Any next step</source>
        <translation>全部待办步骤</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="206"/>
        <source>All regions</source>
        <translation>全部区划</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="213"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="215"/>
        <source>&amp;Overdue only</source>
        <translation>只看逾期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="216"/>
        <source>Status:</source>
        <translation>状态:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="216"/>
        <source>Track:</source>
        <translation>办理方式:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="217"/>
        <source>Next step:</source>
        <translation>待办步骤:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="217"/>
        <source>Region:</source>
        <translation>区划:</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="228"/>
        <source>&amp;New application…</source>
        <translation>受理新申请(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="230"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="232"/>
        <source>Publicity list (&amp;xlsx)…</source>
        <translation>公示名单 xlsx(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="234"/>
        <source>Publicity list (P&amp;DF)…</source>
        <translation>公示名单 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="236"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="261"/>
        <source>&amp;Record result…</source>
        <translation>记录核查结果(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="263"/>
        <source>&amp;Draw spot-check sample…</source>
        <translation>抽取随机抽查样本(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="265"/>
        <source>&amp;Export sample list…</source>
        <translation>导出抽查样本名单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="267"/>
        <source>Open &amp;application…</source>
        <translation>打开申请(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="299"/>
        <source>Loading applications…</source>
        <translation>正在读取申请…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="307"/>
        <source>{n} application(s), {overdue} overdue</source>
        <translation>共 {n} 件申请,逾期 {overdue} 件</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="309"/>
        <source> (rows marked *)</source>
        <translation>(标 * 的行)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="360"/>
        <source>Save publicity list</source>
        <translation>保存公示名单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="370"/>
        <source>Writing the publicity list…</source>
        <translation>正在生成公示名单…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="386"/>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="388"/>
        <location filename="../views/applications.py" line="440"/>
        <source>{n} row(s) saved to {path}</source>
        <translation>已保存 {n} 行到 {path}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="400"/>
        <source>Post-checks</source>
        <translation>事后核查</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="400"/>
        <source>Select a post-check first.</source>
        <translation>请先选择一项事后核查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="405"/>
        <source>Revocation opened</source>
        <translation>已启动撤销追回</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="406"/>
        <source>The check failed: assistance was stopped and revocation case {id} was opened.</source>
        <translation>核查未通过:已停止救助,并启动撤销追回(编号 {id})。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="419"/>
        <source>Sample {id}: {n} drawn from {pop}, seed {seed}</source>
        <translation>样本 {id}:从 {pop} 户中抽取 {n} 户,随机种子 {seed}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="430"/>
        <source>Spot checks</source>
        <translation>随机抽查</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="431"/>
        <source>Draw a sample, or select a spot check of the sample to export.</source>
        <translation>请先抽取样本,或选择要导出的样本中的一项抽查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="434"/>
        <source>Save sample list</source>
        <translation>保存抽查样本名单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="441"/>
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
        <location filename="../views/applications.py" line="94"/>
        <source> (extended)</source>
        <translation>(已延期)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="106"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>PostChecksTableModel</name>
    <message>
        <location filename="../views/applications.py" line="114"/>
        <source>Application</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="115"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="116"/>
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="117"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="118"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="119"/>
        <source>Sample</source>
        <translation>抽查样本</translation>
    </message>
</context>
</TS>
