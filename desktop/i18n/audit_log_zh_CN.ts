<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditLogTab</name>
    <message>
        <location filename="../views/audit_log.py" line="89" />
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="93" />
        <source>Text, or a household's code, or a person's name or ID number</source>
        <translation>文字,或户编号、户主姓名或身份证号</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="94" />
        <source>Entries whose description, action or workstation holds this text; a household's whole code gives every entry about that household (and not others that merely contain it); its head's ID number or whole name also gives every entry about it, and a whole name the entries about the clues on a person of that name.</source>
        <translation>说明、操作或工作站中含有此文字的记录;填完整的户编号时列出该户的全部记录(不列只是文字中含有它的其他记录);填户主身份证号或完整姓名时也列出该户的全部记录,填完整姓名时还列出关于此人的线索的记录。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="99" />
        <source>&amp;From:</source>
        <translation>日期(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="102" />
        <source>&amp;User:</source>
        <translation>用户(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="102" />
        <source>t&amp;o</source>
        <translation>至(&amp;O)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="103" />
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="103" />
        <source>Co&amp;ntaining:</source>
        <translation>包含(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="108" />
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="109" />
        <source>E&amp;xport (xlsx)…</source>
        <translation>导出 xlsx(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="116" />
        <source>Nothing was recorded between these dates for the user, kind and text chosen above.</source>
        <translation>所选日期内没有符合上方用户、类别和文字条件的操作记录。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="119" />
        <source>Select an entry to see the values before and after.</source>
        <translation>选择一条记录,查看修改前后的内容。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="126" />
        <source>&amp;Technical details</source>
        <translation>技术详情(&amp;T)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="127" />
        <source>Also show the action's code, the table and record number, and the values before and after as stored (for IT).</source>
        <translation>另外显示操作代码、数据表和记录编号,以及按原样保存的修改前后的值(供信息技术人员查看)。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="160" />
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="190" />
        <source>{n}{more} entries, newest first.</source>
        <translation>{n}{more} 条记录,最新的在前。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="198" />
        <source>{at} by {user} at workstation {station}</source>
        <translation>{at},用户 {user},工作站 {station}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="205" />
        <location filename="../views/audit_log.py" line="206" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="205" />
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="205" />
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="206" />
        <source>Removed</source>
        <translation>删除的内容</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="206" />
        <source>Recorded</source>
        <translation>登记的内容</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="214" />
        <source>Action code: {action}; record: {record}; household id: {household}</source>
        <translation>操作代码:{action};数据表与记录编号:{record};家庭编号:{household}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="216" />
        <source>Before:</source>
        <translation>修改前:</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="216" />
        <source>After:</source>
        <translation>修改后:</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="225" />
        <source>Export the audit log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="226" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="233" />
        <source>{n} entries saved to {path}</source>
        <translation>已导出 {n} 条记录到 {path}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="237" />
        <source>Exporting the audit log…</source>
        <translation>正在导出操作日志…</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../views/audit_log.py" line="42" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="42" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="43" />
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="43" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="44" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="44" />
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="64" />
        <source>Action code (for IT): {code}</source>
        <translation>操作代码(供信息管理员):{code}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="65" />
        <source>Table and record number (for IT): {record}</source>
        <translation>数据表和记录编号(供信息管理员):{record}</translation>
    </message>
</context>
</TS>