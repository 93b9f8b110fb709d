<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>HouseholdDetailDialog</name>
    <message>
        <location filename="../views/household_detail.py" line="534" />
        <source>Household &amp;no.:</source>
        <translation>户编号(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="535" />
        <source>&amp;Community:</source>
        <translation>社区/村(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="536" />
        <source>&amp;Address:</source>
        <translation>地址(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="537" />
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="528" />
        <source>Single-parent &amp;family</source>
        <translation>单亲家庭(&amp;F)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="538" />
        <source>Urban / &amp;rural:</source>
        <translation>城乡类别(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="540" />
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="543" />
        <source>&amp;Save (Ctrl+S)</source>
        <translation>保存(&amp;S)(Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="545" />
        <source>&amp;Undo my changes</source>
        <translation>撤销我的修改(&amp;U)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="552" />
        <source>Household</source>
        <translation>户信息</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="563" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="563" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="563" />
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="563" />
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="564" />
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="564" />
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="564" />
        <source>Disability</source>
        <translation>残疾</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="564" />
        <source>Labour capacity</source>
        <translation>劳动能力</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="565" />
        <source>Schooling</source>
        <translation>就学</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="569" />
        <source>&amp;Add member…</source>
        <translation>添加成员(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="569" />
        <source>&amp;Edit member…</source>
        <translation>修改成员(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="570" />
        <source>&amp;Remove member</source>
        <translation>删除成员(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="576" />
        <source>Members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="581" />
        <source>Incomes (12 months)</source>
        <translation>收入(近12个月)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="582" />
        <location filename="../views/household_detail.py" line="588" />
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="582" />
        <location filename="../views/household_detail.py" line="588" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="582" />
        <location filename="../views/household_detail.py" line="588" />
        <source>Amount (yuan)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="583" />
        <location filename="../views/household_detail.py" line="589" />
        <source>12 months ending</source>
        <translation>统计截止</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="583" />
        <source>Exempt</source>
        <translation>不计入</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="583" />
        <location filename="../views/household_detail.py" line="589" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="587" />
        <source>Rigid expenses (12 months)</source>
        <translation>刚性支出(近12个月)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="593" />
        <source>Income and expenses</source>
        <translation>收入与支出</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="597" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="597" />
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="597" />
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="597" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="603" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="623" />
        <source>Household {code} — {name}</source>
        <translation>家庭户 {code} — {name}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="624" />
        <source>not on the board</source>
        <translation>不在看板上</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="626" />
        <source>&lt;b style='font-size:15px'&gt;{name}&lt;/b&gt; &amp;nbsp; {id} &amp;nbsp; {code}&lt;br&gt;{sub} {community} · {members} member(s) · category: {category} · library: {board}</source>
        <translation>&lt;b style='font-size:15px'&gt;{name}&lt;/b&gt; &amp;nbsp; {id} &amp;nbsp; {code}&lt;br&gt;{sub} {community} · {members} 人 · 救助类别:{category} · 监测库别:{board}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="641" />
        <source>Last saved {when} by {who}</source>
        <translation>最后保存:{when}({who})</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="642" />
        <source>Last saved {when}</source>
        <translation>最后保存:{when}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="644" />
        <source>Last assessed: {assessed} · last visit: {visited} · next visit due: {due} · on the board since: {since}</source>
        <translation>最近评估:{assessed} · 最近走访:{visited} · 下次走访:{due} · 进入看板:{since}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="808" />
        <source>&amp;Add income…</source>
        <translation>添加收入(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="808" />
        <source>&amp;Edit income…</source>
        <translation>修改收入(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="808" />
        <source>&amp;Remove income</source>
        <translation>删除收入(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="809" />
        <source>Add e&amp;xpense…</source>
        <translation>添加支出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="809" />
        <source>Edi&amp;t expense…</source>
        <translation>修改支出(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="809" />
        <source>Re&amp;move expense</source>
        <translation>删除支出(&amp;M)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="651" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="655" />
        <source>Clues</source>
        <translation>线索</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="655" />
        <source>Assessments</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="656" />
        <source>Library moves</source>
        <translation>库别调整</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="656" />
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="657" />
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="657" />
        <source>Applications</source>
        <translation>申请</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="658" />
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="689" />
        <source>Unsaved changes: {fields}</source>
        <translation>未保存的修改:{fields}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="769" />
        <source>(someone else has saved this household since you started editing)</source>
        <translation>(在您编辑期间,已有其他人保存了此户)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="788" />
        <source>Remove member</source>
        <translation>删除成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="789" />
        <source>Remove {name} from this household? Their income and expense lines are removed too.</source>
        <translation>确定从本户删除 {name} 吗?其收入和支出记录也将一并删除。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="835" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="835" />
        <source>Remove {kind} of {amount} yuan?</source>
        <translation>确定删除 {amount} 元的{kind}吗?</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="856" />
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="856" />
        <source>Save your changes to this household before closing?</source>
        <translation>关闭前是否保存对此户的修改?</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../views/household_detail.py" line="167" />
        <source>Edit member</source>
        <translation>修改成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="167" />
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="172" />
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="176" />
        <source>(from the ID number)</source>
        <translation>(按身份证号)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="180" />
        <source>YYYY-MM-DD (from the ID number when empty)</source>
        <translation>年-月-日(留空则按身份证号)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="195" />
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="196" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="197" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="198" />
        <source>&amp;Trade-union member</source>
        <translation>工会会员(&amp;T)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="206" />
        <source>Se&amp;x:</source>
        <translation>性别(&amp;X):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="207" />
        <source>&amp;Birth date:</source>
        <translation>出生日期(&amp;B):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="208" />
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="214" />
        <source>E&amp;mployed:</source>
        <translation>是否就业(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="216" />
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="203" />
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="204" />
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="205" />
        <source>&amp;Relation to head:</source>
        <translation>与户主关系(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="209" />
        <source>&amp;Health:</source>
        <translation>健康状况(&amp;H):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="210" />
        <source>&amp;Disability type:</source>
        <translation>残疾类别(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="211" />
        <source>Disability &amp;grade:</source>
        <translation>残疾等级(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="212" />
        <source>&amp;Labour capacity:</source>
        <translation>劳动能力(&amp;L):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="213" />
        <source>&amp;Schooling:</source>
        <translation>就学情况(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="312" />
        <source>This ID number already belongs to member {name} of this household</source>
        <translation>该身份证号已是本户成员 {name} 的号码</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="336" />
        <source>This member was removed by someone else.</source>
        <translation>该成员已被其他人删除。</translation>
    </message>
</context>
<context>
    <name>MoneyDialog</name>
    <message>
        <location filename="../views/household_detail.py" line="391" />
        <source>Edit income</source>
        <translation>修改收入</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="391" />
        <source>Add income</source>
        <translation>添加收入</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="393" />
        <source>Edit expense</source>
        <translation>修改支出</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="393" />
        <source>Add expense</source>
        <translation>添加支出</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="396" />
        <source>Whole household</source>
        <translation>全户</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="402" />
        <source>yuan over 12 months</source>
        <translation>近12个月金额(元)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="409" />
        <source>Assessments count the lines with the latest date: give every line of this year's figures the same date.</source>
        <translation>评估只计入统计截止日期最新的一组收支:同一次核定的各行请填同一个日期。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="413" />
        <source>&amp;Not counted as income (exempt)</source>
        <translation>不计入家庭收入(豁免)(&amp;N)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="416" />
        <source>&amp;Member:</source>
        <translation>成员(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="417" />
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="419" />
        <source>12 months &amp;ending on:</source>
        <translation>统计截止日期(&amp;E):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="423" />
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="418" />
        <source>&amp;Amount:</source>
        <translation>金额(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="459" />
        <source>This line was removed by someone else.</source>
        <translation>该记录已被其他人删除。</translation>
    </message>
</context>
</TS>