<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssessmentPage</name>
    <message>
        <location filename="../views/assessment.py" line="281" />
        <source>&amp;New assessment…</source>
        <translation>新建评估(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="284" />
        <source>&amp;Re-assess everyone…</source>
        <translation>重新评估全部(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="286" />
        <source>&amp;Print calculation sheet…</source>
        <translation>打印评估计算表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="288" />
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;G)</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="290" />
        <source>Col&amp;umns…</source>
        <translation>列(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="302" />
        <source>No assessment yet: “New assessment” works out a household's income and category.</source>
        <translation>还没有评估记录。点“新建评估”为一户家庭核算收入、认定救助类别。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="336" />
        <source>Only the latest {n} assessments are shown, of {total}. Each household's assessments are all in its window (Households, History tab).</source>
        <translation>仅显示最近的 {n} 次评估,共 {total} 次;每户的全部评估见其家庭档案窗口的“历史记录”页。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="344" />
        <source>Select an assessment to see its calculation.</source>
        <translation>选择一条评估记录查看计算过程。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="345" />
        <source>No assessments yet. Start one with "New assessment".</source>
        <translation>还没有评估记录。请点击“新建评估”开始。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="361" />
        <source>Assessment %1 of %2 on %3 — verified by %4 (%5)</source>
        <translation>第 %1 号评估:%2,%3 —— 核查方式:%4(调查人员:%5)</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="387" />
        <source>Print calculation sheet</source>
        <translation>打印评估计算表</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="387" />
        <source>Select an assessment first.</source>
        <translation>请先选择一条评估记录。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="394" />
        <source>Save calculation sheet</source>
        <translation>保存评估计算表</translation>
    </message>
</context>
<context>
    <name>AssessmentsTableModel</name>
    <message>
        <location filename="../views/assessment.py" line="53" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="54" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="55" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="56" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="57" />
        <source>Result</source>
        <translation>评估结果</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="58" />
        <source>Per-capita income</source>
        <translation>月人均收入(元)</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="59" />
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="60" />
        <source>Placement</source>
        <translation>去向</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="61" />
        <source>Assessor</source>
        <translation>评估人</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="65" />
        <source> (changed)</source>
        <translation>(已改变建议)</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="67" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>ProposalsTableModel</name>
    <message>
        <location filename="../views/assessment.py" line="78" />
        <source>Code</source>
        <translation>户编号</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="79" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="80" />
        <source>Current category</source>
        <translation>当前救助类别</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="81" />
        <source>Suggested category</source>
        <translation>建议类别</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="82" />
        <source>Per-capita income</source>
        <translation>月人均收入(元)</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="83" />
        <source>Proposed move</source>
        <translation>建议调整</translation>
    </message>
</context>
<context>
    <name>ReassessDialog</name>
    <message>
        <location filename="../views/assessment.py" line="106" />
        <source>Re-assess everyone</source>
        <translation>重新评估全部家庭</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="108" />
        <source>Runs the means test again for every household in the chosen area with the policy settings in force on the date, and writes one row per household to a workbook. Nothing in the register changes until you confirm the moves.</source>
        <translation>按所选日期生效的政策参数,对所选区域内的每一户重新计算家庭经济状况,每户一行写入工作簿。在您确认库别调整之前,登记册不会有任何改动。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="115" />
        <source>Everything I can see</source>
        <translation>我管辖的全部区域</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="122" />
        <source>&amp;Area:</source>
        <translation>区域(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="124" />
        <source>Settings in force &amp;on:</source>
        <translation>适用政策参数日期(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="134" />
        <source>Output &amp;file:</source>
        <translation>输出文件(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="138" />
        <source>&amp;Run re-assessment</source>
        <translation>开始重新评估(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="146" />
        <source>No household needs a move: each suggested placement matches where the household is now.</source>
        <translation>没有需要调整的家庭:各户的建议去向与其当前所在库别、救助类别一致。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="153" />
        <source>&amp;Confirm proposed moves…</source>
        <translation>确认库别调整(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="162" />
        <source>Save re-assessment</source>
        <translation>保存重新评估结果</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="163" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="174" />
        <source>The file {name} already exists (perhaps an earlier re-assessment). Replace it?</source>
        <translation>文件 {name} 已经存在(可能是之前的一次重新评估)。要替换它吗?</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="190" />
        <source>Re-assessing households…</source>
        <translation>正在重新评估家庭…</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="196" />
        <source>%1 households re-assessed with the settings in force on %2: %3. %4 changed. Written to %5.</source>
        <translation>已按 %2 生效的政策参数重新评估 %1 户:%3。类别有变化的 %4 户。结果已写入 %5。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="200" />
        <source>By the difference to the standard, the {n} households assessed for the subsistence allowance would be paid {amount} yuan a month in all.</source>
        <translation>按差额测算,评估为低保的 {n} 户每月保障金合计 {amount} 元。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="204" />
        <source>%1 households have no members and could not be assessed.</source>
        <translation>%1 户没有成员记录,无法评估。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="207" />
        <source>Note: the incomes on record of %1 households are not for the 12 months before the date (said in the sheet's remarks); check their results.</source>
        <translation>注意:%1 户登记的收支数据不是评估日期前12个月的(已在表的备注中注明),其结果请核实。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="223" />
        <source>&amp;Confirm %1 selected moves…</source>
        <translation>确认所选的 %1 户调整(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="227" />
        <source>All %1 proposed moves are selected. To confirm only some, click a row and Ctrl+click or Shift+click the others.</source>
        <translation>已选中全部 %1 户建议调整。如只确认其中一部分,请单击一行,再按住 Ctrl 或 Shift 单击其他行。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="231" />
        <source>%1 of %2 proposed moves selected; the others stay in the list and in the workbook.</source>
        <translation>共 %2 户建议调整,已选 %1 户;未选的仍留在列表和工作簿中。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="239" />
        <location filename="../views/assessment.py" line="271" />
        <source>Confirm moves</source>
        <translation>确认库别调整</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="240" />
        <source>Move %1 households as proposed? Each move is recorded with its reason.</source>
        <translation>按建议调整 %1 户的库别?每一次调整都会连同原因记录在案。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="249" />
        <source>Applying the moves…</source>
        <translation>正在调整库别…</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="260" />
        <source>%1 households moved, %2 unchanged.</source>
        <translation>已调整 %1 户,%2 户未变。</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="267" />
        <source> … and %1 more</source>
        <translation> …… 另有 %1 户</translation>
    </message>
    <message>
        <location filename="../views/assessment.py" line="268" />
        <source>%1 households skipped (re-assess them again): %2</source>
        <translation>%1 户未调整(请重新评估):%2</translation>
    </message>
</context>
</TS>