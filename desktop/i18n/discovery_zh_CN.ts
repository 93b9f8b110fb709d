<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchRowsDialog</name>
    <message>
        <location filename="../views/discovery.py" line="519" />
        <source>Batch #{id}: {file}</source>
        <translation>批次 #{id}:{file}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="524" />
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="525" />
        <source>Not in assistance (known and new)</source>
        <translation>非在保(已在册及新发现)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="526" />
        <source>Not in assistance, without a region</source>
        <translation>非在保且未分派区划</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="530" />
        <source>&amp;Show:</source>
        <translation>显示(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="546" />
        <source>Assign &amp;selected rows</source>
        <translation>分派选中行(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="547" />
        <source>Assign &amp;all rows without a region</source>
        <translation>分派全部未分派行(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="550" />
        <source>Assign to:</source>
        <translation>分派到:</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="580" />
        <source>without a region {n}</source>
        <translation>未分派 {n}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="593" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="593" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="593" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="593" />
        <source>Result</source>
        <translation>筛查结果</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="593" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="594" />
        <source>Region</source>
        <translation>区划</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="594" />
        <source>Library</source>
        <translation>库别</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="594" />
        <source>Open clue / application</source>
        <translation>未办结线索/申请</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="601" />
        <source>clue #{id}</source>
        <translation>线索 #{id}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="603" />
        <source>application #{id}</source>
        <translation>申请 #{id}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="625" />
        <source>Select rows that are not in assistance (known or new) first.</source>
        <translation>请先选择非在保(已在册或新发现)的行。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="634" />
        <source>{n} row(s) assigned.</source>
        <translation>已分派 {n} 行。</translation>
    </message>
</context>
<context>
    <name>ClueInboxTab</name>
    <message>
        <location filename="../views/discovery.py" line="126" />
        <source>Open clues</source>
        <translation>未办结线索</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="127" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="131" />
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="137" />
        <source>All regions</source>
        <translation>全部区划</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="139" />
        <source>Unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="140" />
        <source>&amp;Found between</source>
        <translation>发现日期(&amp;T)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="149" />
        <source>Name or ID number</source>
        <translation>姓名或身份证号</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="158" />
        <source>Stat&amp;us:</source>
        <translation>状态(&amp;Z):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="158" />
        <source>Sou&amp;rce:</source>
        <translation>来源(&amp;Y):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="159" />
        <source>Re&amp;gion:</source>
        <translation>区划(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="173" />
        <source>&amp;New clue…</source>
        <translation>登记线索(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="174" />
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="175" />
        <source>&amp;Assign…</source>
        <translation>分派(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="176" />
        <source>Start &amp;investigation</source>
        <translation>开始调查(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="177" />
        <source>&amp;Close with outcome…</source>
        <translation>办结(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="178" />
        <source>Open &amp;household</source>
        <translation>打开家庭(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="245" />
        <source>unassigned {n}</source>
        <translation>未分派 {n}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="277" />
        <source>&lt;p style='color:#666'&gt;{n} clues selected.&lt;/p&gt;</source>
        <translation>&lt;p style='color:#666'&gt;已选中 {n} 条线索。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="278" />
        <source>&lt;p style='color:#666'&gt;Select a clue to see who reported what, and when. A new one is recorded with “New clue…”.&lt;/p&gt;</source>
        <translation>&lt;p style='color:#666'&gt;选择一条线索,查看由谁、何时报告了什么情况。登记新线索请点“登记线索”。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="282" />
        <source>Person</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="283" />
        <source>Phone / address</source>
        <translation>电话/住址</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="284" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="286" />
        <source>Reported by</source>
        <translation>报告人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="287" />
        <source>Region</source>
        <translation>区划</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="287" />
        <source>(unassigned)</source>
        <translation>(未分派)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="288" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="294" />
        <source>Household</source>
        <translation>家庭</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="297" />
        <source>Import batch</source>
        <translation>导入批次</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="299" />
        <source>Clue #{id}</source>
        <translation>线索 #{id}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="312" />
        <source>(not recorded)</source>
        <translation>(未记录)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="313" />
        <source>(none written)</source>
        <translation>(未填写)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="314" />
        <source>Closed by</source>
        <translation>办结人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="314" />
        <source>Closing note</source>
        <translation>办结说明</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="356" />
        <source>{n} clue(s) assigned to {region}: they are listed under “Assigned”.</source>
        <translation>已将 {n} 条线索分派到{region},可在“已分派”中查看。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="370" />
        <source>Clue #{id} ({name}): investigation started; it is listed under “Investigating”.</source>
        <translation>线索 #{id}({name})已开始调查,可在“调查中”查看。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="397" />
        <source>Clue #{id} ({name}) was closed: {outcome}.</source>
        <translation>线索 #{id}({name})已办结:{outcome}。</translation>
    </message>
</context>
<context>
    <name>ClueTableModel</name>
    <message>
        <location filename="../views/discovery.py" line="69" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="69" />
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="70" />
        <source>Person</source>
        <translation>当事人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="70" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="71" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="71" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="72" />
        <source>Region</source>
        <translation>区划</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="72" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="73" />
        <source>Outcome</source>
        <translation>办结结果</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="104" />
        <source>(unassigned)</source>
        <translation>(未分派)</translation>
    </message>
</context>
<context>
    <name>DiscoveryPage</name>
    <message>
        <location filename="../views/discovery.py" line="808" />
        <source>Clue &amp;inbox</source>
        <translation>线索收件箱(&amp;I)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="809" />
        <source>&amp;Department lists</source>
        <translation>部门名单(&amp;D)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="810" />
        <source>Household &amp;register</source>
        <translation>家庭台账(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="812" />
        <source>Import &amp;history</source>
        <translation>导入记录(&amp;L)</translation>
    </message>
</context>
<context>
    <name>ImportHistoryTab</name>
    <message>
        <location filename="../views/discovery.py" line="641" />
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="641" />
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="642" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="642" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="643" />
        <source>Data rows</source>
        <translation>数据行</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="643" />
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="644" />
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="644" />
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="645" />
        <source>In assistance</source>
        <translation>在保</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="645" />
        <source>Known</source>
        <translation>已在册</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="646" />
        <source>New</source>
        <translation>新发现</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="646" />
        <source>Without region</source>
        <translation>未分派</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="647" />
        <source>Imported by</source>
        <translation>导入人</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="656" />
        <source>Show &amp;rows…</source>
        <translation>查看明细(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="657" />
        <source>Save the &amp;error workbook…</source>
        <translation>保存错误清单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="658" />
        <source>&amp;Undo this import…</source>
        <translation>撤销本批导入(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="659" />
        <source>Remove a batch imported by mistake, with the clues it created, so that the file can be imported again</source>
        <translation>删除误导入的批次及其生成的线索,之后可以重新导入该文件</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="661" />
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;G)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="700" />
        <source>Department list: {dept}</source>
        <translation>部门名单:{dept}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="704" />
        <source>Household register</source>
        <translation>家庭台账</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="729" />
        <source>File fingerprint (SHA-256): {hash}</source>
        <translation>文件指纹(SHA-256):{hash}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="731" />
        <source>Sheet: {sheet}</source>
        <translation>工作表:{sheet}</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="745" />
        <source>The original file of batch #{id} ({file})</source>
        <translation>批次 #{id} 的原始文件({file})</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="746" />
        <source>Spreadsheets ({patterns})</source>
        <translation>表格文件({patterns})</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="751" />
        <source>Save the error workbook</source>
        <translation>保存错误清单</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="752" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="760" />
        <source>{n} row(s) with their reasons were written to {path}.</source>
        <translation>已将 {n} 行及其错误原因写入 {path}。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="761" />
        <source>Error workbook</source>
        <translation>错误清单</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="778" />
        <location filename="../views/discovery.py" line="793" />
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="779" />
        <source>Batch #{id}, {dept} list {file}: its {rows} row(s) and the {clues} clue(s) it created will be removed; the file can then be imported again.

Why is it undone? (kept in the log)</source>
        <translation>将删除批次 {id}({dept}名单《{file}》)的 {rows} 行和它生成的 {clues} 条线索,之后可以重新导入该文件。

撤销原因(记入操作日志):</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="791" />
        <source>Batch #{id} was undone: {rows} row(s) and {clues} clue(s) removed.</source>
        <translation>已撤销批次 {id}:删除 {rows} 行、{clues} 条线索。</translation>
    </message>
</context>
<context>
    <name>ImportLauncherTab</name>
    <message>
        <location filename="../views/discovery.py" line="431" />
        <source>&lt;h3&gt;Import a department list&lt;/h3&gt;&lt;p&gt;Departments (human resources, medical insurance, the disabled persons' federation …) send lists of people. The list is screened against the registry: people already receiving 低保 or 特困 are set aside; the others are known households (with their library class) or new people, who become clues for their sub-district or community.&lt;/p&gt;&lt;p&gt;Reads .xlsx, .xls and .csv (UTF-8 or GBK). Title rows, merged headers, blank rows and the signature footer are handled; you can correct the column mapping before anything is written. A dry run writes nothing.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;导入部门名单&lt;/h3&gt;&lt;p&gt;人社、医保、残联等部门定期推送人员名单。名单与台账比对筛查:已享受低保或特困的“在保人员”先行剔除;其余为已在册家庭(显示其库别)或新发现人员,新发现人员生成线索,交所在街道或社区调查。&lt;/p&gt;&lt;p&gt;支持 .xlsx、.xls 和 .csv(UTF-8 或 GBK)。自动处理标题行、合并表头、空行和落款签字行;写入前可修改列对应关系。试导入不写入任何数据。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="438" />
        <source>&amp;Import a department list…</source>
        <translation>导入部门名单(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="442" />
        <source>&lt;h3&gt;Import the household register&lt;/h3&gt;&lt;p&gt;The standard register template (one row per person; rows sharing 户编号 form one household) creates or updates households, members, incomes, expenses, the current assistance category and the library class. A household with any bad row is not imported at all; the errors are listed by row and column.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;导入家庭台账&lt;/h3&gt;&lt;p&gt;按标准台账模板(每人一行,户编号相同的行为一户)新建或更新家庭、成员、收入、支出、当前救助类别和监测库别。某户只要有一行出错,该户整户不导入;错误按行、列列出。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="446" />
        <source>&amp;Import a household register…</source>
        <translation>导入家庭台账(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="448" />
        <source>Save the empty &amp;template…</source>
        <translation>下载空白模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="455" />
        <source>Earlier imports of this kind:</source>
        <translation>此前的同类导入:</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="460" />
        <source>Imports are done by district or sub-district staff.</source>
        <translation>导入由区级或街道工作人员进行。</translation>
    </message>
    <message>
        <location filename="../views/discovery.py" line="463" />
        <source>You can also drag the file onto this page.</source>
        <translation>也可以把文件直接拖到本页上。</translation>
    </message>
</context>
</TS>