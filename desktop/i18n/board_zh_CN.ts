<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoardPage</name>
    <message>
        <location filename="../views/board.py" line="916"/>
        <source>&amp;Board</source>
        <translation>看板(&amp;B)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="917"/>
        <source>&amp;Visits</source>
        <translation>走访(&amp;W)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="918"/>
        <source>Re&amp;ferrals</source>
        <translation>转介(&amp;Z)</translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <location filename="../views/board.py" line="144"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="147"/>
        <source>&amp;Overdue visits only</source>
        <translation>只看走访逾期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="149"/>
        <source>Search name, ID number (last digits) or phone</source>
        <translation>搜索姓名、身份证号(末几位)或电话</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="151"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="153"/>
        <source>Re&amp;gion:</source>
        <translation>地区(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="153"/>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="159"/>
        <source>Na&amp;me, ID or phone:</source>
        <translation>查找(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="188"/>
        <source>&amp;Move card…</source>
        <translation>调整库别(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="189"/>
        <source>Record &amp;visit…</source>
        <translation>登记走访(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="190"/>
        <source>Re&amp;fer to a department…</source>
        <translation>转介部门(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="191"/>
        <source>&amp;Open household</source>
        <translation>打开家庭(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="192"/>
        <source>Re-&amp;assess…</source>
        <translation>重新评估(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="240"/>
        <source>No household here matches the filter above</source>
        <translation>没有符合上方筛选条件的家庭</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="241"/>
        <source>No household at present</source>
        <translation>暂无家庭</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="298"/>
        <source>Could not refresh the board: {error}</source>
        <translation>看板刷新失败:{error}</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="312"/>
        <source>{total} households on the board · {monitored} need quarterly visits · {due} not yet visited this quarter · {overdue} overdue</source>
        <translation>看板共 {total} 户 · 需季度走访 {monitored} 户 · 本季度未访 {due} 户 · 逾期 {overdue} 户</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="349"/>
        <source>Move refused</source>
        <translation>不允许调整</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="428"/>
        <source>Move to</source>
        <translation>移到</translation>
    </message>
</context>
<context>
    <name>BoardTables</name>
    <message>
        <location filename="../views/board.py" line="114"/>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="497"/>
        <location filename="../views/board.py" line="525"/>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="497"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="498"/>
        <location filename="../views/board.py" line="525"/>
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="499"/>
        <source>Library</source>
        <translation>库别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="499"/>
        <source>Category</source>
        <translation>救助类别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="500"/>
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="500"/>
        <location filename="../views/board.py" line="527"/>
        <source>Due by</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="501"/>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="524"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="755"/>
        <source>Sent</source>
        <translation>已转介</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="526"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="498"/>
        <source>Sub-district</source>
        <translation>街道(镇)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="524"/>
        <source>Sent on</source>
        <translation>转介日期</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="526"/>
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="527"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="528"/>
        <source>Feedback</source>
        <translation>部门反馈</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="611"/>
        <source>Not visited this quarter</source>
        <translation>本季度未走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="612"/>
        <location filename="../views/board.py" line="754"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="613"/>
        <source>All monitored households</source>
        <translation>全部监测家庭</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="754"/>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="755"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="756"/>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="757"/>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="758"/>
        <source>Declined</source>
        <translation>未受理</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../views/board.py" line="76"/>
        <source>Move household</source>
        <translation>调整库别</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="79"/>
        <source>Move &lt;b&gt;{name}&lt;/b&gt; from &lt;b&gt;{source}&lt;/b&gt; to &lt;b&gt;{target}&lt;/b&gt;.</source>
        <translation>将 &lt;b&gt;{name}&lt;/b&gt; 从 &lt;b&gt;{source}&lt;/b&gt; 调整到 &lt;b&gt;{target}&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="83"/>
        <source>&amp;Reason for the move (recorded with your name):</source>
        <translation>调整原因(将与您的姓名一起记录)(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="86"/>
        <source>e.g. income fell after the visit of 5 May</source>
        <translation>例如:5月5日走访发现收入下降</translation>
    </message>
</context>
<context>
    <name>QuarterDialog</name>
    <message>
        <location filename="../views/board.py" line="592"/>
        <source>Quarterly report</source>
        <translation>季度上报</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="600"/>
        <source>Quarter {n}</source>
        <translation>第 {n} 季度</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="602"/>
        <source>&amp;Year:</source>
        <translation>年份(&amp;Y):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="603"/>
        <source>&amp;Quarter:</source>
        <translation>季度(&amp;Q):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="600"/>
        <source>{quarter} has not begun: nothing to report yet.</source>
        <translation>{quarter}尚未开始,还没有可上报的内容。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="600"/>
        <source>{quarter} is over: the report gives its final figures.</source>
        <translation>{quarter}已结束:报表为该季度的最终数。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="600"/>
        <source>{quarter} is under way until {end}: the report gives the progress so far; export it again after the quarter for the final figures.</source>
        <translation>{quarter}到 {end} 才结束:报表为截至今天的进度,季度结束后请重新导出正式上报。</translation>
    </message>
</context>
<context>
    <name>ReferralTableModel</name>
    <message>
        <location filename="../views/board.py" line="538"/>
        <source> (overdue)</source>
        <translation>(逾期)</translation>
    </message>
</context>
<context>
    <name>ReferralsTab</name>
    <message>
        <location filename="../views/board.py" line="766"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="773"/>
        <source>Search name or need</source>
        <translation>搜索姓名或需求</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="775"/>
        <source>&amp;Department:</source>
        <translation>部门(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="775"/>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="780"/>
        <source>Na&amp;me or need:</source>
        <translation>查找(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="784"/>
        <source>Department&apos;s &amp;answer…</source>
        <translation>登记部门办理结果(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="785"/>
        <source>Referral &amp;letter (PDF)…</source>
        <translation>转介函(PDF)(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="786"/>
        <source>&amp;Export list for the department…</source>
        <translation>导出部门转介名单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="795"/>
        <source>No referral matches the department, status and search above. Households are referred from the board (a card&apos;s menu, “Refer to a department”) or when a visit is recorded.</source>
        <translation>没有符合上方部门、状态和搜索条件的转介。转介可在看板上从家庭卡片的菜单“转介部门”发起,或在登记走访时一并转介。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="834"/>
        <source>{open} open referrals, {overdue} overdue</source>
        <translation>未办结转介 {open} 件,其中逾期 {overdue} 件</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="852"/>
        <location filename="../views/board.py" line="855"/>
        <location filename="../views/board.py" line="864"/>
        <source>Referral</source>
        <translation>转介</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="852"/>
        <location filename="../views/board.py" line="864"/>
        <source>Select a referral in the list first.</source>
        <translation>请先在列表中选择一条转介。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="855"/>
        <source>This referral is already closed.</source>
        <translation>该转介已经办结。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="867"/>
        <source>Save referral letter</source>
        <translation>保存转介函</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="878"/>
        <location filename="../views/board.py" line="893"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="878"/>
        <source>Choose a department first.</source>
        <translation>请先选择部门。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="882"/>
        <source>Save referral list</source>
        <translation>保存转介名单</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="894"/>
        <source>Saved {count} referrals to {path}</source>
        <translation>已将 {count} 件转介保存到 {path}</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="896"/>
        <source>Writing the referral list…</source>
        <translation>正在写入转介名单…</translation>
    </message>
</context>
<context>
    <name>VisitTableModel</name>
    <message>
        <location filename="../views/board.py" line="511"/>
        <source>Visited</source>
        <translation>已走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="512"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="512"/>
        <source>Due</source>
        <translation>待走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="514"/>
        <source>never</source>
        <translation>从未走访</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <location filename="../views/board.py" line="625"/>
        <source>Search name, ID number (last digits) or phone</source>
        <translation>搜索姓名、身份证号(末几位)或电话</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="627"/>
        <source>Record &amp;visit…</source>
        <translation>登记走访(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="628"/>
        <source>&amp;Quarterly report…</source>
        <translation>季度上报(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="629"/>
        <source>E&amp;xport visit list…</source>
        <translation>导出走访名单(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="630"/>
        <source>The households shown, with address and phone, as an Excel list to take on the rounds (ID numbers as your role sees them; logged)</source>
        <translation>把列表中的家庭连同住址、电话导出为 Excel 走访名单,便于入户走访时携带(身份证号按您的权限显示;导出记入操作日志)</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="632"/>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="637"/>
        <source>Re&amp;gion:</source>
        <translation>地区(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="641"/>
        <source>Na&amp;me, ID or phone:</source>
        <translation>查找(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="690"/>
        <source>{quarter}: {all} monitored households, {due} not yet visited, {overdue} overdue</source>
        <translation>{quarter}:监测家庭 {all} 户,未走访 {due} 户,逾期 {overdue} 户</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="699"/>
        <source>Record visit</source>
        <translation>登记走访</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="699"/>
        <source>Select a household in the list first.</source>
        <translation>请先在列表中选择一户家庭。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="706"/>
        <location filename="../views/board.py" line="721"/>
        <source>Visit list</source>
        <translation>走访名单</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="707"/>
        <source>No household is shown: there is nothing to export.</source>
        <translation>列表中没有家庭,无需导出。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="710"/>
        <source>visit-list-{date}.xlsx</source>
        <translation>走访名单-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="710"/>
        <source>Export visit list</source>
        <translation>导出走访名单</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="722"/>
        <source>Saved {path}
{n} household(s).</source>
        <translation>已保存 {path}
共 {n} 户。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="724"/>
        <source>Exporting the visit list…</source>
        <translation>正在导出走访名单…</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="732"/>
        <source>Save quarterly report</source>
        <translation>保存季度上报表</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="748"/>
        <source>Quarterly report</source>
        <translation>季度上报</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="744"/>
        <source>Saved {path}
Due: {due}, visited: {done}, missing: {missing}.</source>
        <translation>已保存 {path}
应访 {due} 户,已访 {done} 户,未访 {missing} 户。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="649"/>
        <source>No household matches “Show”, the region and the search above (households in 一类库, 二类库 and 救助中 are listed here).</source>
        <translation>没有符合上方“显示”、地区和搜索条件的家庭(这里列出一类库、二类库和救助中的家庭)。</translation>
    </message>
    <message>
        <location filename="../views/board.py" line="750"/>
        <source>Writing the quarterly report…</source>
        <translation>正在生成季度上报表…</translation>
    </message>
</context>
</TS>
