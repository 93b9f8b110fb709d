<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChangeHeadDialog</name>
    <message>
        <location filename="../views/household_detail.py" line="546"/>
        <source>Change head of household</source>
        <translation>更换户主</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="548"/>
        <source>Current head: {name}</source>
        <translation>现任户主:{name}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="549"/>
        <source>This household has no head: choose one.</source>
        <translation>本户没有户主,请选定一位。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="558"/>
        <source>&amp;New head:</source>
        <translation>新户主(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="559"/>
        <source>Relations are to the head: below, each member&apos;s relation to the new head.</source>
        <translation>“与户主关系”都是相对户主而言的:下面填写每位成员与新户主的关系。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="567"/>
        <source>{name} (former head):</source>
        <translation>{name}(原户主):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="568"/>
        <source>{name} (now {relation}):</source>
        <translation>{name}(现为{relation}):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="601"/>
        <source>Please check: {names} (not known from the relations to the former head)</source>
        <translation>请核对:{names}(无法从与原户主的关系推出,请逐一确认)</translation>
    </message>
</context>
<context>
    <name>HouseholdDetailDialog</name>
    <message>
        <location filename="../views/household_detail.py" line="778"/>
        <source>New assessment (&amp;G)…</source>
        <translation>新建评估(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="779"/>
        <source>Opens the assessment wizard for this household (救助评估 → 新建评估)</source>
        <translation>为本户打开评估向导(与“救助评估 → 新建评估”相同,本户已选好)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="758"/>
        <source>&amp;Withdraw visit recorded in error…</source>
        <translation>撤销误录的走访(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="760"/>
        <source>A visit recorded for the wrong household or day: it is removed (kept in the audit log with your reason) and the household&apos;s next visit is due again as its other visits give. Record it again for the right household.</source>
        <translation>为错误的家庭或日期登记的走访:删除这条记录(连同您填写的原因保留在操作日志中),该户的下次走访期限按其他走访重新计算。请再为正确的家庭登记走访。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1058"/>
        <source>Withdraw visit</source>
        <translation>撤销走访记录</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1059"/>
        <source>Withdraw the visit of &lt;b&gt;{day}&lt;/b&gt; recorded for &lt;b&gt;{name}&lt;/b&gt;? It is removed from the household&apos;s visits; the household is due a visit again as its other visits give.</source>
        <translation>撤销为 &lt;b&gt;{name}&lt;/b&gt; 登记的 &lt;b&gt;{day}&lt;/b&gt; 走访?这条记录将从该户的走访中删除,该户的走访期限按其他走访重新计算。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1062"/>
        <source>&amp;Reason (recorded with your name):</source>
        <translation>原因(与您的姓名一并记录)(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1062"/>
        <source>e.g. recorded for the wrong household</source>
        <translation>例如:误录为其他家庭</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="680"/>
        <source>Household &amp;no.:</source>
        <translation>户编号(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="681"/>
        <source>&amp;Community:</source>
        <translation>社区/村(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="682"/>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="683"/>
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="674"/>
        <source>Single-parent &amp;family</source>
        <translation>单亲家庭(&amp;F)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="684"/>
        <source>Urban / &amp;rural:</source>
        <translation>城乡类别(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="686"/>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="689"/>
        <source>&amp;Save (Ctrl+S)</source>
        <translation>保存(&amp;S)(Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="691"/>
        <source>&amp;Undo my changes</source>
        <translation>撤销我的修改(&amp;U)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="709"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="709"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="709"/>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="709"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="710"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="710"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="710"/>
        <source>Disability</source>
        <translation>残疾</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="710"/>
        <source>Labour capacity</source>
        <translation>劳动能力</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="711"/>
        <source>Schooling</source>
        <translation>就学</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="712"/>
        <source>No member is recorded. “Add member…” adds one, the head first.</source>
        <translation>暂无家庭成员。点“添加成员”录入,先录户主。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="716"/>
        <source>&amp;Add member…</source>
        <translation>添加成员(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="716"/>
        <source>&amp;Edit member…</source>
        <translation>修改成员(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="717"/>
        <source>&amp;Remove member</source>
        <translation>删除成员(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="717"/>
        <source>Change &amp;head…</source>
        <translation>更换户主(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="729"/>
        <source>Incomes (12 months)</source>
        <translation>收入(近12个月)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="730"/>
        <location filename="../views/household_detail.py" line="737"/>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="730"/>
        <location filename="../views/household_detail.py" line="737"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="730"/>
        <location filename="../views/household_detail.py" line="737"/>
        <source>Amount (yuan)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="731"/>
        <location filename="../views/household_detail.py" line="738"/>
        <source>12 months ending</source>
        <translation>统计截止</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="731"/>
        <source>Exempt</source>
        <translation>不计入</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="731"/>
        <location filename="../views/household_detail.py" line="738"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="732"/>
        <source>No income is recorded for the 12 months. “Add income…” records one; the assessment wizard does too.</source>
        <translation>暂无近12个月的收入记录。点“添加收入”录入;综合评估向导也会记录收入。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="736"/>
        <source>Rigid expenses (12 months)</source>
        <translation>刚性支出(近12个月)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="739"/>
        <source>No rigid expense is recorded for the 12 months. “Add expense…” records medical, education or other rigid expenses.</source>
        <translation>暂无近12个月的刚性支出。点“添加支出”录入医疗、教育等刚性支出。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="748"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="748"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="748"/>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="748"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="801"/>
        <source>Household {code} — {name}</source>
        <translation>家庭户 {code} — {name}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="802"/>
        <source>not on the board</source>
        <translation>不在看板上</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="804"/>
        <source>&lt;b style=&apos;font-size:15px&apos;&gt;{name}&lt;/b&gt; &amp;nbsp; {id} &amp;nbsp; {code}&lt;br&gt;{sub} {community} · {members} member(s) · category: {category} · library: {board}</source>
        <translation>&lt;b style=&apos;font-size:15px&apos;&gt;{name}&lt;/b&gt; &amp;nbsp; {id} &amp;nbsp; {code}&lt;br&gt;{sub} {community} · {members} 人 · 救助类别:{category} · 监测库别:{board}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="808"/>
        <source>This household has no head: choose one with “Change head…” on the Members tab.</source>
        <translation>本户没有户主:请在“家庭成员”页用“更换户主”选定户主。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="822"/>
        <source>Last saved {when} by {who}</source>
        <translation>最后保存:{when}({who})</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="823"/>
        <source>Last saved {when}</source>
        <translation>最后保存:{when}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="825"/>
        <source>Last assessed: {assessed} · last visit: {visited} · next visit due: {due} · on the board since: {since}</source>
        <translation>最近评估:{assessed} · 最近走访:{visited} · 下次走访:{due} · 进入看板:{since}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1003"/>
        <source>&amp;Add income…</source>
        <translation>添加收入(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1003"/>
        <source>&amp;Edit income…</source>
        <translation>修改收入(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1003"/>
        <source>&amp;Remove income</source>
        <translation>删除收入(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1004"/>
        <source>Add e&amp;xpense…</source>
        <translation>添加支出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1004"/>
        <source>Edi&amp;t expense…</source>
        <translation>修改支出(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1004"/>
        <source>Re&amp;move expense</source>
        <translation>删除支出(&amp;M)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="833"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="698"/>
        <source>Househo&amp;ld</source>
        <translation>户信息(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="724"/>
        <source>Mem&amp;bers</source>
        <translation>家庭成员(&amp;B)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="744"/>
        <source>&amp;Income and expenses</source>
        <translation>收入与支出(&amp;I)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="772"/>
        <source>Histor&amp;y</source>
        <translation>历史记录(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="837"/>
        <source>Clues</source>
        <translation>线索</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="837"/>
        <source>Assessments</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="838"/>
        <source>Library moves</source>
        <translation>库别调整</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="838"/>
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="839"/>
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="839"/>
        <source>Applications</source>
        <translation>申请</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="840"/>
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="853"/>
        <source>Change history: only the latest {n} changes are shown, of {total}. The audit log (Settings → Audit log, the administrator&apos;s: search for the household&apos;s code or head&apos;s ID number) holds the earlier ones.</source>
        <translation>修改记录仅显示最近的 {n} 条,共 {total} 条;更早的记录见 系统设置 → 操作日志(由管理员查看,在“包含”中输入户编号或户主身份证号)。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="877"/>
        <source>Unsaved changes: {fields}</source>
        <translation>未保存的修改:{fields}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="957"/>
        <source>(someone else has saved this household since you started editing)</source>
        <translation>(在您编辑期间,已有其他人保存了此户)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="982"/>
        <location filename="../views/household_detail.py" line="984"/>
        <source>Remove member</source>
        <translation>删除成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="985"/>
        <source>Remove {name} from this household? Their income and expense lines are removed too.</source>
        <translation>确定从本户删除 {name} 吗?其收入和支出记录也将一并删除。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1030"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1030"/>
        <source>Remove {kind} of {amount} yuan?</source>
        <translation>确定删除 {amount} 元的{kind}吗?</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1076"/>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="1076"/>
        <source>Save your changes to this household before closing?</source>
        <translation>关闭前是否保存对此户的修改?</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../views/household_detail.py" line="174"/>
        <source>Edit member</source>
        <translation>修改成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="174"/>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="182"/>
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="186"/>
        <source>(from the ID number)</source>
        <translation>(按身份证号)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="190"/>
        <source>YYYY-MM-DD (from the ID number when empty)</source>
        <translation>年-月-日(留空则按身份证号)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="205"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="206"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="207"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="208"/>
        <source>&amp;Trade-union member</source>
        <translation>工会会员(&amp;T)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="216"/>
        <source>Se&amp;x:</source>
        <translation>性别(&amp;X):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="217"/>
        <source>&amp;Birth date:</source>
        <translation>出生日期(&amp;B):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="218"/>
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="224"/>
        <source>E&amp;mployed:</source>
        <translation>是否就业(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="226"/>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="213"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="214"/>
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="215"/>
        <source>&amp;Relation to head:</source>
        <translation>与户主关系(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="219"/>
        <source>&amp;Health:</source>
        <translation>健康状况(&amp;H):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="220"/>
        <source>&amp;Disability type:</source>
        <translation>残疾类别(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="221"/>
        <source>Disability &amp;grade:</source>
        <translation>残疾等级(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="222"/>
        <source>&amp;Labour capacity:</source>
        <translation>劳动能力(&amp;L):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="223"/>
        <source>&amp;Schooling:</source>
        <translation>就学情况(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="239"/>
        <source>The head&apos;s relation changes with “Change head…” on the Members tab, which chooses the new head in the same step.</source>
        <translation>户主的“与户主关系”请在“家庭成员”页用“更换户主”修改,同时选定新户主。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="295"/>
        <source>Only the year is shown: the full date is the part of the ID number that is masked. It follows the ID number.</source>
        <translation>只显示出生年份:完整日期正是身份证号中被隐藏的部分。出生日期随身份证号确定。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="356"/>
        <source>This ID number already belongs to member {name} of this household</source>
        <translation>该身份证号已是本户成员 {name} 的号码</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="380"/>
        <source>This member was removed by someone else.</source>
        <translation>该成员已被其他人删除。</translation>
    </message>
</context>
<context>
    <name>MoneyDialog</name>
    <message>
        <location filename="../views/household_detail.py" line="435"/>
        <source>Edit income</source>
        <translation>修改收入</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="435"/>
        <source>Add income</source>
        <translation>添加收入</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="437"/>
        <source>Edit expense</source>
        <translation>修改支出</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="437"/>
        <source>Add expense</source>
        <translation>添加支出</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="440"/>
        <source>Whole household</source>
        <translation>全户</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="446"/>
        <source>yuan over 12 months</source>
        <translation>近12个月金额(元)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="453"/>
        <source>Assessments count the lines with the latest date: give every line of this year&apos;s figures the same date.</source>
        <translation>评估只计入统计截止日期最新的一组收支:同一次核定的各行请填同一个日期。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="457"/>
        <source>&amp;Not counted as income (exempt)</source>
        <translation>不计入家庭收入(豁免)(&amp;N)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="460"/>
        <source>&amp;Member:</source>
        <translation>成员(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="461"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="463"/>
        <source>12 months &amp;ending on:</source>
        <translation>统计截止日期(&amp;E):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="467"/>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="462"/>
        <source>&amp;Amount:</source>
        <translation>金额(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="503"/>
        <source>This line was removed by someone else.</source>
        <translation>该记录已被其他人删除。</translation>
    </message>
</context>
</TS>
