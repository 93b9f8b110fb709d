<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditLogTab</name>
    <message>
        <location filename="../views/audit_log.py" line="87" />
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="91" />
        <source>Text, or a household's code, or a person's name or ID number</source>
        <translation>文字,或户编号、户主姓名或身份证号</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="92" />
        <source>Entries whose description, action or workstation holds this text; a household's whole code gives every entry about that household (and not others that merely contain it); its head's ID number or whole name also gives every entry about it, and a whole name the entries about the clues on a person of that name.</source>
        <translation>说明、操作或工作站中含有此文字的记录;填完整的户编号时列出该户的全部记录(不列只是文字中含有它的其他记录);填户主身份证号或完整姓名时也列出该户的全部记录,填完整姓名时还列出关于此人的线索的记录。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="96" />
        <source>&amp;From:</source>
        <translation>日期(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="100" />
        <source>&amp;User:</source>
        <translation>用户(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="100" />
        <source>t&amp;o</source>
        <translation>至(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="101" />
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="101" />
        <source>Co&amp;ntaining:</source>
        <translation>包含(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="106" />
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="107" />
        <source>E&amp;xport (xlsx)…</source>
        <translation>导出 xlsx(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="114" />
        <source>Nothing was recorded between these dates for the user, kind and text chosen above.</source>
        <translation>所选日期内没有符合上方用户、类别和文字条件的操作记录。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="117" />
        <source>Select an entry to see the values before and after.</source>
        <translation>选择一条记录,查看修改前后的内容。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="124" />
        <source>&amp;Technical details</source>
        <translation>技术详情(&amp;T)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="125" />
        <source>Also show the action's code, the table and record number, and the values before and after as stored (for IT).</source>
        <translation>另外显示操作代码、数据表和记录编号,以及按原样保存的修改前后的值(供信息技术人员查看)。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="158" />
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="188" />
        <source>{n}{more} entries, newest first.</source>
        <translation>{n}{more} 条记录,最新的在前。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="196" />
        <source>{at} by {user} at workstation {station}</source>
        <translation>{at},用户 {user},工作站 {station}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="203" />
        <location filename="../views/audit_log.py" line="204" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="203" />
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="203" />
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="204" />
        <source>Removed</source>
        <translation>删除的内容</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="204" />
        <source>Recorded</source>
        <translation>登记的内容</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="212" />
        <source>Action code: {action}; record: {record}; household id: {household}</source>
        <translation>操作代码:{action};数据表与记录编号:{record};家庭编号:{household}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="214" />
        <source>Before:</source>
        <translation>修改前:</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="214" />
        <source>After:</source>
        <translation>修改后:</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="223" />
        <source>Export the audit log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="224" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="230" />
        <source>{n} entries saved to {path}</source>
        <translation>已导出 {n} 条记录到 {path}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="234" />
        <source>Exporting the audit log…</source>
        <translation>正在导出操作日志…</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../views/audit_log.py" line="41" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="41" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="42" />
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="42" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="43" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="43" />
        <source>Record</source>
        <translation>对象</translation>
    </message>
</context>
</TS>