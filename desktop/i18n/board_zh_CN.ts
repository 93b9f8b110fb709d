<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoardPage</name>
    <message>
        <location filename="../views/board.py" line="877" />
        <source>&amp;Board</source>
        <translation>看板(&amp;B)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="878" />
        <source>&amp;Visits</source>
        <translation>走访(&amp;W)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="879" />
        <source>Re&amp;ferrals</source>
        <translation>转介(&amp;Z)</translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <location filename="../views/board.py" line="130" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="133" />
        <source>&amp;Overdue visits only</source>
        <translation>只看走访逾期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="135" />
        <source>Search name, ID number (last digits) or phone</source>
        <translation>搜索姓名、身份证号(末几位)或电话</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="137" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="139" />
        <source>Re&amp;gion:</source>
        <translation>地区(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="139" />
        <source>&amp;Category:</source>
        <translation>类别(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="173" />
        <source>&amp;Move card…</source>
        <translation>调整库别(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="174" />
        <source>Record &amp;visit…</source>
        <translation>登记走访(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="175" />
        <source>Re&amp;fer to a department…</source>
        <translation>转介部门(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="176" />
        <source>&amp;Open household</source>
        <translation>打开家庭(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="177" />
        <source>Re-&amp;assess…</source>
        <translation>重新评估(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="277" />
        <source>Could not refresh the board: {error}</source>
        <translation>看板刷新失败:{error}</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="291" />
        <source>{total} households on the board · {monitored} need quarterly visits · {due} not yet visited this quarter · {overdue} overdue</source>
        <translation>看板共 {total} 户 · 需季度走访 {monitored} 户 · 本季度未访 {due} 户 · 逾期 {overdue} 户</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="328" />
        <source>Move refused</source>
        <translation>不允许调整</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="407" />
        <source>Move to</source>
        <translation>移到</translation>
    </message>
</context>
<context>
    <name>BoardTables</name>
    <message>
        <location filename="../views/board.py" line="104" />
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="476" />
        <location filename="../views/board.py" line="503" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="476" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="477" />
        <location filename="../views/board.py" line="503" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="477" />
        <source>Library</source>
        <translation>库别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="478" />
        <source>Category</source>
        <translation>救助类别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="478" />
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="479" />
        <location filename="../views/board.py" line="505" />
        <source>Due by</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="479" />
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="502" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="502" />
        <location filename="../views/board.py" line="718" />
        <source>Sent</source>
        <translation>已转介</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="504" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="504" />
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="505" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="506" />
        <source>Feedback</source>
        <translation>部门反馈</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="575" />
        <source>Not visited this quarter</source>
        <translation>本季度未走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="576" />
        <location filename="../views/board.py" line="717" />
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="577" />
        <source>All monitored households</source>
        <translation>全部监测家庭</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="717" />
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="718" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="719" />
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="720" />
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="721" />
        <source>Declined</source>
        <translation>未受理</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../views/board.py" line="76" />
        <source>Move household</source>
        <translation>调整库别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="79" />
        <source>Move &lt;b&gt;{name}&lt;/b&gt; from &lt;b&gt;{source}&lt;/b&gt; to &lt;b&gt;{target}&lt;/b&gt;.</source>
        <translation>将 &lt;b&gt;{name}&lt;/b&gt; 从 &lt;b&gt;{source}&lt;/b&gt; 调整到 &lt;b&gt;{target}&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="83" />
        <source>&amp;Reason for the move (recorded with your name):</source>
        <translation>调整原因(将与您的姓名一起记录)(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="86" />
        <source>e.g. income fell after the visit of 5 May</source>
        <translation>例如:5月5日走访发现收入下降</translation>
    </message>
</context>
<context>
    <name>QuarterDialog</name>
    <message>
        <location filename="../views/board.py" line="556" />
        <source>Quarterly report</source>
        <translation>季度上报</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="564" />
        <source>Quarter {n}</source>
        <translation>第 {n} 季度</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="566" />
        <source>&amp;Year:</source>
        <translation>年份(&amp;Y):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="567" />
        <source>&amp;Quarter:</source>
        <translation>季度(&amp;Q):</translation>
    </message>
</context>
<context>
    <name>ReferralTableModel</name>
    <message>
        <location filename="../views/board.py" line="516" />
        <source> (overdue)</source>
        <translation>(逾期)</translation>
    </message>
</context>
<context>
    <name>ReferralsTab</name>
    <message>
        <location filename="../views/board.py" line="729" />
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="736" />
        <source>Search name or need</source>
        <translation>搜索姓名或需求</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="738" />
        <source>&amp;Department:</source>
        <translation>部门(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="738" />
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="746" />
        <source>Department's &amp;answer…</source>
        <translation>登记部门办理结果(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="747" />
        <source>Referral &amp;letter (PDF)…</source>
        <translation>转介函(PDF)(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="748" />
        <source>&amp;Export list for the department…</source>
        <translation>导出部门转介名单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="755" />
        <source>No referral matches the department and status above. Households are referred from the board (a card's menu, “Refer to a department”) or when a visit is recorded.</source>
        <translation>没有符合上方部门和状态的转介。转介可在看板上从家庭卡片的菜单“转介部门”发起,或在登记走访时一并转介。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="792" />
        <source>{open} open referrals, {overdue} overdue</source>
        <translation>未办结转介 {open} 件,其中逾期 {overdue} 件</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="810" />
        <location filename="../views/board.py" line="813" />
        <location filename="../views/board.py" line="822" />
        <source>Referral</source>
        <translation>转介</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="810" />
        <location filename="../views/board.py" line="822" />
        <source>Select a referral in the list first.</source>
        <translation>请先在列表中选择一条转介。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="813" />
        <source>This referral is already closed.</source>
        <translation>该转介已经办结。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="825" />
        <source>Save referral letter</source>
        <translation>保存转介函</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="826" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="837" />
        <location filename="../views/board.py" line="854" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="837" />
        <source>Choose a department first.</source>
        <translation>请先选择部门。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="841" />
        <source>Save referral list</source>
        <translation>保存转介名单</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="843" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="855" />
        <source>Saved {count} referrals to {path}</source>
        <translation>已将 {count} 件转介保存到 {path}</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="857" />
        <source>Writing the referral list…</source>
        <translation>正在写入转介名单…</translation>
    </message>
</context>
<context>
    <name>VisitTableModel</name>
    <message>
        <location filename="../views/board.py" line="489" />
        <source>Visited</source>
        <translation>已走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="490" />
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="490" />
        <source>Due</source>
        <translation>待走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="492" />
        <source>never</source>
        <translation>从未走访</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <location filename="../views/board.py" line="589" />
        <source>Search name, ID number (last digits) or phone</source>
        <translation>搜索姓名、身份证号(末几位)或电话</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="591" />
        <source>Record &amp;visit…</source>
        <translation>登记走访(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="592" />
        <source>&amp;Quarterly report…</source>
        <translation>季度上报(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="593" />
        <source>E&amp;xport visit list…</source>
        <translation>导出走访名单(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="594" />
        <source>The households shown, with address and phone, as an Excel list to take on the rounds (ID numbers as your role sees them; logged)</source>
        <translation>把列表中的家庭连同住址、电话导出为 Excel 走访名单,便于入户走访时携带(身份证号按您的权限显示;导出记入操作日志)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="596" />
        <source>&amp;Show:</source>
        <translation>显示(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="601" />
        <source>Re&amp;gion:</source>
        <translation>地区(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="612" />
        <source>No household matches “Show” and the region above (households in 一类库, 二类库 and 救助中 are listed here).</source>
        <translation>没有符合上方“显示”和地区条件的家庭(这里列出一类库、二类库和救助中的家庭)。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="651" />
        <source>{quarter}: {all} monitored households, {due} not yet visited, {overdue} overdue</source>
        <translation>{quarter}:监测家庭 {all} 户,未走访 {due} 户,逾期 {overdue} 户</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="660" />
        <source>Record visit</source>
        <translation>登记走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="660" />
        <source>Select a household in the list first.</source>
        <translation>请先在列表中选择一户家庭。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="667" />
        <location filename="../views/board.py" line="683" />
        <source>Visit list</source>
        <translation>走访名单</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="668" />
        <source>No household is shown: there is nothing to export.</source>
        <translation>列表中没有家庭,无需导出。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="672" />
        <source>visit-list-{date}.xlsx</source>
        <translation>走访名单-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="671" />
        <source>Export visit list</source>
        <translation>导出走访名单</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="684" />
        <source>Saved {path}
{n} household(s).</source>
        <translation>已保存 {path}
共 {n} 户。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="687" />
        <source>Exporting the visit list…</source>
        <translation>正在导出走访名单…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="697" />
        <source>Save quarterly report</source>
        <translation>保存季度上报表</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="709" />
        <source>Quarterly report</source>
        <translation>季度上报</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="710" />
        <source>Saved {path}
Due: {due}, visited: {done}, missing: {missing}.</source>
        <translation>已保存 {path}
应访 {due} 户,已访 {done} 户,未访 {missing} 户。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="713" />
        <source>Writing the quarterly report…</source>
        <translation>正在生成季度上报表…</translation>
    </message>
</context>
</TS>