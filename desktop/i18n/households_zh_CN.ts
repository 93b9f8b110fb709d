<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>HouseholdTableModel</name>
    <message>
        <location filename="../views/households.py" line="104" />
        <source>No.</source>
        <translation>户编号</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="105" />
        <source>Head of household</source>
        <translation>户主姓名</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="106" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="107" />
        <source>Sub-district</source>
        <translation>街道(镇)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="108" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="109" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="110" />
        <source>Members</source>
        <translation>人口数</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="111" />
        <source>Category</source>
        <translation>救助类别</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="112" />
        <source>Library class</source>
        <translation>监测库别</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="113" />
        <source>Last assessed</source>
        <translation>最近评估</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="114" />
        <source>Next visit due</source>
        <translation>下次走访</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="320" />
        <source>Quarterly visit overdue</source>
        <translation>季度走访已逾期</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../views/households.py" line="368" />
        <source>Search: name, ID number or its last 4–6 characters, phone, address (Ctrl+F)</source>
        <translation>搜索:姓名、身份证号或其末4–6位、电话、地址(Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="373" />
        <source>Anything</source>
        <translation>全部字段</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="373" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="373" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="374" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="374" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="377" />
        <source>Any library class</source>
        <translation>全部库别</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="380" />
        <location filename="../views/households.py" line="389" />
        <source>Not on the board</source>
        <translation>不在看板上</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="382" />
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="386" />
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="387" />
        <source>Visit overdue</source>
        <translation>走访逾期</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="388" />
        <source>On the monitoring board</source>
        <translation>在看板上</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="390" />
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="391" />
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="392" />
        <source>Col&amp;umns…</source>
        <translation>列(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="393" />
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="397" />
        <source>Look &amp;in:</source>
        <translation>范围(&amp;I):</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="397" />
        <source>&amp;Library class:</source>
        <translation>库别(&amp;L):</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="398" />
        <source>&amp;Category:</source>
        <translation>类别(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="398" />
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="527" />
        <location filename="../views/households.py" line="565" />
        <source>{n}+ households (counting…)</source>
        <translation>{n}+ 户(正在计数…)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="530" />
        <source>Searching names starting with “{v}”</source>
        <translation>按姓名查找:以“{v}”开头</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="531" />
        <source>Searching the ID number {v}</source>
        <translation>按身份证号查找:{v}</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="532" />
        <source>Searching ID numbers ending in {v}</source>
        <translation>按身份证号末位查找:以 {v} 结尾</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="533" />
        <source>Searching phone numbers starting with {v}</source>
        <translation>按电话查找:以 {v} 开头</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="534" />
        <source>Searching addresses containing “{v}” (slower on a large registry)</source>
        <translation>按地址查找:包含“{v}”(数据量大时较慢)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="535" />
        <source>Searching names starting with “{v}” and addresses containing it (slower on a large registry)</source>
        <translation>正在查找户主姓名以“{v}”开头或地址含“{v}”的家庭(大台账上较慢)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="537" />
        <source>{v} is not a valid ID number: {why}</source>
        <translation>{v} 不是有效的身份证号:{why}</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="544" />
        <source>No household matches the search, the filters or the region chosen. Clear the search box, set the lists to 全部 or choose the whole district in the tree on the left.</source>
        <translation>没有符合搜索、筛选条件或所选区划的家庭。可清空搜索框、把各下拉框设为“全部”,或在左侧区划树中选择全区。</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="546" />
        <source>There are no household records yet. To start, import the household register (主动发现 → 家庭台账 → 导入家庭台账, from the standard template), or register a clue (主动发现 → 线索收件箱 → 登记线索): a household record is made when a clue is investigated. The sub-districts and communities they name are set up first in 系统设置 → 区划管理.</source>
        <translation>还没有家庭档案。请先导入家庭台账(主动发现 → 家庭台账 → 导入家庭台账,按标准模板填写),或登记线索(主动发现 → 线索收件箱 → 登记线索):线索调查时会建立家庭档案。台账和线索中的街道、社区须先在 系统设置 → 区划管理 中建立。</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="554" />
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="567" />
        <source>Searching addresses…</source>
        <translation>正在按地址查找…</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="568" />
        <source>Search cancelled</source>
        <translation>已取消查找</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="571" />
        <source>{n} households</source>
        <translation>共 {n} 户</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="577" />
        <source>Could not read households: {message}</source>
        <translation>无法读取家庭户:{message}</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="656" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="656" />
        <source>No households match: nothing to export.</source>
        <translation>没有符合条件的家庭户,无可导出。</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="658" />
        <source>households-{date}.xlsx</source>
        <translation>家庭户-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="658" />
        <source>Export households</source>
        <translation>导出家庭户</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="670" />
        <source>Exported {n} households to {path}</source>
        <translation>已导出 {n} 户到 {path}</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="672" />
        <source>Exporting households…</source>
        <translation>正在导出家庭户…</translation>
    </message>
</context>
</TS>