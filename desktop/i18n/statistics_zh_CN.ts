<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../views/statistics.py" line="61" />
        <source>Household no.</source>
        <translation>户编号</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="62" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="63" />
        <source>ID number (masked)</source>
        <translation>身份证号(脱敏)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="64" />
        <source>Community</source>
        <translation>所属社区</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="65" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="66" />
        <source>Details</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../views/statistics.py" line="585" />
        <source>Checked</source>
        <translation>已核对</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="585" />
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="593" />
        <source>No application has been accepted on the commitment track yet; overall: {rate}.</source>
        <translation>尚无按告知承诺制受理的申请;总体合格率:{rate}。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="601" />
        <source>Data checks made after the end of the period count too (up to {today}), so a later run may count more applications.</source>
        <translation>期末以后的核对结果也计入(截至 {today}),日后再统计可能计入更多申请。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="685" />
        <source>Monitored households</source>
        <translation>应走访户数</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="685" />
        <source>Visited</source>
        <translation>已走访</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="721" />
        <source>Post-checks done</source>
        <translation>已核查</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="721" />
        <source>Failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="128" />
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="128" />
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="129" />
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="129" />
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="130" />
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="130" />
        <source>Last 12 months</source>
        <translation>近12个月</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="131" />
        <source>Custom range</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="141" />
        <source>All tracks</source>
        <translation>全部程序</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="145" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="149" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="154" />
        <source>Monthly &amp;summary (PDF)…</source>
        <translation>月度摘要 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="155" />
        <source>All numbers (&amp;xlsx)…</source>
        <translation>全部数据 xlsx(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="156" />
        <source>&amp;Period:</source>
        <translation>时间(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="156" />
        <source>Fr&amp;om</source>
        <translation>从(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="157" />
        <source>u&amp;ntil</source>
        <translation>至(&amp;N)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="157" />
        <source>Re&amp;gion:</source>
        <translation>地区(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="158" />
        <source>&amp;Track:</source>
        <translation>程序(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="159" />
        <source>&amp;Category:</source>
        <translation>类别(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="171" />
        <source>Track and category narrow the figures about applications (pass rate, approval time, post-checks, the funnel's last steps).</source>
        <translation>“程序”和“类别”只筛选与申请有关的数字(授权合格率、审批用时、事后核查、转化漏斗的后两步)。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="175" />
        <source>A household counts in the community it belongs to now, with all its records (one that moved takes its clues, applications and referrals along).</source>
        <translation>每户计入其现在所属的社区(村),连同其全部记录(迁入的家庭,其线索、申请和转介随户计入新社区)。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="230" />
        <source>Approval time: distribution (working days)</source>
        <translation>审批用时分布(工作日)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="231" />
        <source>Applications</source>
        <translation>申请件数</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="231" />
        <location filename="../views/statistics.py" line="233" />
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="232" />
        <source>Approval time: monthly median (working days)</source>
        <translation>审批用时月度中位数(工作日)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="233" />
        <location filename="../views/statistics.py" line="237" />
        <source>Month of acceptance</source>
        <translation>受理月份</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="236" />
        <source>Authorisation pass rate per month</source>
        <translation>各月授权核对合格率</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="245" />
        <source>Li&amp;braries</source>
        <translation>监测库(&amp;B)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="262" />
        <source>&amp;Discovery</source>
        <translation>主动发现(&amp;D)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="280" />
        <source>V&amp;isits</source>
        <translation>走访(&amp;I)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="283" />
        <source>Referra&amp;ls</source>
        <translation>转介(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="285" />
        <source>Post-chec&amp;ks</source>
        <translation>事后核查(&amp;K)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="427" />
        <source>The start date is after the end date: the figures shown are the last range's; correct the dates to compute and export them.</source>
        <translation>开始日期晚于结束日期:显示的仍是上一个时间范围的数字;请改正日期后再计算和导出。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="582" />
        <source>Pass rate</source>
        <translation>授权合格率</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="242" />
        <source>Library sizes at month end</source>
        <translation>各月末监测库户数</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="150" />
        <source>Compute the figures again</source>
        <translation>重新计算统计数据</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="234" />
        <source>&amp;Approval time</source>
        <translation>审批用时(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="238" />
        <source>Pass rat&amp;e</source>
        <translation>授权合格率(&amp;E)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="243" />
        <location filename="../views/statistics.py" line="244" />
        <location filename="../views/statistics.py" line="261" />
        <location filename="../views/statistics.py" line="626" />
        <location filename="../views/statistics.py" line="640" />
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="244" />
        <source>Library sizes now</source>
        <translation>当前监测库户数</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="249" />
        <source>Clues by source level</source>
        <translation>线索来源层级</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="249" />
        <location filename="../views/statistics.py" line="250" />
        <location filename="../views/statistics.py" line="258" />
        <location filename="../views/statistics.py" line="632" />
        <source>Clues</source>
        <translation>线索条数</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="250" />
        <source>Clues by channel</source>
        <translation>线索发现渠道</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="257" />
        <source>Clues from departments</source>
        <translation>部门推送线索</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="260" />
        <source>From clue to assistance (households)</source>
        <translation>从线索到救助(户)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="268" />
        <source>&amp;Quarter:</source>
        <translation>季度(&amp;Q):</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="277" />
        <source>Quarterly visit completion by community</source>
        <translation>各社区季度走访完成率</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="282" />
        <source>Referrals by department and outcome</source>
        <translation>各部门转介及办理结果</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="283" />
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="284" />
        <source>Post-check failure rate per month</source>
        <translation>各月事后核查未通过率</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="285" />
        <source>Month checked</source>
        <translation>核查月份</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="292" />
        <source>Click a bar or a point to list the records behind it.</source>
        <translation>单击柱形或数据点,列出其背后的明细记录。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="294" />
        <source>Export list (xlsx)…</source>
        <translation>导出明细(xlsx)…</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="350" />
        <location filename="../views/statistics.py" line="356" />
        <source>All communities</source>
        <translation>全部社区(村)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="433" />
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="439" />
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="440" />
        <source>Computing statistics…</source>
        <translation>正在计算统计数据…</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="445" />
        <source>The figures could not be computed.</source>
        <translation>统计数据未能算出。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="467" />
        <source>{scope}: {filter}. Computed from the records in {ms:.0f} ms.</source>
        <translation>{scope}:{filter}。由业务记录实时计算,用时 {ms:.0f} 毫秒。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="500" />
        <source>The discovery funnel, library sizes and referral outcomes as at the end of {day}; approval time and the authorisation pass rate: the period's applications by the decisions and data checks made up to {today}.</source>
        <translation>主动发现漏斗、库别规模、转介办理情况为 {day} 期末状态;审批用时、授权合格率按本期受理申请截至 {today} 的决定和核对统计。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="505" />
        <source>Households count in the community they belong to now (moves are not traced back).</source>
        <translation>家庭按现在所属的社区(村)统计(迁居不回溯)。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="514" />
        <source>{track}: {n} applications took {days} working days</source>
        <translation>{track}:用时 {days} 个工作日的申请 {n} 件</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="519" />
        <location filename="../views/statistics.py" line="554" />
        <source>10-day limit</source>
        <translation>10个工作日时限</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="520" />
        <location filename="../views/statistics.py" line="554" />
        <source>30-day limit</source>
        <translation>30个工作日时限</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="525" />
        <source>{track}: {n} decided, median {median}, mean {mean}, 90% within {p90}, range {lo}–{hi} working days</source>
        <translation>{track}:已审批 {n} 件;中位数 {median} 个工作日;平均 {mean} 个工作日;90% 在 {p90} 个工作日以内;最短 {lo}、最长 {hi} 个工作日</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="532" />
        <source>Counted: applications accepted in the period and decided since (approved or refused, also those revoked later), from the day after acceptance to the decision; applications still open are not counted, nor those withdrawn (they have no decision).</source>
        <translation>统计口径:本期受理且已作出决定的申请(批准或不予批准,含其后被撤销的),自受理次日起算至决定日;尚在办理中的申请不计入,撤回的申请(没有审批决定)也不计入。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="536" />
        <source>Decisions made after the end of the period count too (up to {today}), so a later run may count more applications.</source>
        <translation>期末以后作出的决定也计入(截至 {today}),日后再统计可能计入更多申请。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="547" />
        <source>{month} {track}: median {median} working days ({n} applications)</source>
        <translation>{month} {track}:中位数 {median} 个工作日({n} 件)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="569" />
        <source>Commitment track from {d}</source>
        <translation>{d} 起实行告知承诺制</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="578" />
        <source>{month}: {rate} passed ({passed} of {checked} checked)</source>
        <translation>{month}:合格率 {rate}(核对 {checked} 件,通过 {passed} 件)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="587" />
        <source>Before the commitment track ({d}): {before} ({bp} of {bc}); after: {after} ({ap} of {ac}).</source>
        <translation>实行告知承诺制({d})前:{before}({bc} 件中通过 {bp} 件);实行后:{after}({ac} 件中通过 {ap} 件)。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="598" />
        <source>Counted by month of acceptance: every application whose data check has a result, whatever became of it (also withdrawn or revoked).</source>
        <translation>按受理月份统计:凡已有核对结果的申请均计入,不论其后结果如何(含已撤回、已撤销的)。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="609" />
        <source>Hollow points: fewer than {n} cases that month, the count written beside them.</source>
        <translation>空心点:当月不足 {n} 件,旁边标出件数。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="620" />
        <source>End of {month}: {n} households in {stage}</source>
        <translation>{month} 月末:{stage} {n} 户</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="630" />
        <source>{label}: {clues} clues</source>
        <translation>{label}:线索 {clues} 条</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="634" />
        <source>{clues} clues; {households} households discovered for the first time in the period.</source>
        <translation>共 {clues} 条线索;本期首次发现 {households} 户(每户按其第一条线索的日期计一次)。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="637" />
        <source>{label}: {n} households ({share} of those discovered)</source>
        <translation>{label}:{n} 户(占发现户数的 {share})</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="643" />
        <source>The households first reported in the period, each step counted on its own (a household can reach a later step without an earlier one), as it stands today, or for a period that is over as it stood at its end: assessed = has an assessment; in a library or applying = in class I or II, or has an application; approved = has an approved application not revoked (by then).</source>
        <translation>统计对象为本期首次发现的家庭,各环节分别统计(不逐级包含,家庭可跳过前一环节);统计期截至今天或以后的,按今天的情况;已结束的统计期,按期末当时的情况:已评估=有评估记录;入库或申请=在一类库或二类库,或有申请;获批救助=有已批准且(届时)未被撤销的申请。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="654" />
        <source>{year} Q{q}</source>
        <translation>{year}年第{q}季度</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="666" />
        <source>Computing visits…</source>
        <translation>正在计算走访完成率…</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="673" />
        <source>{name}, {quarter}: {visited} of {monitored} monitored households visited ({rate}); click to list those not visited</source>
        <translation>{name},{quarter}:应访 {monitored} 户,已访 {visited} 户({rate});单击列出未走访的家庭</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="682" />
        <source>Completion</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="686" />
        <source>{quarter}: {visited} of {monitored} households in class I, class II or assistance visited ({rate}). Worst first.</source>
        <translation>{quarter}:一类库、二类库和救助中的 {monitored} 户中已走访 {visited} 户({rate})。完成率低的排在前面。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="689" />
        <source>Pale bars: fewer than {n} households.</source>
        <translation>浅色条:不足 {n} 户。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="698" />
        <source>{dept} · {status}: {n} of {total} referrals</source>
        <translation>{dept} · {status}:{n} 件(共 {total} 件)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="702" />
        <source>{done} of {total} referrals done.</source>
        <translation>转介共 {total} 件,已办结 {done} 件。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="705" />
        <source>The referrals sent in the period, each with its status at the end of {day}.</source>
        <translation>本期转介按各自在 {day} 期末时的状态统计。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="715" />
        <source>{month}: {failed} of {done} post-checks failed ({rate})</source>
        <translation>{month}:核查 {done} 件,未通过 {failed} 件({rate})</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="719" />
        <source>Failure rate</source>
        <translation>未通过率</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="723" />
        <source>Overall: {failed} of {done} post-checks failed ({rate}). By kind: {kinds}.</source>
        <translation>合计:核查 {done} 件,未通过 {failed} 件({rate})。按方式:{kinds}。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="725" />
        <source>Counted by the day the check was done; checks not done yet are not counted.</source>
        <translation>按核查完成日期统计;尚未完成的核查不计入。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="742" />
        <location filename="../views/statistics.py" line="746" />
        <source>Listing records…</source>
        <translation>正在列出明细…</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="754" />
        <source>{title}: {total} records (the first {shown} are listed)</source>
        <translation>{title}:共 {total} 条(列出前 {shown} 条)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="757" />
        <source>{title}: {total} records</source>
        <translation>{title}:共 {total} 条</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="771" />
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="775" />
        <source>Save chart as PNG</source>
        <translation>将图表保存为 PNG</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="776" />
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="786" />
        <location filename="../views/statistics.py" line="811" />
        <location filename="../views/statistics.py" line="831" />
        <location filename="../views/statistics.py" line="879" />
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="789" />
        <source>Save the numbers as xlsx</source>
        <translation>将数据保存为 xlsx</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="790" />
        <location filename="../views/statistics.py" line="819" />
        <location filename="../views/statistics.py" line="827" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="797" />
        <source>Definition</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="806" />
        <source>Basis</source>
        <translation>统计口径</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="807" />
        <location filename="../views/statistics.py" line="861" />
        <source>Key figures</source>
        <translation>主要指标</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="808" />
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="808" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="813" />
        <location filename="../views/statistics.py" line="833" />
        <source>Writing the workbook…</source>
        <translation>正在写入工作簿…</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="818" />
        <source>Save all numbers as xlsx</source>
        <translation>将全部数据保存为 xlsx</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="826" />
        <source>Save the list as xlsx</source>
        <translation>将明细保存为 xlsx</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="838" />
        <source>Save the monthly summary</source>
        <translation>保存月度摘要</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="839" />
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="859" />
        <source>Social assistance: monthly summary</source>
        <translation>社会救助工作月度统计摘要</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="860" />
        <source>Made on {when} by {who}</source>
        <translation>{who} 于 {when} 生成</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="862" />
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="863" />
        <source>Every figure is computed from the records at the time of printing.</source>
        <translation>以上数字均于打印时由业务记录实时计算。</translation>
    </message>
    <message>
        <location filename="../views/statistics.py" line="875" />
        <source>Monthly summary</source>
        <translation>月度统计摘要</translation>
    </message>
</context>
</TS>