<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditLogTab</name>
    <message>
        <location filename="../views/audit_log.py" line="86" />
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="90" />
        <source>Text in the description (a name, a file), or a household's code or head's ID number</source>
        <translation>说明中的文字(如姓名、文件名),或户编号、户主身份证号</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="92" />
        <source>&amp;From:</source>
        <translation>日期(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="96" />
        <source>&amp;User:</source>
        <translation>用户(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="96" />
        <source>t&amp;o</source>
        <translation>至(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="97" />
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="97" />
        <source>Co&amp;ntaining:</source>
        <translation>包含(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="102" />
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="103" />
        <source>E&amp;xport (xlsx)…</source>
        <translation>导出 xlsx(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="110" />
        <source>Nothing was recorded between these dates for the user, kind and text chosen above.</source>
        <translation>所选日期内没有符合上方用户、类别和文字条件的操作记录。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="113" />
        <source>Select an entry to see the values before and after.</source>
        <translation>选择一条记录,查看修改前后的内容。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="120" />
        <source>&amp;Technical details</source>
        <translation>技术详情(&amp;T)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="121" />
        <source>Also show the action's code, the table and record number, and the values before and after as stored (for IT).</source>
        <translation>另外显示操作代码、数据表和记录编号,以及按原样保存的修改前后的值(供信息技术人员查看)。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="154" />
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="184" />
        <source>{n}{more} entries, newest first.</source>
        <translation>{n}{more} 条记录,最新的在前。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="192" />
        <source>{at} by {user} at workstation {station}</source>
        <translation>{at},用户 {user},工作站 {station}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="199" />
        <location filename="../views/audit_log.py" line="200" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="199" />
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="199" />
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="200" />
        <source>Removed</source>
        <translation>删除的内容</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="200" />
        <source>Recorded</source>
        <translation>登记的内容</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="208" />
        <source>Action code: {action}; record: {record}; household id: {household}</source>
        <translation>操作代码:{action};数据表与记录编号:{record};家庭编号:{household}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="210" />
        <source>Before:</source>
        <translation>修改前:</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="210" />
        <source>After:</source>
        <translation>修改后:</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="219" />
        <source>Export the audit log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="220" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="226" />
        <source>{n} entries saved to {path}</source>
        <translation>已导出 {n} 条记录到 {path}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="230" />
        <source>Exporting the audit log…</source>
        <translation>正在导出操作日志…</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../views/audit_log.py" line="40" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="40" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="41" />
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="41" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="42" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="42" />
        <source>Record</source>
        <translation>对象</translation>
    </message>
</context>
</TS>