<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoardPage</name>
    <message>
        <location filename="../views/board.py" line="921" />
        <source>&amp;Board</source>
        <translation>看板(&amp;B)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="922" />
        <source>&amp;Visits</source>
        <translation>走访(&amp;W)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="923" />
        <source>Re&amp;ferrals</source>
        <translation>转介(&amp;Z)</translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <location filename="../views/board.py" line="146" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="149" />
        <source>&amp;Overdue visits only</source>
        <translation>只看走访逾期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="151" />
        <source>Search name, ID number (last digits) or phone</source>
        <translation>搜索姓名、身份证号(末几位)或电话</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="153" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="155" />
        <source>Re&amp;gion:</source>
        <translation>地区(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="155" />
        <source>&amp;Category:</source>
        <translation>类别(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="161" />
        <source>Na&amp;me, ID or phone:</source>
        <translation>查找(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="190" />
        <source>&amp;Move card…</source>
        <translation>调整库别(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="191" />
        <source>Record &amp;visit…</source>
        <translation>登记走访(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="192" />
        <source>Re&amp;fer to a department…</source>
        <translation>转介部门(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="193" />
        <source>&amp;Open household</source>
        <translation>打开家庭(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="194" />
        <source>Re-&amp;assess…</source>
        <translation>重新评估(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="242" />
        <source>No household here matches the filter above</source>
        <translation>没有符合上方筛选条件的家庭</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="243" />
        <source>No household at present</source>
        <translation>暂无家庭</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="300" />
        <source>Could not refresh the board: {error}</source>
        <translation>看板刷新失败:{error}</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="314" />
        <source>{total} households on the board · {monitored} need quarterly visits · {due} not yet visited this quarter · {overdue} overdue</source>
        <translation>看板共 {total} 户 · 需季度走访 {monitored} 户 · 本季度未访 {due} 户 · 逾期 {overdue} 户</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="351" />
        <source>Move refused</source>
        <translation>不允许调整</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="430" />
        <source>Move to</source>
        <translation>移到</translation>
    </message>
</context>
<context>
    <name>BoardTables</name>
    <message>
        <location filename="../views/board.py" line="116" />
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="499" />
        <location filename="../views/board.py" line="527" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="499" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="500" />
        <location filename="../views/board.py" line="527" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="501" />
        <source>Library</source>
        <translation>库别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="501" />
        <source>Category</source>
        <translation>救助类别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="502" />
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="502" />
        <location filename="../views/board.py" line="529" />
        <source>Due by</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="503" />
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="526" />
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="757" />
        <source>Sent</source>
        <translation>已转介</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="528" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="500" />
        <source>Sub-district</source>
        <translation>街道(镇)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="526" />
        <source>Sent on</source>
        <translation>转介日期</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="528" />
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="529" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="530" />
        <source>Feedback</source>
        <translation>部门反馈</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="613" />
        <source>Not visited this quarter</source>
        <translation>本季度未走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="614" />
        <location filename="../views/board.py" line="756" />
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="615" />
        <source>All monitored households</source>
        <translation>全部监测家庭</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="756" />
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="757" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="758" />
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="759" />
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="760" />
        <source>Declined</source>
        <translation>未受理</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../views/board.py" line="78" />
        <source>Move household</source>
        <translation>调整库别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="81" />
        <source>Move &lt;b&gt;{name}&lt;/b&gt; from &lt;b&gt;{source}&lt;/b&gt; to &lt;b&gt;{target}&lt;/b&gt;.</source>
        <translation>将 &lt;b&gt;{name}&lt;/b&gt; 从 &lt;b&gt;{source}&lt;/b&gt; 调整到 &lt;b&gt;{target}&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="85" />
        <source>&amp;Reason for the move (recorded with your name):</source>
        <translation>调整原因(将与您的姓名一起记录)(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="88" />
        <source>e.g. income fell after the visit of 5 May</source>
        <translation>例如:5月5日走访发现收入下降</translation>
    </message>
</context>
<context>
    <name>QuarterDialog</name>
    <message>
        <location filename="../views/board.py" line="594" />
        <source>Quarterly report</source>
        <translation>季度上报</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="602" />
        <source>Quarter {n}</source>
        <translation>第 {n} 季度</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="604" />
        <source>&amp;Year:</source>
        <translation>年份(&amp;Y):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="605" />
        <source>&amp;Quarter:</source>
        <translation>季度(&amp;Q):</translation>
    </message>
</context>
<context>
    <name>ReferralTableModel</name>
    <message>
        <location filename="../views/board.py" line="540" />
        <source> (overdue)</source>
        <translation>(逾期)</translation>
    </message>
</context>
<context>
    <name>ReferralsTab</name>
    <message>
        <location filename="../views/board.py" line="768" />
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="775" />
        <source>Search name or need</source>
        <translation>搜索姓名或需求</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="777" />
        <source>&amp;Department:</source>
        <translation>部门(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="777" />
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="782" />
        <source>Na&amp;me or need:</source>
        <translation>查找(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="786" />
        <source>Department's &amp;answer…</source>
        <translation>登记部门办理结果(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="787" />
        <source>Referral &amp;letter (PDF)…</source>
        <translation>转介函(PDF)(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="788" />
        <source>&amp;Export list for the department…</source>
        <translation>导出部门转介名单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="797" />
        <source>No referral matches the department, status and search above. Households are referred from the board (a card's menu, “Refer to a department”) or when a visit is recorded.</source>
        <translation>没有符合上方部门、状态和搜索条件的转介。转介可在看板上从家庭卡片的菜单“转介部门”发起,或在登记走访时一并转介。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="836" />
        <source>{open} open referrals, {overdue} overdue</source>
        <translation>未办结转介 {open} 件,其中逾期 {overdue} 件</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="854" />
        <location filename="../views/board.py" line="857" />
        <location filename="../views/board.py" line="866" />
        <source>Referral</source>
        <translation>转介</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="854" />
        <location filename="../views/board.py" line="866" />
        <source>Select a referral in the list first.</source>
        <translation>请先在列表中选择一条转介。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="857" />
        <source>This referral is already closed.</source>
        <translation>该转介已经办结。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="869" />
        <source>Save referral letter</source>
        <translation>保存转介函</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="870" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="881" />
        <location filename="../views/board.py" line="898" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="881" />
        <source>Choose a department first.</source>
        <translation>请先选择部门。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="885" />
        <source>Save referral list</source>
        <translation>保存转介名单</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="887" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="899" />
        <source>Saved {count} referrals to {path}</source>
        <translation>已将 {count} 件转介保存到 {path}</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="901" />
        <source>Writing the referral list…</source>
        <translation>正在写入转介名单…</translation>
    </message>
</context>
<context>
    <name>VisitTableModel</name>
    <message>
        <location filename="../views/board.py" line="513" />
        <source>Visited</source>
        <translation>已走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="514" />
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="514" />
        <source>Due</source>
        <translation>待走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="516" />
        <source>never</source>
        <translation>从未走访</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <location filename="../views/board.py" line="627" />
        <source>Search name, ID number (last digits) or phone</source>
        <translation>搜索姓名、身份证号(末几位)或电话</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="629" />
        <source>Record &amp;visit…</source>
        <translation>登记走访(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="630" />
        <source>&amp;Quarterly report…</source>
        <translation>季度上报(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="631" />
        <source>E&amp;xport visit list…</source>
        <translation>导出走访名单(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="632" />
        <source>The households shown, with address and phone, as an Excel list to take on the rounds (ID numbers as your role sees them; logged)</source>
        <translation>把列表中的家庭连同住址、电话导出为 Excel 走访名单,便于入户走访时携带(身份证号按您的权限显示;导出记入操作日志)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="634" />
        <source>&amp;Show:</source>
        <translation>显示(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="639" />
        <source>Re&amp;gion:</source>
        <translation>地区(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="643" />
        <source>Na&amp;me, ID or phone:</source>
        <translation>查找(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="692" />
        <source>{quarter}: {all} monitored households, {due} not yet visited, {overdue} overdue</source>
        <translation>{quarter}:监测家庭 {all} 户,未走访 {due} 户,逾期 {overdue} 户</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="701" />
        <source>Record visit</source>
        <translation>登记走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="701" />
        <source>Select a household in the list first.</source>
        <translation>请先在列表中选择一户家庭。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="708" />
        <location filename="../views/board.py" line="723" />
        <source>Visit list</source>
        <translation>走访名单</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="709" />
        <source>No household is shown: there is nothing to export.</source>
        <translation>列表中没有家庭,无需导出。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="712" />
        <source>visit-list-{date}.xlsx</source>
        <translation>走访名单-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="712" />
        <source>Export visit list</source>
        <translation>导出走访名单</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="724" />
        <source>Saved {path}
{n} household(s).</source>
        <translation>已保存 {path}
共 {n} 户。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="726" />
        <source>Exporting the visit list…</source>
        <translation>正在导出走访名单…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="734" />
        <source>Save quarterly report</source>
        <translation>保存季度上报表</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="750" />
        <source>Quarterly report</source>
        <translation>季度上报</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="746" />
        <source>Saved {path}
Due: {due}, visited: {done}, missing: {missing}.</source>
        <translation>已保存 {path}
应访 {due} 户,已访 {done} 户,未访 {missing} 户。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="651" />
        <source>No household matches “Show”, the region and the search above (households in 一类库, 二类库 and 救助中 are listed here).</source>
        <translation>没有符合上方“显示”、地区和搜索条件的家庭(这里列出一类库、二类库和救助中的家庭)。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="752" />
        <source>Writing the quarterly report…</source>
        <translation>正在生成季度上报表…</translation>
    </message>
</context>
</TS>