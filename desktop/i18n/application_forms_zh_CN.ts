<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AcceptDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="294" />
        <source>Accept an application</source>
        <translation>受理申请</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="304" />
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="311" />
        <source>Based on assessment {id} of {day}: {category}, per-capita monthly income {income} yuan.</source>
        <translation>依据第 {id} 号评估({day}):{category},月人均收入 {income} 元。</translation>
    </message>
</context>
<context>
    <name>ApplicationInputs</name>
    <message>
        <location filename="../views/application_forms.py" line="197" />
        <source>&amp;Household:</source>
        <translation>家庭(&amp;E):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="198" />
        <source>&amp;Category:</source>
        <translation>救助类别(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="199" />
        <source>Temporary assistance &amp;kind:</source>
        <translation>临时救助类型(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="200" />
        <source>&amp;Track:</source>
        <translation>办理方式(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="201" />
        <source>&amp;Accepted on:</source>
        <translation>受理日期(&amp;J):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="204" />
        <source>&amp;Note:</source>
        <translation>备注(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="205" />
        <source>Signed commitment (commitment track)</source>
        <translation>签署的承诺书(告知承诺制)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="211" />
        <source>Text of the commitment, if not the standard form</source>
        <translation>承诺内容(非标准格式时填写)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="214" />
        <source>No scan attached</source>
        <translation>未附扫描件</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="215" />
        <source>Attach &amp;scan…</source>
        <translation>附加扫描件(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="219" />
        <source>Signed &amp;by:</source>
        <translation>签署人(&amp;B):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="220" />
        <source>Signed &amp;on:</source>
        <translation>签署日期(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="221" />
        <source>Te&amp;xt:</source>
        <translation>内容(&amp;X):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="222" />
        <source>Scanned file:</source>
        <translation>扫描件:</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="242" />
        <source>Scanned commitment</source>
        <translation>承诺书扫描件</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="243" />
        <source>Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)</source>
        <translation>扫描件 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>DayOffHint</name>
    <message>
        <location filename="../views/application_forms.py" line="75" />
        <source>{day} is a day off (a weekend or a holiday): please check the date.</source>
        <translation>{day} 是休息日(周末或法定节假日),请核对日期。</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="505" />
        <location filename="../views/application_forms.py" line="596" />
        <source>Decision</source>
        <translation>审批决定</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="508" />
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="509" />
        <source>&amp;Refuse</source>
        <translation>不予批准(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="516" />
        <source>Decision:</source>
        <translation>决定:</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="518" />
        <source>Decided &amp;on:</source>
        <translation>决定日期(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="524" />
        <source>Monthly a&amp;mount (yuan):</source>
        <translation>月救助金额(元)(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="524" />
        <source>One-off a&amp;mount (yuan):</source>
        <translation>一次性救助金额(元)(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="534" />
        <source>Paid in:</source>
        <translation>发放月份:</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="535" />
        <source>&amp;Irregular income: re-check every 6 months</source>
        <translation>收入不固定:每6个月复核一次(&amp;I)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="545" />
        <source>R&amp;easons for refusal:</source>
        <translation>不予批准理由(&amp;E):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="603" />
        <source>Change of assistance</source>
        <translation>转换救助类别</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="604" />
        <source>Approve?</source>
        <translation>确定批准吗?</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="569" />
        <source>By the assessment of {day}: (standard {standard} − per-capita income {income}) × {members} person(s) = {amount} yuan a month.</source>
        <translation>按 {day} 的评估:(低保标准 {standard} − 月人均收入 {income})× {members} 人 = 每月 {amount} 元。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="572" />
        <source>By the assessment of {day} the per-capita income {income} is not below the standard {standard}: no allowance by the difference.</source>
        <translation>按 {day} 的评估,月人均收入 {income} 元不低于低保标准 {standard} 元,按差额计算无可发放金额。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="581" />
        <source>The household has {now} member(s) now, {then} when assessed: assess it again first.</source>
        <translation>该家庭现有 {now} 人,评估时为 {then} 人:请先重新评估。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="577" />
        <source>The standard is {now} from {since} ({then} when assessed): assess again to reckon the amount.</source>
        <translation>自 {since} 起低保标准为 {now} 元(评估时为 {then} 元):请重新评估后再定金额。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="597" />
        <source>The amount is more than the standard for the whole family ({standard} × {members} person(s) = {full} yuan a month). Approve it anyway?</source>
        <translation>该金额超过全家按低保标准计算的全额({standard} × {members} 人 = 每月 {full} 元)。仍然批准吗?</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="534" />
        <source>Payment starts:</source>
        <translation>起始发放月份:</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="546" />
        <source>Decide</source>
        <translation>作出决定</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="553" />
        <source>The data check did not pass: the application can only be refused.</source>
        <translation>授权核对未通过:只能作出不予批准的决定。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="586" />
        <source>The family receives {running}. Approving stops it: from {start} the family is paid under this application.</source>
        <translation>该家庭正在享受{running}。批准本申请将停止原救助,自 {start} 起按本申请发放。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="592" />
        <source>Refuse</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="592" />
        <source>Refuse this application? The family goes back to class I.</source>
        <translation>确定不予批准该申请吗?该家庭将回到一类库。</translation>
    </message>
</context>
<context>
    <name>FrontDeskForm</name>
    <message>
        <location filename="../views/application_forms.py" line="343" />
        <source>One door accepts, departments handle together: accept the application and refer the family's other needs to the departments at the same time.</source>
        <translation>一门受理、协同办理:受理救助申请的同时,把家庭的其他需求一并转介给相关部门。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="349" />
        <source>Refer to &amp;departments</source>
        <translation>转介部门(&amp;D)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="355" />
        <source>What the family needs from this department</source>
        <translation>需要该部门解决的问题</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="362" />
        <source>Accept and &amp;refer</source>
        <translation>受理并转介(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="378" />
        <source>Accept a {category} application ({track}) for the household of {head}, accepted on {day}?</source>
        <translation>为 {head} 户受理{category}申请({track}),受理日期 {day}?受理后申请即进入审批流程,并记入家庭档案。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="383" />
        <source>{day} is a day off (a weekend or a holiday).</source>
        <translation>注意:{day} 是休息日(周末或法定节假日)。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="385" />
        <source>It is referred to: {departments}.</source>
        <translation>同时转介:{departments}。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="386" />
        <source>No department is ticked: nothing is referred.</source>
        <translation>未勾选部门:不转介。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="399" />
        <location filename="../views/application_forms.py" line="412" />
        <source>Front desk</source>
        <translation>一门受理</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="408" />
        <source>Application {id} accepted; {n} referral(s) sent.</source>
        <translation>申请 {id} 已受理;已转介 {n} 个部门。</translation>
    </message>
</context>
<context>
    <name>HouseholdPicker</name>
    <message>
        <location filename="../views/application_forms.py" line="125" />
        <source>Name or household code</source>
        <translation>姓名或户编号</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="130" />
        <source>&amp;Find</source>
        <translation>查找(&amp;G)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="132" />
        <source>&amp;Matches:</source>
        <translation>选择家庭(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="155" />
        <source>Only the first {n} of {total} matching households are listed: type more of the name or the household code to narrow them.</source>
        <translation>仅列出前 {n} 户,共 {total} 户符合:多输入几个字或输入户编号,可缩小范围。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="164" />
        <source>Choose one of {n} households</source>
        <translation>请从 {n} 户中选择</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="165" />
        <source>No household found</source>
        <translation>未找到符合的家庭</translation>
    </message>
</context>
<context>
    <name>MonthlyAssistanceDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="1024" />
        <source>Monthly assistance payments</source>
        <translation>月度救助发放登记</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1032" />
        <source>&amp;Month:</source>
        <translation>月份(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1039" />
        <source>Payment ros&amp;ter…</source>
        <translation>发放花名册(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1041" />
        <source>Save the month's recorded payments, household by household, as xlsx for the finance office or the bank</source>
        <translation>把本月已登记的发放逐户导出为 xlsx,交财政或银行</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1050" />
        <source>Only the district reviewer or an administrator records payments.</source>
        <translation>只有区级审核员或系统管理员可以登记发放。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1068" />
        <source>{month}: {recorded} household(s) recorded, {recorded_amount} yuan in all.
Still to record: {due} household(s), {due_amount} yuan.</source>
        <translation>{month}:已登记 {recorded} 户,合计 {recorded_amount} 元。
待登记:{due} 户,合计 {due_amount} 元。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1075" />
        <source>Earlier months not recorded: {months} (families not paid, or paid and not on record).</source>
        <translation>以前月份未登记:{months}(这些家庭没有发放,或已发放但没有登记)。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1077" />
        <source>&amp;Record {n} household(s)</source>
        <translation>登记 {n} 户(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1086" />
        <source>Save payment roster</source>
        <translation>保存救助发放花名册</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1096" />
        <source>Roster saved: {n} household(s), {amount} yuan → {path}</source>
        <translation>花名册已导出:{n} 户,合计 {amount} 元 → {path}</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1100" />
        <source>Writing the payment roster…</source>
        <translation>正在导出发放花名册…</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1107" />
        <source>Record the {month} payment for {n} household(s), {amount} yuan in all?
Recorded payments count as paid and are not undone here.</source>
        <translation>为 {n} 户登记 {month} 的救助发放,合计 {amount} 元?
登记后即计为已发放,在此不能撤销。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="1123" />
        <source>Recording {n} household(s)…</source>
        <translation>正在登记 {n} 户…</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="983" />
        <source>Publicity list</source>
        <translation>公示名单</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="988" />
        <source>Decided &amp;from:</source>
        <translation>决定日期自(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="989" />
        <source>Decided &amp;to:</source>
        <translation>至(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="990" />
        <source>The list shows only name, household size and amount.</source>
        <translation>公示名单只包含姓名、家庭人口和救助金额。</translation>
    </message>
</context>
<context>
    <name>PostCheckDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="695" />
        <source>Post-check result</source>
        <translation>事后核查结果</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="699" />
        <source>Checked &amp;on:</source>
        <translation>核查日期(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="714" />
        <source>&amp;Findings:</source>
        <translation>发现的问题(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="716" />
        <source>default: everything paid on this application</source>
        <translation>默认:本申请已发放的全部金额</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="719" />
        <source>&amp;Gradual exit after employment (assistance goes on for the set months)</source>
        <translation>就业渐退(按设定月数继续发放)(&amp;G)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="700" />
        <source>&amp;Passed</source>
        <translation>通过(&amp;P)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="703" />
        <source>&amp;Not passed: no longer eligible, stop assistance</source>
        <translation>未通过:已不符合条件,停止救助(&amp;N)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="704" />
        <source>&amp;Not passed: record the finding (the approval is revoked already)</source>
        <translation>未通过:只记录核查发现(该批准已被撤销)(&amp;N)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="705" />
        <source>&amp;Not passed: revoke and recover</source>
        <translation>未通过:撤销救助并追回(&amp;N)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="723" />
        <source>Family goes &amp;to:</source>
        <translation>家庭转入(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="727" />
        <source>Amount to &amp;recover:</source>
        <translation>应追回金额(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="731" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="739" />
        <source>Record the check as failed? The approval is revoked already and what was paid is recovered under that revocation; this check records its finding only.</source>
        <translation>记录为核查未通过?该批准已被撤销,已发放的金额按原撤销案件追回;本次核查只记录核查发现,不再另行追回。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="742" />
        <source>Record the review as not passed? The assistance stops and the family moves to the library chosen.</source>
        <translation>确定记录为复核未通过吗?将停止救助,家庭转入所选的库。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="745" />
        <source>Not passed</source>
        <translation>核查未通过</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="744" />
        <source>Record the check as failed? Assistance stops and a revocation and recovery case opens.</source>
        <translation>确定记录为核查未通过吗?将停止救助并启动撤销追回。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="629" />
        <source>&amp;Date:</source>
        <translation>日期(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="632" />
        <source>Family goes &amp;to:</source>
        <translation>家庭转入(&amp;T):</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="853" />
        <location filename="../views/application_forms.py" line="866" />
        <source>Recovery</source>
        <translation>追回</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="855" />
        <source>To recover:</source>
        <translation>应追回:</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="858" />
        <source>&amp;Close the case</source>
        <translation>结案(&amp;C)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="859" />
        <source>&amp;Recovered so far:</source>
        <translation>已追回金额(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="866" />
        <source>Record it so?</source>
        <translation>确定这样登记吗?</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="860" />
        <source>&amp;Date:</source>
        <translation>日期(&amp;D):</translation>
    </message>
</context>
<context>
    <name>ReferralOutcomeDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="821" />
        <source>Department outcome: {dept}</source>
        <translation>部门办理结果:{dept}</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="831" />
        <source>&amp;Outcome:</source>
        <translation>办理结果(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="832" />
        <source>&amp;Date:</source>
        <translation>日期(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="833" />
        <source>Department &amp;feedback:</source>
        <translation>部门反馈(&amp;F):</translation>
    </message>
</context>
<context>
    <name>RefusalServedDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="952" />
        <source>Written notice served</source>
        <translation>通知书送达</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="956" />
        <source>Served &amp;on:</source>
        <translation>送达日期(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="960" />
        <source>&amp;How:</source>
        <translation>送达方式(&amp;H):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="962" />
        <source>e.g. received by the applicant's spouse; registered mail number</source>
        <translation>例如:申请人配偶代收;挂号信编号</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="964" />
        <source>No&amp;te:</source>
        <translation>说明(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="965" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>SpotCheckDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="773" />
        <source>Draw a spot-check sample</source>
        <translation>抽取随机抽查样本</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="776" />
        <source>Drawn &amp;on:</source>
        <translation>抽取日期(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="777" />
        <source>By &amp;rate (%)</source>
        <translation>按比例(%)(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="778" />
        <source>By &amp;count</source>
        <translation>按数量(&amp;C)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="791" />
        <source>S&amp;tratify by sub-district</source>
        <translation>按街道(镇)分层抽取(&amp;T)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="795" />
        <source>empty: a new random seed (it is stored with the sample)</source>
        <translation>留空则生成新的随机种子(随样本保存)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="797" />
        <source>Random &amp;seed:</source>
        <translation>随机种子(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="798" />
        <source>Draw</source>
        <translation>抽取</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="428" />
        <source>Record step: {step}</source>
        <translation>办理步骤:{step}</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="432" />
        <source>&amp;Done on:</source>
        <translation>完成日期(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="444" />
        <source>Data check result:</source>
        <translation>核对结果:</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="448" />
        <source>Appraisal result:</source>
        <translation>评议结论:</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="452" />
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="439" />
        <source>Someone o&amp;bjected (a democratic appraisal follows on the regular track)</source>
        <translation>有人提出异议(常规程序将进行民主评议)(&amp;B)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="442" />
        <source>&amp;Passed</source>
        <translation>通过(&amp;P)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="443" />
        <source>&amp;Not passed</source>
        <translation>核查未通过(&amp;N)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="446" />
        <source>&amp;Agreed</source>
        <translation>同意(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="447" />
        <source>Did &amp;not agree</source>
        <translation>不同意(&amp;N)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="454" />
        <source>Investigator &amp;{n}:</source>
        <translation>调查人员{n}(&amp;{n}):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="459" />
        <source>Publicity &amp;started on:</source>
        <translation>公示开始日期(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="460" />
        <source>Publicity lasts 7 calendar days; it can be closed from the 8th day.</source>
        <translation>公示期为7个自然日,第8天起方可结束公示。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="464" />
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="465" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>StopAssistanceDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="644" />
        <source>Stop assistance</source>
        <translation>停止救助</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="644" />
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="648" />
        <source>&amp;Gradual exit after employment (assistance goes on for the set months)</source>
        <translation>就业渐退(按设定月数继续发放)(&amp;G)</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="659" />
        <source>A gradual exit runs until {day}; stopping now ends it on the date above.</source>
        <translation>就业渐退期至 {day};现在停止将于上面的日期结束渐退。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="661" />
        <source>Assistance is already to stop on {day}; a new stop can only bring that day forward.</source>
        <translation>已定于 {day} 停止救助;再次停止只能把这一天提前。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="665" />
        <source>Gradual exit applies to 低保 only.</source>
        <translation>就业渐退只适用于低保。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="681" />
        <source>The gradual exit period in force is 0 months: assistance stops on the date above.</source>
        <translation>现行就业渐退期为 0 个月:救助于上面的日期停止。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="684" />
        <source>{months} months in force: assisted up to and including {day}; then the family moves to the library chosen above.</source>
        <translation>现行就业渐退期 {months} 个月:继续发放至 {day}(含),期满后家庭转入上面选定的库别。</translation>
    </message>
</context>
<context>
    <name>TraceBackDialog</name>
    <message>
        <location filename="../views/application_forms.py" line="888" />
        <source>Trace back</source>
        <translation>问题倒查</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="893" />
        <source>Check not passed:</source>
        <translation>核查未通过:</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="895" />
        <source>Commitment:</source>
        <translation>承诺书:</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="895" />
        <source>signed by {name} on {day}</source>
        <translation>{name} 于 {day} 签署</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="899" />
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="899" />
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="899" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="899" />
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="900" />
        <source>On time</source>
        <translation>是否按时</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="904" />
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="904" />
        <source>yes</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="908" />
        <source>Who handled it:</source>
        <translation>经办情况:</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="915" />
        <source>&amp;Finding:</source>
        <translation>倒查结论(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="919" />
        <source>For a finding of fault: which step, which member of staff, what was wrong</source>
        <translation>认定未依规履职时,写明哪个环节、哪位经办人、什么问题</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="920" />
        <source>&amp;Explanation:</source>
        <translation>说明(&amp;E):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="924" />
        <source>&amp;Date:</source>
        <translation>日期(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="926" />
        <source>Recorded by {name} on {day}; saving again replaces it (the audit log keeps the earlier finding).</source>
        <translation>已由 {name} 于 {day} 记录;再次保存将替换原结论(操作日志保留原结论)。</translation>
    </message>
    <message>
        <location filename="../views/application_forms.py" line="929" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
</TS>