<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicationsPage</name>
    <message>
        <location filename="../views/applications.py" line="173" />
        <source>&amp;Applications</source>
        <translation>申请列表(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="174" />
        <source>&amp;Post-checks</source>
        <translation>事后核查(&amp;P)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="182" />
        <source>&amp;Front desk</source>
        <translation>一门受理(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="197" />
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="198" />
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="199" />
        <source>Refused</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="200" />
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="201" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="204" />
        <source>All tracks</source>
        <translation>全部办理方式</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="208" />
        <source>Any next step</source>
        <translation>全部待办步骤</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="213" />
        <source>All regions</source>
        <translation>全部区划</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="220" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="240" />
        <source>&amp;New application…</source>
        <translation>受理新申请(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="246" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="248" />
        <source>Publicity list (&amp;xlsx)…</source>
        <translation>公示名单 xlsx(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="250" />
        <source>Publicity list (P&amp;DF)…</source>
        <translation>公示名单 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="252" />
        <source>Export the list as a wor&amp;kbook…</source>
        <translation>导出列表(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="253" />
        <source>Every application under the filters (not only the first {n:,} shown) as an Excel list; the export is logged</source>
        <translation>把符合筛选条件的全部申请(不限于列表显示的前 {n:,} 条)导出为 Excel 清单;导出记入操作日志</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="257" />
        <source>&amp;Monthly payments…</source>
        <translation>月度发放登记(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="258" />
        <source>Record a month's assistance payments for every running approval</source>
        <translation>为所有正在救助中的家庭登记某月的救助发放</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="274" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="308" />
        <source>&amp;Record result…</source>
        <translation>记录核查结果(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="310" />
        <source>&amp;Draw spot-check sample…</source>
        <translation>抽取随机抽查样本(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="312" />
        <source>&amp;Export sample list…</source>
        <translation>导出抽查样本名单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="314" />
        <source>Open &amp;application…</source>
        <translation>打开申请(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="333" />
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="336" />
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="443" />
        <source>the first {n} of {total} application(s) only ({overdue} overdue among them): narrow the filters, or export the list for all</source>
        <translation>只显示前 {n} 件申请,共 {total} 件(其中逾期 {overdue} 件):请缩小筛选条件,或用“导出列表”取得全部</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="222" />
        <location filename="../views/applications.py" line="341" />
        <source>Overdue on&amp;ly</source>
        <translation>只看逾期(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="197" />
        <source>Open or paperwork due</source>
        <translation>办理中及待补办</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="201" />
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="223" />
        <source>&amp;Status:</source>
        <translation>状态(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="223" />
        <source>&amp;Track:</source>
        <translation>办理方式(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="224" />
        <source>N&amp;ext step:</source>
        <translation>待办步骤(&amp;E):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="224" />
        <source>Re&amp;gion:</source>
        <translation>区划(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="225" />
        <source>Head of ho&amp;usehold:</source>
        <translation>户主(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="232" />
        <source>&amp;Columns…</source>
        <translation>列(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="245" />
        <source>Supervisors look only; applications are taken by the office staff.</source>
        <translation>统计查看人员只能查看;申请由经办人员受理。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="269" />
        <source>Households in “applying” whose application has not been accepted yet (a clue closed as “check passed”): choose one to accept its application. If the family no longer applies, reopen its clue or move it back on the board.</source>
        <translation>在“申请中”但尚未受理申请的家庭(线索以“授权核对通过”办结):选择一户为其受理申请。如该户不再申请,请重新打开其线索,或在监测看板上把该户调回原库别。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="293" />
        <source>No application matches the filters above. Change the status, track, next step or region; a new application is taken with “New application”.</source>
        <translation>没有符合上方筛选条件的申请。可更改状态、办理方式、待办步骤或区划;受理新的申请请点“受理新申请”。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="319" />
        <source>E&amp;xport the checks…</source>
        <translation>导出核查清单(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="320" />
        <source>Every check under the filters (not only the first {n:,} shown) as an Excel list; the export is logged</source>
        <translation>把符合筛选条件的全部核查(不只是显示的前 {n:,} 项)导出为 Excel 清单;导出会记入操作日志</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="355" />
        <source>No check after approval is waiting for the filters above. Checks are scheduled when an application is approved; a spot check sample is drawn with “Draw spot-check sample”.</source>
        <translation>没有符合上方筛选条件的待办事后核查。申请批准后会自动安排核查;随机抽查请点“抽取随机抽查样本”。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="402" />
        <source>Loading applications…</source>
        <translation>正在读取申请…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="411" />
        <source>Loading post-checks…</source>
        <translation>正在读取事后核查…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="425" />
        <source>{month}: {n} household(s) to record</source>
        <translation>{month} 待登记发放 {n} 户</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="429" />
        <location filename="../views/applications.py" line="434" />
        <source>not recorded: {months}</source>
        <translation>以前月份未登记:{months}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="431" />
        <source>written refusals to serve: {n} ({late} late)</source>
        <translation>不予批准通知书待送达 {n} 件(逾期 {late} 件)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="447" />
        <source>{n} application(s), {overdue} overdue</source>
        <translation>共 {n} 件申请,逾期 {overdue} 件</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="450" />
        <source> (rows marked *)</source>
        <translation>(标 * 的行)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="465" />
        <source>clue #{id}</source>
        <translation>线索 #{id}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="467" />
        <source>since {day}</source>
        <translation>{day} 起</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="468" />
        <source>Accept: {who}</source>
        <translation>受理:{who}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="471" />
        <source>… {n} more: find them on the board under “applying”</source>
        <translation>… 另有 {n} 户:请在监测看板的“申请中”一栏查看</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="474" />
        <source>{n} household(s) awaiting acceptance</source>
        <translation>{n} 户待受理申请</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="485" />
        <source>the first {n} of {total} check(s) only, {overdue} overdue among them</source>
        <translation>只显示前 {n} 项,共 {total} 项(其中逾期 {overdue} 项)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="487" />
        <source>Only the {n} checks due soonest are shown, of {total}. Choose a kind or overdue only to narrow the list, or “Export the checks” for every one.</source>
        <translation>仅显示最早到期的 {n} 项,共 {total} 项;可按类型或“只看逾期”缩小范围,或用“导出核查清单”取得全部。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="491" />
        <source>{n} check(s) to do, {overdue} overdue</source>
        <translation>待核查 {n} 项,逾期 {overdue} 项</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="546" />
        <source>Application not accepted</source>
        <translation>尚未受理申请</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="547" />
        <source>The household is in “applying” but no application has been accepted for it.

Until it is, it is listed on this page under “household(s) awaiting acceptance” and its clue says “awaiting application”. If the family no longer applies, reopen the clue (the household goes back where it was) or move it back on the board.

Accept the application now?</source>
        <translation>该户在“申请中”,但尚未为其受理申请。

受理之前,该户列在本页的“待受理申请”中,其线索也注明“待受理申请”。如该户不再申请,请重新打开线索(该户退回原库别),或在监测看板上把该户调回原库别。

现在受理申请吗?</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="552" />
        <source>Accept now</source>
        <translation>现在受理</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="552" />
        <source>Later</source>
        <translation>稍后受理</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="573" />
        <source>Applications</source>
        <translation>申请审批</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="573" />
        <source>Select an application in the list first.</source>
        <translation>请先在列表中选择一件申请。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="584" />
        <source>Export the list</source>
        <translation>导出申请列表</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="585" />
        <source>No application is listed: there is nothing to export.</source>
        <translation>列表中没有申请,无需导出。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="586" />
        <source>applications-{date}.xlsx</source>
        <translation>申请清单-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="586" />
        <source>Saved {path}
{n} application(s).</source>
        <translation>已保存 {path}
共 {n} 件申请。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="587" />
        <source>Exporting the applications…</source>
        <translation>正在导出申请清单…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="593" />
        <source>Export the checks</source>
        <translation>导出核查清单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="594" />
        <source>No check is listed: there is nothing to export.</source>
        <translation>列表中没有核查,没有可导出的内容。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="595" />
        <source>post-checks-{date}.xlsx</source>
        <translation>事后核查清单-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="595" />
        <source>Saved {path}
{n} check(s).</source>
        <translation>已保存 {path}
共 {n} 项核查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="596" />
        <source>Exporting the post-checks…</source>
        <translation>正在导出事后核查清单…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="626" />
        <source>Save publicity list</source>
        <translation>保存公示名单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="637" />
        <source>Writing the publicity list…</source>
        <translation>正在生成公示名单…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="662" />
        <source>{n} payment(s) recorded</source>
        <translation>已登记发放 {n} 户</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="665" />
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="667" />
        <location filename="../views/applications.py" line="729" />
        <source>{n} row(s) saved to {path}</source>
        <translation>已保存 {n} 行到 {path}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="682" />
        <location filename="../views/applications.py" line="695" />
        <source>Post-checks</source>
        <translation>事后核查</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="682" />
        <location filename="../views/applications.py" line="695" />
        <source>Select a post-check first.</source>
        <translation>请先选择一项事后核查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="687" />
        <source>Revocation opened</source>
        <translation>已启动撤销追回</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="688" />
        <source>The check failed: assistance was stopped and revocation case {id} was opened.</source>
        <translation>核查未通过:已停止救助,并启动撤销追回(编号 {id})。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="704" />
        <source>Sample {id}: {n} drawn from {pop}, seed {seed}</source>
        <translation>样本 {id}:从 {pop} 户中抽取 {n} 户,随机种子 {seed}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="707" />
        <source> ({n} household(s) still under an earlier spot check not drawn again)</source>
        <translation>(另有 {n} 户上次抽查尚未完成,未重复抽取)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="718" />
        <source>Spot checks</source>
        <translation>随机抽查</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="719" />
        <source>Draw a sample, or select a spot check of the sample to export.</source>
        <translation>请先抽取样本,或选择要导出的样本中的一项抽查。</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="722" />
        <source>Save sample list</source>
        <translation>保存抽查样本名单</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="730" />
        <source>Writing the sample list…</source>
        <translation>正在生成抽查样本名单…</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="200" />
        <source>Refused, written notice to serve</source>
        <translation>不予批准、书面通知待送达</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="338" />
        <source>Due &amp;within {n} days</source>
        <translation>{n} 天内到期(&amp;W)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="339" />
        <source>The checks due within the next {n} days and those overdue (the figure of “Today's work”)</source>
        <translation>今后 {n} 天内到期的和已逾期的核查(即“今日工作”页的数字)</translation>
    </message>
</context>
<context>
    <name>ApplicationsTableModel</name>
    <message>
        <location filename="../views/applications.py" line="67" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="68" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="69" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="70" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="71" />
        <source>Track</source>
        <translation>办理方式</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="72" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="73" />
        <source>Next step</source>
        <translation>待办步骤</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="74" />
        <source>Step due</source>
        <translation>步骤期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="75" />
        <source>Procedure due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="76" />
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="83" />
        <source>overdue by {n}</source>
        <translation>已逾期 {n}</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="89" />
        <source> (extended)</source>
        <translation>(已延期)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="97" />
        <source>Working days to the earlier of the two deadlines: the next step's and the procedure's</source>
        <translation>距两个期限中较早者(待办步骤期限、办结期限)的工作日数</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="102" />
        <source>To {day}, the earlier of the next step's and the procedure's deadlines</source>
        <translation>至 {day}(待办步骤期限与办结期限中较早者)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="112" />
        <source>Emergency help was given first; the steps left are completed afterwards, each by its own deadline</source>
        <translation>已先行救助(急难型),余下步骤事后补办,各有期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="117" />
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>PostChecksTableModel</name>
    <message>
        <location filename="../views/applications.py" line="127" />
        <source>Application</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="128" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="129" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="130" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="131" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="132" />
        <source>Sample</source>
        <translation>抽查样本</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="133" />
        <source>Assistance</source>
        <translation>救助</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="141" />
        <source>stopped on {day}</source>
        <translation>已于 {day} 停止</translation>
    </message>
    <message>
        <location filename="../views/applications.py" line="141" />
        <source>paid until {day}</source>
        <translation>发放至 {day}</translation>
    </message>
</context>
</TS>