<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../views/clue_form.py" line="538" />
        <source>Assign clues</source>
        <translation>分派线索</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="540" />
        <source>Assign {n} selected clue(s) to:</source>
        <translation>将选中的 {n} 条线索分派到:</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="547" />
        <source>&amp;Region:</source>
        <translation>区划(&amp;R):</translation>
    </message>
</context>
<context>
    <name>CloseClueDialog</name>
    <message>
        <location filename="../views/clue_form.py" line="565" />
        <source>Close clue #{id}</source>
        <translation>办结线索 #{id}</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="568" />
        <source>{name}, found {date}: what did the investigation find?</source>
        <translation>{name},发现于 {date}:调查结果如何?</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="572" />
        <source>Obviously not eligible now, but vulnerable: the household goes to class II.</source>
        <translation>目前明显不符合条件但较脆弱:家庭纳入二类库。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="573" />
        <source>Authorised economic check passed: the household is marked as applying and an application opens.</source>
        <translation>授权核对通过:家庭标记为申请中,并打开救助申请。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="575" />
        <source>Eligible in principle, check not passed yet: the household goes to class I.</source>
        <translation>初步符合条件但核对暂未通过:家庭纳入一类库。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="576" />
        <source>Not a hardship case: the clue is closed, nothing else changes.</source>
        <translation>非困难对象:仅办结线索,其他不变。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="591" />
        <source>This clue has no household yet: for the first three outcomes one is created from the person's details in the assigned region.</source>
        <translation>该线索尚未关联家庭:选择前三种结果时,将按当事人信息在所分派的区划中建立家庭档案。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="594" />
        <source>This clue has no household and is not assigned yet: the first three outcomes create a household in the clue's community, so assign the clue to a community first (“Assign…”), unless the person is in the registry already. “Not a hardship case” can be chosen now.</source>
        <translation>该线索尚未关联家庭,也尚未分派:前三种结果需在线索所在社区(村)建立家庭档案,请先将线索分派到社区(村)(点“分派”);当事人已在台账中的除外。“非困难对象”现在即可办结。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="599" />
        <source>This clue has no household and is assigned to {region}, not to a community: the first three outcomes create a household in the clue's community, so assign the clue to a community first (“Assign…”), unless the person is in the registry already. “Not a hardship case” can be chosen now.</source>
        <translation>该线索尚未关联家庭,目前分派在“{region}”,不是具体的社区(村):前三种结果需在线索所在社区(村)建立家庭档案,请先将线索分派到社区(村)(点“分派”);当事人已在台账中的除外。“非困难对象”现在即可办结。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="613" />
        <source>Closed &amp;on:</source>
        <translation>办结日期(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="614" />
        <source>&amp;Note:</source>
        <translation>备注(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="617" />
        <source>Close clue</source>
        <translation>办结线索</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="633" />
        <source>Please choose an outcome.</source>
        <translation>请选择办结结果。</translation>
    </message>
</context>
<context>
    <name>ClueForm</name>
    <message>
        <location filename="../views/clue_form.py" line="92" />
        <source>New clue</source>
        <translation>登记线索</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="92" />
        <source>Edit clue #{id}</source>
        <translation>修改线索 #{id}</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="98" />
        <source>Person or household</source>
        <translation>当事人或家庭</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="102" />
        <source>Search the registry by name or ID number (or its last digits)</source>
        <translation>按姓名或身份证号(或末几位)在台账中查找</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="104" />
        <source>&amp;Search</source>
        <translation>查找(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="107" />
        <source>&amp;Look up:</source>
        <translation>检索(&amp;L):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="123" />
        <source>&amp;Unlink</source>
        <translation>取消关联(&amp;U)</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="139" />
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="140" />
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="142" />
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="143" />
        <source>A&amp;ddress:</source>
        <translation>住址(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="148" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="169" />
        <source>(not given)</source>
        <translation>(未填写)</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="177" />
        <source>Who reported it (informant, department contact …)</source>
        <translation>报告人(信息员、部门联系人等)</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="179" />
        <source>(not assigned yet)</source>
        <translation>(暂不分派)</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="184" />
        <source>Source &amp;type:</source>
        <translation>来源类别(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="185" />
        <source>S&amp;ource:</source>
        <translation>具体来源(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="187" />
        <source>&amp;Channel:</source>
        <translation>发现渠道(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="188" />
        <source>&amp;Found on:</source>
        <translation>发现日期(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="189" />
        <source>&amp;Reported by:</source>
        <translation>报告人(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="190" />
        <source>Re&amp;gion:</source>
        <translation>分派区划(&amp;G):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="193" />
        <source>What &amp;was seen</source>
        <translation>发现的情况(&amp;W)</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="196" />
        <source>The situation found: income, health, housing, who lives there …</source>
        <translation>发现的情况:收入、健康、住房、家庭成员等……</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="217" />
        <source>Discard what you entered in this clue form?</source>
        <translation>放弃在此线索表中填写的内容吗?</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="233" />
        <source>Choose, or type another department (公安局, 法院 …)</source>
        <translation>选择,或输入其他部门的名称(公安局、法院 …)</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="253" />
        <source>A department not in the list is typed in by its name (公安局, 法院 …).</source>
        <translation>列表中没有的部门,直接输入其名称(公安局、法院 …)。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="264" />
        <source>Other department: the clue is kept under the name “{name}”.</source>
        <translation>其他部门:线索来源按“{name}”这个名称保存和显示。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="266" />
        <source>Filed as {label}, one of the nine departments.</source>
        <translation>归入“{label}”(九个定期推送名单的部门之一)。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="282" />
        <source>{masked} (unchanged unless you type a new one)</source>
        <translation>{masked}(不输入新号码则保持不变)</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="302" />
        <source>Linked to household {code} of {head} ({stage}).</source>
        <translation>已关联家庭:户编号 {code},户主 {head}({stage})。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="304" />
        <location filename="../views/clue_form.py" line="367" />
        <location filename="../views/clue_form.py" line="368" />
        <source>not on the board</source>
        <translation>未在监测库</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="323" />
        <source>open clue #{id}</source>
        <translation>未办结线索 #{id}</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="331" />
        <source>Nobody found in the registry: enter the person below as new.</source>
        <translation>台账中未找到:请在下方作为新对象录入。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="364" />
        <source>Not linked to a registry household: the person is entered as new.</source>
        <translation>未关联台账家庭:当事人将作为新对象登记。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="369" />
        <source>Linked to the household of {head} in {region} ({stage}).</source>
        <translation>已关联{region}{head}户({stage})。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="373" />
        <source>Note: the registry has this ID number under the name {name}.</source>
        <translation>注意:台账中该身份证号登记的姓名是“{name}”。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="399" />
        <source>This ID number is registered in household {code} outside your area: the clue can be entered, but its closing moves that household and is for the district staff.</source>
        <translation>该身份证号已登记在您辖区以外的 {code} 户:线索可以登记,但办结时要调整该户库别,须报区级人员处理。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="466" />
        <source>Valid: {sex}, born {born}</source>
        <translation>有效:{sex},出生于 {born}</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="468" />
        <source> (15 digits converted to {number})</source>
        <translation>(15位已转换为 {number})</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="502" />
        <source>Open clue exists</source>
        <translation>已有未办结线索</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="503" />
        <source>Clue #{id} about this person is still open. Record another clue anyway?</source>
        <translation>关于此人的线索 #{id} 尚未办结。仍要再登记一条吗?</translation>
    </message>
</context>
<context>
    <name>ReopenClueDialog</name>
    <message>
        <location filename="../views/clue_form.py" line="643" />
        <source>Reopen clue #{id}</source>
        <translation>重新打开线索 #{id}</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="646" />
        <source>{name}: closed on {date} as “{outcome}”.</source>
        <translation>{name}:已于 {date} 以“{outcome}”办结。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="648" />
        <source>(no outcome recorded)</source>
        <translation>(未记录办结结果)</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="649" />
        <source>Reopened, it goes back to “{status}”; its outcome is cleared and the closing stays in its history.</source>
        <translation>重新打开后线索回到“{status}”;办结结果清除,办结记录保留在其历史中。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="657" />
        <source>Clue #{id} about this person is still open: the work may go on there instead.</source>
        <translation>该当事人另有未办结的线索 #{id},也可以在那条线索上继续调查。</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="664" />
        <source>e.g. closed by mistake; the family's situation has changed</source>
        <translation>例如:误办结;家庭情况有变化</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="665" />
        <source>&amp;Reason (kept in the log):</source>
        <translation>理由(记入操作日志)(&amp;R):</translation>
    </message>
    <message>
        <location filename="../views/clue_form.py" line="669" />
        <source>Reopen clue</source>
        <translation>重新打开线索</translation>
    </message>
</context>
</TS>