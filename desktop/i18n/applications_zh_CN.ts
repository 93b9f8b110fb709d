<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicationsPage</name>
    <message>
        <location filename="../views/applications.py" line="155" />
        <source>&amp;Applications</source>
        <translation>申请列表(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="156" />
        <source>&amp;Post-checks</source>
        <translation>事后核查(&amp;P)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="162" />
        <source>&amp;Front desk</source>
        <translation>一门受理(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="176" />
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="177" />
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="178" />
        <source>Refused</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="178" />
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="179" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="182" />
        <source>All tracks</source>
        <translation>全部办理方式</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="186" />
        <source>Any next step</source>
        <translation>全部待办步骤</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="191" />
        <source>All regions</source>
        <translation>全部区划</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="198" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="218" />
        <source>&amp;New application…</source>
        <translation>受理新申请(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="220" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="222" />
        <source>Publicity list (&amp;xlsx)…</source>
        <translation>公示名单 xlsx(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="224" />
        <source>Publicity list (P&amp;DF)…</source>
        <translation>公示名单 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="226" />
        <source>Export the list as a wor&amp;kbook…</source>
        <translation>导出列表(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="227" />
        <source>Every application under the filters (not only the first {n:,} shown) as an Excel list; the export is logged</source>
        <translation>把符合筛选条件的全部申请(不限于列表显示的前 {n:,} 条)导出为 Excel 清单;导出记入操作日志</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="231" />
        <source>&amp;Monthly payments…</source>
        <translation>月度发放登记(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="232" />
        <source>Record a month's assistance payments for every running approval</source>
        <translation>为所有正在救助中的家庭登记某月的救助发放</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="237" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="268" />
        <source>&amp;Record result…</source>
        <translation>记录核查结果(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="270" />
        <source>&amp;Draw spot-check sample…</source>
        <translation>抽取随机抽查样本(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="272" />
        <source>&amp;Export sample list…</source>
        <translation>导出抽查样本名单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="274" />
        <source>Open &amp;application…</source>
        <translation>打开申请(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="293" />
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="296" />
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="386" />
        <source>the first {n} of {total} application(s) only ({overdue} overdue among them): narrow the filters, or export the list for all</source>
        <translation>只显示前 {n} 件申请,共 {total} 件(其中逾期 {overdue} 件):请缩小筛选条件,或用“导出列表”取得全部</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="200" />
        <location filename="../views/applications.py" line="298" />
        <source>Overdue on&amp;ly</source>
        <translation>只看逾期(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="176" />
        <source>Open or paperwork due</source>
        <translation>办理中及待补办</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="179" />
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="201" />
        <source>&amp;Status:</source>
        <translation>状态(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="201" />
        <source>&amp;Track:</source>
        <translation>办理方式(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="202" />
        <source>N&amp;ext step:</source>
        <translation>待办步骤(&amp;E):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="202" />
        <source>Re&amp;gion:</source>
        <translation>区划(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="203" />
        <source>Head of ho&amp;usehold:</source>
        <translation>户主(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="210" />
        <source>&amp;Columns…</source>
        <translation>列(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="253" />
        <source>No application matches the filters above. Change the status, track, next step or region; a new application is taken with “New application”.</source>
        <translation>没有符合上方筛选条件的申请。可更改状态、办理方式、待办步骤或区划;受理新的申请请点“受理新申请”。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="279" />
        <source>E&amp;xport the checks…</source>
        <translation>导出核查清单(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="280" />
        <source>Every check under the filters (not only the first {n:,} shown) as an Excel list; the export is logged</source>
        <translation>把符合筛选条件的全部核查(不只是显示的前 {n:,} 项)导出为 Excel 清单;导出会记入操作日志</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="311" />
        <source>No check after approval is waiting for the filters above. Checks are scheduled when an application is approved; a spot check sample is drawn with “Draw spot-check sample”.</source>
        <translation>没有符合上方筛选条件的待办事后核查。申请批准后会自动安排核查;随机抽查请点“抽取随机抽查样本”。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="355" />
        <source>Loading applications…</source>
        <translation>正在读取申请…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="364" />
        <source>Loading post-checks…</source>
        <translation>正在读取事后核查…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="371" />
        <source>{month}: {n} household(s) to record</source>
        <translation>{month} 待登记发放 {n} 户</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="374" />
        <source>not recorded: {months}</source>
        <translation>以前月份未登记:{months}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="376" />
        <source>written refusals to serve: {n} ({late} late)</source>
        <translation>不予批准通知书待送达 {n} 件(逾期 {late} 件)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="390" />
        <source>{n} application(s), {overdue} overdue</source>
        <translation>共 {n} 件申请,逾期 {overdue} 件</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="393" />
        <source> (rows marked *)</source>
        <translation>(标 * 的行)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="409" />
        <source>the first {n} of {total} check(s) only, {overdue} overdue among them</source>
        <translation>只显示前 {n} 项,共 {total} 项(其中逾期 {overdue} 项)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="411" />
        <source>Only the {n} checks due soonest are shown, of {total}. Choose a kind or overdue only to narrow the list, or “Export the checks” for every one.</source>
        <translation>仅显示最早到期的 {n} 项,共 {total} 项;可按类型或“只看逾期”缩小范围,或用“导出核查清单”取得全部。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="415" />
        <source>{n} check(s) to do, {overdue} overdue</source>
        <translation>待核查 {n} 项,逾期 {overdue} 项</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="451" />
        <source>Applications</source>
        <translation>申请审批</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="451" />
        <source>Select an application in the list first.</source>
        <translation>请先在列表中选择一件申请。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="462" />
        <source>Export the list</source>
        <translation>导出申请列表</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="463" />
        <source>No application is listed: there is nothing to export.</source>
        <translation>列表中没有申请,无需导出。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="464" />
        <source>applications-{date}.xlsx</source>
        <translation>申请清单-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="464" />
        <source>Saved {path}
{n} application(s).</source>
        <translation>已保存 {path}
共 {n} 件申请。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="465" />
        <source>Exporting the applications…</source>
        <translation>正在导出申请清单…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="471" />
        <source>Export the checks</source>
        <translation>导出核查清单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="472" />
        <source>No check is listed: there is nothing to export.</source>
        <translation>列表中没有核查,没有可导出的内容。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="473" />
        <source>post-checks-{date}.xlsx</source>
        <translation>事后核查清单-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="473" />
        <source>Saved {path}
{n} check(s).</source>
        <translation>已保存 {path}
共 {n} 项核查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="474" />
        <source>Exporting the post-checks…</source>
        <translation>正在导出事后核查清单…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="504" />
        <source>Save publicity list</source>
        <translation>保存公示名单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="514" />
        <source>Writing the publicity list…</source>
        <translation>正在生成公示名单…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="539" />
        <source>{n} payment(s) recorded</source>
        <translation>已登记发放 {n} 户</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="542" />
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="544" />
        <location filename="../views/applications.py" line="601" />
        <source>{n} row(s) saved to {path}</source>
        <translation>已保存 {n} 行到 {path}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="559" />
        <location filename="../views/applications.py" line="572" />
        <source>Post-checks</source>
        <translation>事后核查</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="559" />
        <location filename="../views/applications.py" line="572" />
        <source>Select a post-check first.</source>
        <translation>请先选择一项事后核查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="564" />
        <source>Revocation opened</source>
        <translation>已启动撤销追回</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="565" />
        <source>The check failed: assistance was stopped and revocation case {id} was opened.</source>
        <translation>核查未通过:已停止救助,并启动撤销追回(编号 {id})。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="580" />
        <source>Sample {id}: {n} drawn from {pop}, seed {seed}</source>
        <translation>样本 {id}:从 {pop} 户中抽取 {n} 户,随机种子 {seed}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="591" />
        <source>Spot checks</source>
        <translation>随机抽查</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="592" />
        <source>Draw a sample, or select a spot check of the sample to export.</source>
        <translation>请先抽取样本,或选择要导出的样本中的一项抽查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="595" />
        <source>Save sample list</source>
        <translation>保存抽查样本名单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="602" />
        <source>Writing the sample list…</source>
        <translation>正在生成抽查样本名单…</translation>
    </message>
</context>
<context>
    <name>ApplicationsTableModel</name>
    <message>
        <location filename="../views/applications.py" line="62" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="63" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="64" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="65" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="66" />
        <source>Track</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="67" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="68" />
        <source>Next step</source>
        <translation>待办步骤</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="69" />
        <source>Step due</source>
        <translation>步骤期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="70" />
        <source>Procedure due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="71" />
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="78" />
        <source>overdue by {n}</source>
        <translation>已逾期 {n}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="84" />
        <source> (extended)</source>
        <translation>(已延期)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="98" />
        <source>Emergency help was given first; the steps left are completed afterwards, each by its own deadline</source>
        <translation>已先行救助(急难型),余下步骤事后补办,各有期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="103" />
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>PostChecksTableModel</name>
    <message>
        <location filename="../views/applications.py" line="113" />
        <source>Application</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="114" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="115" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="116" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="117" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="118" />
        <source>Sample</source>
        <translation>抽查样本</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="119" />
        <source>Assistance</source>
        <translation>救助</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="127" />
        <source>stopped on {day}</source>
        <translation>已于 {day} 停止</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="127" />
        <source>paid until {day}</source>
        <translation>发放至 {day}</translation>
    </message>
</context>
</TS>