<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>HouseholdDetail</name>
    <message>
        <location filename="../views/household_detail.py" line="155" />
        <source>Discard your changes?</source>
        <translation>放弃您所做的修改吗?</translation>
    </message>
</context>
<context>
    <name>HouseholdDetailDialog</name>
    <message>
        <location filename="../views/household_detail.py" line="527" />
        <source>Single-parent family</source>
        <translation>单亲家庭</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="533" />
        <source>Household &amp;no.:</source>
        <translation>户编号(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="534" />
        <source>&amp;Community:</source>
        <translation>社区/村(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="535" />
        <source>&amp;Address:</source>
        <translation>地址(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="536" />
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="537" />
        <source>Urban / rural:</source>
        <translation>城乡类别:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="539" />
        <source>Note:</source>
        <translation>备注:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="542" />
        <source>&amp;Save (Ctrl+S)</source>
        <translation>保存(&amp;S)(Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="544" />
        <source>&amp;Undo my changes</source>
        <translation>撤销我的修改(&amp;U)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="551" />
        <source>Household</source>
        <translation>户信息</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="562" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="562" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="562" />
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="562" />
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="563" />
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="563" />
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="563" />
        <source>Disability</source>
        <translation>残疾</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="563" />
        <source>Labour capacity</source>
        <translation>劳动能力</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="564" />
        <source>Schooling</source>
        <translation>就学</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="568" />
        <source>&amp;Add member…</source>
        <translation>添加成员(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="568" />
        <source>&amp;Edit member…</source>
        <translation>修改成员(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="569" />
        <source>&amp;Remove member</source>
        <translation>删除成员(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="575" />
        <source>Members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="580" />
        <source>Incomes (12 months)</source>
        <translation>收入(近12个月)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="581" />
        <location filename="../views/household_detail.py" line="587" />
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="581" />
        <location filename="../views/household_detail.py" line="587" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="581" />
        <location filename="../views/household_detail.py" line="587" />
        <source>Amount (yuan)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="582" />
        <location filename="../views/household_detail.py" line="588" />
        <source>12 months ending</source>
        <translation>统计截止</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="582" />
        <source>Exempt</source>
        <translation>不计入</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="582" />
        <location filename="../views/household_detail.py" line="588" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="586" />
        <source>Rigid expenses (12 months)</source>
        <translation>刚性支出(近12个月)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="592" />
        <source>Income and expenses</source>
        <translation>收入与支出</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="596" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="596" />
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="596" />
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="596" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="602" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="622" />
        <source>Household {code} — {name}</source>
        <translation>家庭户 {code} — {name}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="623" />
        <source>not on the board</source>
        <translation>不在看板上</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="625" />
        <source>&lt;b style='font-size:15px'&gt;{name}&lt;/b&gt; &amp;nbsp; {id} &amp;nbsp; {code}&lt;br&gt;{sub} {community} · {members} member(s) · category: {category} · library: {board}</source>
        <translation>&lt;b style='font-size:15px'&gt;{name}&lt;/b&gt; &amp;nbsp; {id} &amp;nbsp; {code}&lt;br&gt;{sub} {community} · {members} 人 · 救助类别:{category} · 监测库别:{board}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="640" />
        <source>Last assessed: {assessed} · last visit: {visited} · next visit due: {due} · on the board since: {since}
Last saved {when} by {who}</source>
        <translation>最近评估:{assessed} · 最近走访:{visited} · 下次走访:{due} · 进入看板:{since}
最后保存:{when},{who}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="649" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="653" />
        <source>Clues</source>
        <translation>线索</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="653" />
        <source>Assessments</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="654" />
        <source>Library moves</source>
        <translation>库别调整</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="654" />
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="655" />
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="655" />
        <source>Applications</source>
        <translation>申请</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="656" />
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="687" />
        <source>Unsaved changes: {fields}</source>
        <translation>未保存的修改:{fields}</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="761" />
        <source>(someone else has saved this household since you started editing)</source>
        <translation>(在您编辑期间,已有其他人保存了此户)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="780" />
        <source>Remove member</source>
        <translation>删除成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="781" />
        <source>Remove {name} from this household? Their income and expense lines are removed too.</source>
        <translation>确定从本户删除 {name} 吗?其收入和支出记录也将一并删除。</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="799" />
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="799" />
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="800" />
        <location filename="../views/household_detail.py" line="824" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="824" />
        <source>Remove {kind} of {amount} yuan?</source>
        <translation>确定删除 {amount} 元的{kind}吗?</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="845" />
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="845" />
        <source>Save your changes to this household before closing?</source>
        <translation>关闭前是否保存对此户的修改?</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../views/household_detail.py" line="173" />
        <source>Edit member</source>
        <translation>修改成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="173" />
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="178" />
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="182" />
        <source>(from the ID number)</source>
        <translation>(按身份证号)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="186" />
        <source>YYYY-MM-DD (from the ID number when empty)</source>
        <translation>年-月-日(留空则按身份证号)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="199" />
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="200" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="201" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="202" />
        <source>Trade-union member</source>
        <translation>工会会员</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="207" />
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="208" />
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="209" />
        <source>&amp;Relation to head:</source>
        <translation>与户主关系(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="210" />
        <source>Sex:</source>
        <translation>性别:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="211" />
        <source>Birth date:</source>
        <translation>出生日期:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="212" />
        <source>Phone:</source>
        <translation>联系电话:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="213" />
        <source>&amp;Health:</source>
        <translation>健康状况(&amp;H):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="214" />
        <source>&amp;Disability type:</source>
        <translation>残疾类别(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="215" />
        <source>Disability &amp;grade:</source>
        <translation>残疾等级(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="216" />
        <source>&amp;Labour capacity:</source>
        <translation>劳动能力(&amp;L):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="217" />
        <source>&amp;Schooling:</source>
        <translation>就学情况(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="218" />
        <source>Employed:</source>
        <translation>是否就业:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="220" />
        <source>Note:</source>
        <translation>备注:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="320" />
        <source>This ID number already belongs to member {name} of this household</source>
        <translation>该身份证号已是本户成员 {name} 的号码</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="344" />
        <source>This member was removed by someone else.</source>
        <translation>该成员已被其他人删除。</translation>
    </message>
</context>
<context>
    <name>MoneyDialog</name>
    <message>
        <location filename="../views/household_detail.py" line="396" />
        <source>Edit income</source>
        <translation>修改收入</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="396" />
        <source>Add income</source>
        <translation>添加收入</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="398" />
        <source>Edit expense</source>
        <translation>修改支出</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="398" />
        <source>Add expense</source>
        <translation>添加支出</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="401" />
        <source>Whole household</source>
        <translation>全户</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="407" />
        <source>yuan over 12 months</source>
        <translation>近12个月金额(元)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="412" />
        <source>Not counted as income (exempt)</source>
        <translation>不计入家庭收入(豁免)</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="414" />
        <source>Member:</source>
        <translation>成员:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="415" />
        <source>Kind:</source>
        <translation>类型:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="416" />
        <source>&amp;Amount:</source>
        <translation>金额(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="417" />
        <source>12 months ending on:</source>
        <translation>统计截止日期:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="420" />
        <source>Note:</source>
        <translation>备注:</translation>
    </message>
    <message>
        <location filename="../views/household_detail.py" line="460" />
        <source>This line was removed by someone else.</source>
        <translation>该记录已被其他人删除。</translation>
    </message>
</context>
</TS>