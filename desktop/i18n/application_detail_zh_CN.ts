<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicationDetailDialog</name>
    <message>
        <location filename="../views/application_detail.py" line="102" />
        <source>Application {id}</source>
        <translation>申请 {id}</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="114" />
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="114" />
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="114" />
        <location filename="../views/application_detail.py" line="122" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="114" />
        <location filename="../views/application_detail.py" line="122" />
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="115" />
        <location filename="../views/application_detail.py" line="122" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="115" />
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="115" />
        <location filename="../views/application_detail.py" line="123" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="116" />
        <source>&lt;b&gt;Step timeline&lt;/b&gt;</source>
        <translation>&lt;b&gt;办理进程&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="122" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="124" />
        <source>No check after approval. The centralised cross-check or the yearly review is scheduled when the application is approved; a spot check when the approval is drawn in a sample.</source>
        <translation>暂无事后核查。申请批准时即排定集中比对核查或定期复核;抽取随机抽查样本时,抽中的申请会加入抽查。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="126" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="126" />
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="126" />
        <location filename="../views/application_detail.py" line="131" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="126" />
        <source>Sent on</source>
        <translation>转介日期</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="127" />
        <location filename="../views/application_detail.py" line="131" />
        <source>Closed on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="127" />
        <source>Feedback</source>
        <translation>部门反馈</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="130" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="130" />
        <source>To recover</source>
        <translation>应追回</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="130" />
        <source>Recovered</source>
        <translation>已追回</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="92" />
        <source>Only the district reviewer or an administrator records this.</source>
        <translation>只有区级审核员或系统管理员可以办理此项。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="73" />
        <source>{day} (due today)</source>
        <translation>{day}(今天到期)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="75" />
        <source>{day} ({n} working days left)</source>
        <translation>{day}(剩 {n} 个工作日)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="128" />
        <source>No referral to a department for this family. Families are referred at the front desk, from the board or when a visit is recorded.</source>
        <translation>该家庭暂无部门转介。可在一门受理时、在看板上或登记走访时转介给相关部门。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="131" />
        <source>Trace back</source>
        <translation>问题倒查</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="132" />
        <source>Not revoked. A revocation case, with the money to recover, is opened when a check after approval is not passed.</source>
        <translation>未被撤销。事后核查未通过时,系统会立案撤销并列出应追回的金额。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="135" />
        <source>Record &amp;result…</source>
        <translation>记录结果(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="137" />
        <source>Record department &amp;outcome…</source>
        <translation>记录部门办理结果(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="140" />
        <source>&amp;Trace back…</source>
        <translation>问题倒查(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="141" />
        <source>Record re&amp;covery…</source>
        <translation>记录追回(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="194" />
        <source> (to {day}, the earlier)</source>
        <translation>(至 {day},两个期限中较早者)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="196" />
        <source> (extended)</source>
        <translation>(已延期)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="203" />
        <source>One-off amount {amount} yuan, paid in {start}; {total} yuan paid so far.</source>
        <translation>一次性救助金额 {amount} 元,于 {start} 发放;已发放 {total} 元。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="206" />
        <source>Monthly amount {amount} yuan from {start}; {months} month(s) paid, {total} yuan in all.</source>
        <translation>月救助金额 {amount} 元,自 {start} 起发放;已发放 {months} 个月,合计 {total} 元。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="210" />
        <source>Gradual exit after employment decided on {start}: assisted up to {day}, then to {stage}.</source>
        <translation>{start} 决定就业渐退:救助发放至 {day},期满后转入{stage}。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="214" />
        <source>Stop decided ahead: assisted up to {day}, then to {stage}.</source>
        <translation>已提前作出停止救助决定:救助至 {day},之后转入{stage}。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="217" />
        <source>Stopped on {day}.</source>
        <translation>已于 {day} 停止救助。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="219" />
        <source>(End of a gradual exit decided on {start}.)</source>
        <translation>({start} 决定的就业渐退已期满。)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="223" />
        <source>Commitment signed by {name} on {day}{file}.</source>
        <translation>承诺书由 {name} 于 {day} 签署{file}。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="225" />
        <source>, scan attached</source>
        <translation>,已附扫描件</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="225" />
        <source>, no scan attached</source>
        <translation>,未附扫描件</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="227" />
        <source>Extension reason:</source>
        <translation>延期理由:</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="230" />
        <source>Withdrawn by the applicant on {day}:</source>
        <translation>申请人于 {day} 撤回申请:</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="232" />
        <source>Refusal reasons:</source>
        <translation>不予批准理由:</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="237" />
        <source>Written refusal due by {due}; served on {day} ({how}).</source>
        <translation>不予批准书面通知应于 {due} 前送达;已于 {day} 送达({how})。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="241" />
        <source>Written refusal due by {due}; not yet recorded as served.</source>
        <translation>不予批准书面通知应于 {due} 前送达;尚未登记送达。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="247" />
        <source>accepted on {day}</source>
        <translation>{day} 受理</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="259" />
        <source>Investigators: {names}</source>
        <translation>调查人员:{names}</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="261" />
        <source>Publicity {start} to {end}</source>
        <translation>公示 {start} 至 {end}</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="264" />
        <source>(objection raised)</source>
        <translation>(有异议)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="266" />
        <source>(completed after emergency help)</source>
        <translation>(先行救助后补办)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="268" />
        <source>Written refusal due {day}</source>
        <translation>书面告知期限 {day}</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="274" />
        <source>Completed after its deadline</source>
        <translation>超过期限完成</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="279" />
        <source>Next: {step}</source>
        <translation>待办:{step}</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="290" />
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="290" />
        <source>Not passed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="295" />
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="295" />
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="296" />
        <source>not yet</source>
        <translation>尚未倒查</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="313" />
        <source>&amp;Decide…</source>
        <translation>作出决定(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="324" />
        <source>E&amp;xtend to 45 days…</source>
        <translation>延期至45个工作日(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="329" />
        <source>&amp;Withdraw…</source>
        <translation>撤回申请(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="330" />
        <source>The applicant withdraws the application: it is closed without a decision</source>
        <translation>申请人撤回申请:申请不作决定即办结</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="335" />
        <source>&amp;Stop assistance…</source>
        <translation>停止救助(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="341" />
        <source>&amp;Print notice…</source>
        <translation>打印通知书(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="346" />
        <source>Record &amp;written notice served…</source>
        <translation>登记通知书送达(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="350" />
        <source>The sub-district caseworker, the district reviewer or an administrator records this.</source>
        <translation>由街道经办人、区级审核人员或系统管理员登记。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="358" />
        <source>Supervisors look only; the office staff attach the scan.</source>
        <translation>统计查看人员只能查看;扫描件由经办人员附加。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="407" />
        <source>Extend to 45 working days</source>
        <translation>延期至45个工作日</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="407" />
        <source>&amp;Reason (recorded):</source>
        <translation>延期理由(将记录)(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="423" />
        <location filename="../views/application_detail.py" line="430" />
        <source>Withdraw the application</source>
        <translation>撤回申请</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="423" />
        <source>&amp;Reason (e.g. the applicant's written request):</source>
        <translation>撤回理由(如申请人书面申请)(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="427" />
        <source>Withdraw the application of {name}? It is closed without a decision and cannot be taken up again (a new application can be accepted later); the family goes to {stage}.</source>
        <translation>确定撤回{name}的申请吗?申请将不作决定即办结,不能恢复办理(以后可重新受理新的申请);家庭转入{stage}。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="448" />
        <source>Start the gradual exit of {name}? Payments go on for the months shown; then the family leaves the assisted column.</source>
        <translation>确定对 {name} 实行就业渐退吗?渐退期内继续发放,期满后家庭移出“救助中”。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="450" />
        <source>Stop the assistance of {name}? {month} is still paid (the month of the stop date), then payments end and the family leaves the assisted column.</source>
        <translation>确定停止 {name} 的救助吗?{month} 仍照常发放(停止日期所在的月份),此后停止发放,家庭移出“救助中”。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="452" />
        <source>Stop assistance</source>
        <translation>停止救助</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="70" />
        <source>{day} (overdue by {n})</source>
        <translation>{day}(已逾期 {n} 个工作日)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="136" />
        <source>Post-chec&amp;ks</source>
        <translation>事后核查(&amp;K)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="138" />
        <source>Referra&amp;ls</source>
        <translation>转介(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="142" />
        <source>Revocation and recover&amp;y</source>
        <translation>撤销追回(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="190" />
        <source>overdue by {n} working days</source>
        <translation>已逾期 {n} 个工作日</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="192" />
        <source>working days left: {left}</source>
        <translation>剩余工作日:{left}</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="195" />
        <source>Procedure due {due}{ext}; next step due {step}; </source>
        <translation>办结期限 {due}{ext};待办步骤期限 {step};</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="313" />
        <source>Re&amp;fuse…</source>
        <translation>不予批准(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="315" />
        <source>Record &amp;next step: {step}…</source>
        <translation>办理{step}(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="317" />
        <source>&amp;Next: complete {step} afterwards…</source>
        <translation>补办{step}(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="354" />
        <source>&amp;Attach commitment scan…</source>
        <translation>附加承诺书扫描件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="361" />
        <source>Sa&amp;ve scan as…</source>
        <translation>另存扫描件(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="480" />
        <source>Save notice as PDF</source>
        <translation>通知书另存为 PDF</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="492" />
        <source>Scanned commitment</source>
        <translation>承诺书扫描件</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="493" />
        <source>Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)</source>
        <translation>扫描件 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="512" />
        <source>Save scan as</source>
        <translation>扫描件另存为</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="522" />
        <source>Select a row in the list first.</source>
        <translation>请先在列表中选择一行。</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="533" />
        <source>Post-check</source>
        <translation>事后核查</translation>
    </message>
    <message>
        <location filename="../views/application_detail.py" line="533" />
        <source>This check already has its result.</source>
        <translation>该核查已记录结果。</translation>
    </message>
</context>
</TS>