<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchRowsDialog</name>
    <message>
        <location filename="../views/discovery.py" line="727" />
        <source>Batch #{id}: {file}</source>
        <translation>批次 #{id}:{file}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="732" />
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="733" />
        <source>Not in assistance (known and new)</source>
        <translation>非在保(已在册及新发现)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="734" />
        <source>Not in assistance, without a region</source>
        <translation>非在保且未分派区划</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="738" />
        <source>&amp;Show:</source>
        <translation>显示(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="755" />
        <source>Assign &amp;all rows without a region</source>
        <translation>分派全部未分派行(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="747" />
        <source>No row of this batch is shown by “Show”.</source>
        <translation>本批次没有符合“显示”条件的行。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="754" />
        <source>Assign s&amp;elected rows</source>
        <translation>分派选中行(&amp;E)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="758" />
        <source>Assign &amp;to:</source>
        <translation>分派到(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="791" />
        <source>without a region {n}</source>
        <translation>未分派 {n}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="804" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="804" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="804" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="804" />
        <source>Result</source>
        <translation>筛查结果</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="804" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="805" />
        <source>Region</source>
        <translation>区划</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="805" />
        <source>Library</source>
        <translation>库别</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="805" />
        <source>Open clue / application</source>
        <translation>未办结线索/申请</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="812" />
        <source>clue #{id}</source>
        <translation>线索 #{id}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="814" />
        <source>application #{id}</source>
        <translation>申请 #{id}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="836" />
        <source>Select rows that are not in assistance (known or new) first.</source>
        <translation>请先选择非在保(已在册或新发现)的行。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="843" />
        <source>{n} row(s) assigned.</source>
        <translation>已分派 {n} 行。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="847" />
        <source>Assigning…</source>
        <translation>正在分派…</translation>
    </message>
</context>
<context>
    <name>ClueInboxTab</name>
    <message>
        <location filename="../views/discovery.py" line="141" />
        <source>Open clues</source>
        <translation>未办结线索</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="142" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="149" />
        <source>&amp;Found</source>
        <translation>发现日期(&amp;T)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="269" />
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="280" />
        <source>All regions</source>
        <translation>全部区划</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="278" />
        <source>Unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="158" />
        <source>Name or ID number</source>
        <translation>姓名或身份证号</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="167" />
        <source>Stat&amp;us:</source>
        <translation>状态(&amp;Z):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="167" />
        <source>Sou&amp;rce:</source>
        <translation>来源(&amp;Y):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="168" />
        <source>Re&amp;gion:</source>
        <translation>区划(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="175" />
        <source>&amp;since</source>
        <translation>从(&amp;B)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="175" />
        <source>&amp;to</source>
        <translation>至(&amp;J)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="181" />
        <source>Na&amp;me or ID:</source>
        <translation>查找(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="203" />
        <source>Co&amp;lumns…</source>
        <translation>列(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="189" />
        <source>&amp;New clue…</source>
        <translation>登记线索(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="190" />
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="191" />
        <source>&amp;Assign…</source>
        <translation>分派(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="192" />
        <source>Start &amp;investigation</source>
        <translation>开始调查(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="193" />
        <source>&amp;Close with outcome…</source>
        <translation>办结(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="194" />
        <source>Re&amp;open…</source>
        <translation>重新打开(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="195" />
        <source>Reopen a clue closed by mistake or too early (the reason is kept in the log)</source>
        <translation>重新打开误办结或过早办结的线索(理由记入操作日志)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="197" />
        <source>Open &amp;household</source>
        <translation>打开家庭(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="198" />
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="199" />
        <source>Save every clue under the filters as an Excel work list (ID numbers as your role sees them; the export is logged)</source>
        <translation>把符合当前筛选条件的全部线索保存为 Excel 工作清单(身份证号按您的权限显示;导出记入操作日志)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="234" />
        <source>No clue matches the filters above. Change the status, source, region or dates (closed clues are under “All statuses”); a new clue is entered with “New clue”.</source>
        <translation>没有符合上方筛选条件的线索。可更改状态、来源、区划或发现日期(已办结的线索在“全部状态”中);登记新线索请点“登记线索”。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="307" />
        <source>unassigned {n}</source>
        <translation>未分派 {n}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="355" />
        <source>&lt;p style='color:#666'&gt;{n} clues selected.&lt;/p&gt;&lt;p&gt;{k} of them are closed ({ids}) and cannot be assigned: leave them out of the selection to assign the rest.&lt;/p&gt;</source>
        <translation>&lt;p style='color:#666'&gt;已选择 {n} 条线索。&lt;/p&gt;&lt;p&gt;其中 {k} 条已办结({ids}),不能再分派:请取消选择这些线索,再分派其余的。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="359" />
        <source>&lt;p style='color:#666'&gt;{n} clues selected.&lt;/p&gt;</source>
        <translation>&lt;p style='color:#666'&gt;已选中 {n} 条线索。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="360" />
        <source>&lt;p style='color:#666'&gt;Select a clue to see who reported what, and when. A new one is recorded with “New clue…”.&lt;/p&gt;</source>
        <translation>&lt;p style='color:#666'&gt;选择一条线索,查看由谁、何时报告了什么情况。登记新线索请点“登记线索”。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="364" />
        <source>Person</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="365" />
        <source>Phone / address</source>
        <translation>电话/住址</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="366" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="368" />
        <source>Reported by</source>
        <translation>报告人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="369" />
        <source>Region</source>
        <translation>区划</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="369" />
        <source>(unassigned)</source>
        <translation>(未分派)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="370" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="378" />
        <source>Household</source>
        <translation>家庭</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="382" />
        <source>not accepted yet: the household is in “applying”, awaiting its application</source>
        <translation>尚未受理:该户在“申请中”,等待受理申请</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="383" />
        <source>Accept the application…</source>
        <translation>受理申请…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="385" />
        <source>Application</source>
        <translation>申请</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="387" />
        <source>Import batch</source>
        <translation>导入批次</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="389" />
        <source>Clue #{id}</source>
        <translation>线索 #{id}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="390" />
        <source>Reopen this clue…</source>
        <translation>重新打开这条线索…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="416" />
        <location filename="../views/discovery.py" line="432" />
        <source>(not recorded)</source>
        <translation>(未记录)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="417" />
        <source>(none written)</source>
        <translation>(未填写)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="418" />
        <source>Closed by</source>
        <translation>办结人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="418" />
        <source>Closing note</source>
        <translation>办结说明</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="430" />
        <source>Reopened by</source>
        <translation>重新打开人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="431" />
        <source>Reason for reopening</source>
        <translation>重新打开理由</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="432" />
        <source>Closed before as</source>
        <translation>此前办结结果</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="474" />
        <source>{n} clue(s) assigned to {region}: they are listed under “Assigned”.</source>
        <translation>已将 {n} 条线索分派到{region},可在“已分派”中查看。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="483" />
        <source>Assigning…</source>
        <translation>正在分派…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="492" />
        <source>Clue inbox</source>
        <translation>线索收件箱</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="493" />
        <source>The selected clues are still being assigned. Close the window again when that is done.</source>
        <translation>选中的线索还在分派中。请等分派完成后再关闭窗口。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="508" />
        <source>Clue #{id} ({name}): investigation started; it is listed under “Investigating”.</source>
        <translation>线索 #{id}({name})已开始调查,可在“调查中”查看。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="524" />
        <source>Clue #{id} ({name}) was closed: {outcome}.</source>
        <translation>线索 #{id}({name})已办结:{outcome}。</translation>
    </message>
    <message>
        <source>Clue #{id} about this person is still open.</source>
        <translation>该当事人另有未办结的线索 #{id}。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="558" />
        <source>Clue #{id} ({name}) was reopened: it is listed under “{status}”. {effect}</source>
        <translation>线索 #{id}({name})已重新打开,列在“{status}”中。{effect}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="597" />
        <location filename="../views/discovery.py" line="601" />
        <source>Export clues</source>
        <translation>导出线索</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="598" />
        <source>No clue matches the filters: there is nothing to export.</source>
        <translation>没有符合筛选条件的线索,无需导出。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="601" />
        <source>clues-{date}.xlsx</source>
        <translation>线索清单-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="610" />
        <source>Exported {n} clue(s) to {path}.</source>
        <translation>已导出 {n} 条线索到 {path}。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="612" />
        <source>Exporting clues…</source>
        <translation>正在导出线索…</translation>
    </message>
</context>
<context>
    <name>ClueTableModel</name>
    <message>
        <location filename="../views/discovery.py" line="81" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="81" />
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="82" />
        <source>Person</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="82" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="83" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="83" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="84" />
        <source>Region</source>
        <translation>区划</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="84" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="85" />
        <source>Outcome</source>
        <translation>办结结果</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="116" />
        <source>(unassigned)</source>
        <translation>(未分派)</translation>
    </message>
</context>
<context>
    <name>DiscoveryPage</name>
    <message>
        <location filename="../views/discovery.py" line="1064" />
        <source>Clue &amp;inbox</source>
        <translation>线索收件箱(&amp;I)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="1065" />
        <source>&amp;Department lists</source>
        <translation>部门名单(&amp;D)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="1066" />
        <source>Household &amp;register</source>
        <translation>家庭台账(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="1068" />
        <source>Import &amp;history</source>
        <translation>导入记录(&amp;L)</translation>
    </message>
</context>
<context>
    <name>ImportHistoryTab</name>
    <message>
        <location filename="../views/discovery.py" line="855" />
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="855" />
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="856" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="856" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="857" />
        <source>Data rows</source>
        <translation>数据行</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="857" />
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="858" />
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="858" />
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="859" />
        <source>In assistance</source>
        <translation>在保</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="859" />
        <source>Known</source>
        <translation>已在册</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="860" />
        <source>New</source>
        <translation>新发现</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="860" />
        <source>Without region</source>
        <translation>未分派</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="861" />
        <source>Imported by</source>
        <translation>导入人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="870" />
        <source>Show &amp;rows…</source>
        <translation>查看明细(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="871" />
        <source>Save the &amp;error workbook…</source>
        <translation>保存错误清单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="872" />
        <source>&amp;Undo this import…</source>
        <translation>撤销本批导入(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="873" />
        <source>Remove a batch imported by mistake, with the clues it created, so that the file can be imported again</source>
        <translation>删除误导入的批次及其生成的线索,之后可以重新导入该文件</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="875" />
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;G)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="886" />
        <source>No department list has been imported yet: “Import a department list” reads the spreadsheet a department sent.</source>
        <translation>还没有导入过部门名单。点“导入部门名单”读取部门发来的表格。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="888" />
        <source>No household register has been imported yet: “Import a household register” reads a file filled in on the standard template.</source>
        <translation>还没有导入过家庭台账。点“导入家庭台账”读取按标准模板填写的文件。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="890" />
        <source>Nothing has been imported yet.</source>
        <translation>还没有任何导入记录。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="896" />
        <source>The counts of a department list are those of its rows in your own regions, as “Show rows” shows them, not the whole file's.</source>
        <translation>部门名单的各项数字只计您所辖区划内的行(与“查看明细”所列一致),不是整个文件的。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="903" />
        <source>List &amp;all batches</source>
        <translation>显示全部批次(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="930" />
        <source>Only the latest {n} batches are shown, of {total}: “List all batches” shows every one.</source>
        <translation>仅显示最近的 {n} 批,共 {total} 批;点“显示全部批次”查看全部。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="941" />
        <source>Department list: {dept}</source>
        <translation>部门名单:{dept}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="945" />
        <source>Household register</source>
        <translation>家庭台账</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="975" />
        <source>File fingerprint (SHA-256): {hash}</source>
        <translation>文件指纹(SHA-256):{hash}</translation>
    </message>
    <message>
        <source>A household register import has no rows to show here and cannot be undone as a whole: it created or updated households; correct them in 家庭档案.</source>
        <translation>家庭台账的导入已新建或更新了家庭档案,此处没有明细可查看,也不能整批撤销;请在“家庭档案”中逐户更正。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="977" />
        <source>Sheet: {sheet}</source>
        <translation>工作表:{sheet}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="991" />
        <source>The original file of batch #{id} ({file})</source>
        <translation>批次 #{id} 的原始文件({file})</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="992" />
        <source>Spreadsheets ({patterns})</source>
        <translation>表格文件({patterns})</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="997" />
        <source>Save the error workbook</source>
        <translation>保存错误清单</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="998" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="1004" />
        <source>{n} row(s) with their reasons were written to {path}.</source>
        <translation>已将 {n} 行及其错误原因写入 {path}。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="1006" />
        <source>Error workbook</source>
        <translation>错误清单</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="1010" />
        <source>Writing the error workbook…</source>
        <translation>正在写入错误清单…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="1028" />
        <location filename="../views/discovery.py" line="1042" />
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="1029" />
        <source>Batch #{id}, {dept} list {file}: its {rows} row(s) and the {clues} clue(s) it created will be removed; the file can then be imported again.

Why is it undone? (kept in the log)</source>
        <translation>将删除批次 {id}({dept}名单《{file}》)的 {rows} 行和它生成的 {clues} 条线索,之后可以重新导入该文件。

撤销原因(记入操作日志):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="1040" />
        <source>Batch #{id} was undone: {rows} row(s) and {clues} clue(s) removed.</source>
        <translation>已撤销批次 {id}:删除 {rows} 行、{clues} 条线索。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="1047" />
        <source>Undoing the import…</source>
        <translation>正在撤销导入…</translation>
    </message>
</context>
<context>
    <name>ImportLauncherTab</name>
    <message>
        <location filename="../views/discovery.py" line="634" />
        <source>&lt;h3&gt;Import a department list&lt;/h3&gt;&lt;p&gt;Departments (human resources, medical insurance, the disabled persons' federation …) send lists of people. The list is screened against the registry: people already receiving 低保 or 特困 are set aside; the others are known households (with their library class) or new people, who become clues for their sub-district or community.&lt;/p&gt;&lt;p&gt;Reads .xlsx, .xls and .csv (UTF-8 or GBK). Title rows, merged headers, blank rows and the signature footer are handled; you can correct the column mapping before anything is written. A dry run writes nothing.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;导入部门名单&lt;/h3&gt;&lt;p&gt;人社、医保、残联等部门定期推送人员名单。名单与台账比对筛查:已享受低保或特困的“在保人员”先行剔除;其余为已在册家庭(显示其库别)或新发现人员,新发现人员生成线索,交所在街道或社区调查。&lt;/p&gt;&lt;p&gt;支持 .xlsx、.xls 和 .csv(UTF-8 或 GBK)。自动处理标题行、合并表头、空行和落款签字行;写入前可修改列对应关系。试导入不写入任何数据。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="641" />
        <source>&amp;Import a department list…</source>
        <translation>导入部门名单(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="645" />
        <source>&lt;h3&gt;Import the household register&lt;/h3&gt;&lt;p&gt;The standard register template (one row per person; rows sharing 户编号 form one household) creates or updates households, members, incomes, expenses, the current assistance category and the library class. A household with any bad row is not imported at all; the errors are listed by row and column.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;导入家庭台账&lt;/h3&gt;&lt;p&gt;按标准台账模板(每人一行,户编号相同的行为一户)新建或更新家庭、成员、收入、支出、当前救助类别和监测库别。某户只要有一行出错,该户整户不导入;错误按行、列列出。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="649" />
        <source>&amp;Import a household register…</source>
        <translation>导入家庭台账(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="651" />
        <source>Save the empty &amp;template…</source>
        <translation>下载空白模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="658" />
        <source>Earlier imports of this kind:</source>
        <translation>此前的同类导入:</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="663" />
        <source>Imports are done by district or sub-district staff.</source>
        <translation>导入由区级或街道工作人员进行。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="666" />
        <source>You can also drag the file onto this page.</source>
        <translation>也可以把文件直接拖到本页上。</translation>
    </message>
</context>
</TS>