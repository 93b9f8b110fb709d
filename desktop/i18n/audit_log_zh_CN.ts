<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditLogTab</name>
    <message>
        <location filename="../views/audit_log.py" line="75"/>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="79"/>
        <source>Text in the description, e.g. a name or a file</source>
        <translation>说明中的文字,如姓名、文件名</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="81"/>
        <source>&amp;From:</source>
        <translation>日期(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="87"/>
        <source>&amp;User:</source>
        <translation>用户(&amp;U):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="87"/>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="93"/>
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="94"/>
        <source>E&amp;xport (xlsx)…</source>
        <translation>导出(&amp;X)(xlsx)…</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="103"/>
        <source>Select an entry to see the values before and after.</source>
        <translation>选择一条记录,查看修改前后的内容。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="124"/>
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="148"/>
        <source>{n}{more} entries, newest first.</source>
        <translation>{n}{more} 条记录,最新的在前。</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="157"/>
        <source>Before:</source>
        <translation>修改前:</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="157"/>
        <source>After:</source>
        <translation>修改后:</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="164"/>
        <source>Export the audit log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="165"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="172"/>
        <source>{n} entries written</source>
        <translation>已写入 {n} 条</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="175"/>
        <source>{n} entries saved to {path}</source>
        <translation>已导出 {n} 条记录到 {path}</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="178"/>
        <source>Exporting the audit log…</source>
        <translation>正在导出操作日志…</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../views/audit_log.py" line="37"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="37"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="38"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="38"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../views/audit_log.py" line="39"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
</context>
</TS>
