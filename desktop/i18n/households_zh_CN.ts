<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>HouseholdTableModel</name>
    <message>
        <location filename="../views/households.py" line="103" />
        <source>No.</source>
        <translation>户编号</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="104" />
        <source>Head of household</source>
        <translation>户主姓名</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="105" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="106" />
        <source>Sub-district</source>
        <translation>街道(镇)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="107" />
        <source>Community</source>
        <translation>社区(村)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="108" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="109" />
        <source>Members</source>
        <translation>人口数</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="110" />
        <source>Category</source>
        <translation>救助类别</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="111" />
        <source>Library class</source>
        <translation>监测库别</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="112" />
        <source>Last assessed</source>
        <translation>最近评估</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="113" />
        <source>Next visit due</source>
        <translation>下次走访</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="319" />
        <source>Quarterly visit overdue</source>
        <translation>季度走访已逾期</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../views/households.py" line="367" />
        <source>Search: name, ID number or its last 4–6 characters, phone, address (Ctrl+F)</source>
        <translation>搜索:姓名、身份证号或其末4–6位、电话、地址(Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="371" />
        <source>Anything</source>
        <translation>全部字段</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="371" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="371" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="372" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="372" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="375" />
        <source>Any library class</source>
        <translation>全部库别</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="378" />
        <location filename="../views/households.py" line="387" />
        <source>Not on the board</source>
        <translation>不在看板上</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="380" />
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="384" />
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="385" />
        <source>Visit overdue</source>
        <translation>走访逾期</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="386" />
        <source>On the monitoring board</source>
        <translation>在看板上</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="388" />
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="389" />
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="390" />
        <source>Col&amp;umns…</source>
        <translation>列(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="391" />
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="396" />
        <source>Look &amp;in:</source>
        <translation>范围(&amp;I):</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="396" />
        <source>&amp;Library class:</source>
        <translation>库别(&amp;L):</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="397" />
        <source>&amp;Category:</source>
        <translation>类别(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="397" />
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="525" />
        <location filename="../views/households.py" line="561" />
        <source>{n}+ households (counting…)</source>
        <translation>{n}+ 户(正在计数…)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="528" />
        <source>Searching names starting with “{v}”</source>
        <translation>按姓名查找:以“{v}”开头</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="529" />
        <source>Searching the ID number {v}</source>
        <translation>按身份证号查找:{v}</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="530" />
        <source>Searching ID numbers ending in {v}</source>
        <translation>按身份证号末位查找:以 {v} 结尾</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="531" />
        <source>Searching phone numbers starting with {v}</source>
        <translation>按电话查找:以 {v} 开头</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="532" />
        <source>Searching addresses containing “{v}” (slower on a large registry)</source>
        <translation>按地址查找:包含“{v}”(数据量大时较慢)</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="533" />
        <source>{v} is not a valid ID number: {why}</source>
        <translation>{v} 不是有效的身份证号:{why}</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="540" />
        <source>No household matches the search, the filters or the region chosen. Clear the search box, set the lists to 全部 or choose the whole district in the tree on the left.</source>
        <translation>没有符合搜索、筛选条件或所选区划的家庭。可清空搜索框、把各下拉框设为“全部”,或在左侧区划树中选择全区。</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="542" />
        <source>There are no household records yet. To start, import the household register (主动发现 → 家庭台账 → 导入家庭台账, from the standard template), or register a clue (主动发现 → 线索收件箱 → 登记线索): a household record is made when a clue is investigated. The sub-districts and communities they name are set up first in 系统设置 → 区划管理.</source>
        <translation>还没有家庭档案。请先导入家庭台账(主动发现 → 家庭台账 → 导入家庭台账,按标准模板填写),或登记线索(主动发现 → 线索收件箱 → 登记线索):线索调查时会建立家庭档案。台账和线索中的街道、社区须先在 系统设置 → 区划管理 中建立。</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="550" />
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="563" />
        <source>Searching addresses…</source>
        <translation>正在按地址查找…</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="564" />
        <source>Search cancelled</source>
        <translation>已取消查找</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="567" />
        <source>{n} households</source>
        <translation>共 {n} 户</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="573" />
        <source>Could not read households: {message}</source>
        <translation>无法读取家庭户:{message}</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="652" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="652" />
        <source>No households match: nothing to export.</source>
        <translation>没有符合条件的家庭户,无可导出。</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="654" />
        <source>households-{date}.xlsx</source>
        <translation>家庭户-{date}.xlsx</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="654" />
        <source>Export households</source>
        <translation>导出家庭户</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="666" />
        <source>Exported {n} households to {path}</source>
        <translation>已导出 {n} 户到 {path}</translation>
    </message>
    <message>
        <location filename="../views/households.py" line="668" />
        <source>Exporting households…</source>
        <translation>正在导出家庭户…</translation>
    </message>
</context>
</TS>