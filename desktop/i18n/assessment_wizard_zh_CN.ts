<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssessmentWizard</name>
    <message>
        <location filename="../views/assessment_wizard.py" line="602"/>
        <location filename="../views/assessment_wizard.py" line="646"/>
        <location filename="../views/assessment_wizard.py" line="694"/>
        <source>Comprehensive assessment</source>
        <translation>综合评估</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="605"/>
        <source>&amp;Save assessment</source>
        <translation>保存评估(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="647"/>
        <source>This household has no members recorded. Add its members first.</source>
        <translation>该户没有登记家庭成员,请先添加成员。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="713"/>
        <source>Save calculation sheet</source>
        <translation>保存评估计算表</translation>
    </message>
</context>
<context>
    <name>ChooseHouseholdPage</name>
    <message>
        <location filename="../views/assessment_wizard.py" line="108"/>
        <source>Choose the household</source>
        <translation>选择家庭</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="109"/>
        <source>Search by the head&apos;s name, any member&apos;s name, household code or ID number (the last digits are enough).</source>
        <translation>按户主姓名、成员姓名、户编号或身份证号(输入末几位即可)查找。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="114"/>
        <source>Name, code or ID number</source>
        <translation>姓名、户编号或身份证号</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="116"/>
        <source>&amp;Search</source>
        <translation>查找(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="118"/>
        <source>&amp;Look up:</source>
        <translation>检索(&amp;L):</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="148"/>
        <source>%1 households found.</source>
        <translation>找到 %1 户。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="149"/>
        <source>No household matches. Check the spelling or search by ID number.</source>
        <translation>没有符合的家庭。请检查输入,或按身份证号查找。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="150"/>
        <source>Only the first %1 are listed: type more of the name, or the ID number, to find the others.</source>
        <translation>仅列出前 %1 户;请输入更完整的姓名或身份证号查找其他家庭。</translation>
    </message>
</context>
<context>
    <name>ExpensesPage</name>
    <message>
        <location filename="../views/assessment_wizard.py" line="407"/>
        <source>Rigid spending over the last 12 months</source>
        <translation>近12个月刚性支出</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="409"/>
        <source>Out-of-pocket medical costs after insurance, education fees at public-school rates, rehabilitation and other rigid spending, in yuan over the same 12 months.</source>
        <translation>同一12个月内的医保报销后自付医疗费用、按公办学校标准计算的教育费用、康复等刚性支出(元)。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="411"/>
        <source>Other needs to refer</source>
        <translation>需转介的其他困难</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="413"/>
        <source>Housing difficulty</source>
        <translation>住房困难</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="414"/>
        <source>Needs legal aid</source>
        <translation>需要法律援助</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="415"/>
        <source>Hit by a disaster or accident</source>
        <translation>遭遇灾害或意外</translation>
    </message>
</context>
<context>
    <name>HouseholdHitsTableModel</name>
    <message>
        <location filename="../views/assessment_wizard.py" line="84"/>
        <source>Code</source>
        <translation>户编号</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="85"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="86"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="87"/>
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="88"/>
        <source>Members</source>
        <translation>人口</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="89"/>
        <source>Category</source>
        <translation>救助类别</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="90"/>
        <source>Board</source>
        <translation>监测库</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="91"/>
        <source>Last assessed</source>
        <translation>上次评估</translation>
    </message>
</context>
<context>
    <name>IncomesPage</name>
    <message>
        <location filename="../views/assessment_wizard.py" line="355"/>
        <source>Not counted (exempt)</source>
        <translation>不计入收入</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="356"/>
        <source>Income over the last 12 months</source>
        <translation>近12个月家庭收入</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="358"/>
        <source>Yuan over the 12 months before the assessment date. Net business, property and transfer income may be negative (a loss, or more paid out in taxes, contributions and support than received). Put veterans&apos; benefits, family-planning rewards, scholarships, bravery awards and assistance payments under &quot;Not counted&quot;: they are recorded but are not income. The basic resident pension has its own column: whether it is counted follows the policy setting in force on the assessment date (the result explains it).</source>
        <translation>评估日期前12个月的金额(元)。经营净收入、财产净收入、转移净收入可以为负数(亏损,或缴纳的税费、社保费和支付的赡养费等多于所得)。优待抚恤金、计划生育奖励、奖学金、见义勇为奖励、社会救助金,请填在“不计入收入”一栏:予以记录,但不算作收入。城乡居民基本养老金填在其单独一栏:是否计入收入,按评估日期当天生效的政策参数确定(评估结果中有说明)。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="396"/>
        <source>Counted income over 12 months: %1 yuan; not counted: %2 yuan</source>
        <translation>12个月计入收入:%1 元;不计入收入:%2 元</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="399"/>
        <source>; basic resident pension %1 yuan, counted or not as the policy setting says</source>
        <translation>;城乡居民基本养老金:%1 元(是否计入按政策参数)</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <location filename="../views/assessment_wizard.py" line="179"/>
        <source>Members and health</source>
        <translation>家庭成员与健康状况</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="180"/>
        <source>Check each member&apos;s health, disability, ability to work and schooling. Changes are saved to the household when you continue.</source>
        <translation>请核对每位成员的健康、残疾、劳动能力和就学情况。点击“下一步”时,修改将保存到家庭档案。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="183"/>
        <source>Single-parent &amp;household</source>
        <translation>单亲家庭(&amp;H)</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="207"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="207"/>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="207"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="207"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="207"/>
        <source>Disability</source>
        <translation>残疾类别</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="208"/>
        <source>Grade</source>
        <translation>残疾等级</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="208"/>
        <source>Ability to work</source>
        <translation>劳动能力</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="208"/>
        <source>Schooling</source>
        <translation>就学情况</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="208"/>
        <source>Employed</source>
        <translation>是否就业</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="209"/>
        <source>Union member</source>
        <translation>工会会员</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="224"/>
        <source>Unknown</source>
        <translation>不详</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="224"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="224"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>MoneyGridPage</name>
    <message>
        <location filename="../views/assessment_wizard.py" line="304"/>
        <source>Household (not by member)</source>
        <translation>家庭(不分成员)</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="309"/>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="345"/>
        <source>Total over 12 months: %1 yuan</source>
        <translation>12个月合计:%1 元</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../views/assessment_wizard.py" line="505"/>
        <source>Result</source>
        <translation>评估结果</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="506"/>
        <source>The calculation step by step, and where the household should go next.</source>
        <translation>逐步计算过程,以及该户的下一步去向。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="527"/>
        <source>Required when the placement differs from the suggestion</source>
        <translation>所选去向与建议不同时必须填写</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="525"/>
        <source>Pl&amp;acement:</source>
        <translation>去向(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="530"/>
        <source>&amp;Reason for the change:</source>
        <translation>改变建议的理由(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="541"/>
        <source>Refer &amp;to:</source>
        <translation>转介部门(&amp;E):</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="544"/>
        <source>&amp;Print calculation sheet…</source>
        <translation>打印评估计算表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="554"/>
        <source> — URGENT</source>
        <translation> —— 紧急</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="555"/>
        <source>Result: %1, per-capita monthly income %2 yuan</source>
        <translation>评估结果:%1,月人均收入 %2 元</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="557"/>
        <source>; by the difference to the standard {amount} yuan a month</source>
        <translation>;按差额计算每月 {amount} 元</translation>
    </message>
</context>
<context>
    <name>VerificationPage</name>
    <message>
        <location filename="../views/assessment_wizard.py" line="444"/>
        <source>Verification</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="445"/>
        <source>How were the figures verified, and by whom? A home survey needs at least two investigators.</source>
        <translation>收入等情况是如何核查的、由谁核查?入户调查须至少两名调查人员。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="463"/>
        <source>Names separated by commas, e.g. 王芳, 李强</source>
        <translation>姓名之间用逗号或顿号分隔,例如 王芳、李强</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="450"/>
        <source>Assessment &amp;date:</source>
        <translation>评估日期(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="461"/>
        <source>&amp;Methods used:</source>
        <translation>核查方式(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="466"/>
        <source>In&amp;vestigators:</source>
        <translation>调查人员(&amp;V):</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="484"/>
        <source>Tick at least one verification method.</source>
        <translation>请至少勾选一种核查方式。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="487"/>
        <source>Enter the investigators.</source>
        <translation>请填写调查人员。</translation>
    </message>
    <message>
        <location filename="../views/assessment_wizard.py" line="490"/>
        <source>A home survey needs at least two investigators.</source>
        <translation>入户调查须至少两名调查人员。</translation>
    </message>
</context>
</TS>
