<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../views/errors.py" line="38"/>
        <source>Relief Desk</source>
        <translation>救助工作台</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="46"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="48"/>
        <source>Relief Desk hit an unexpected error. Your saved data is safe; the action that failed was not saved. Please copy the report below and send it to IT.
The report was also written to: {path}</source>
        <translation>救助工作台遇到了意外错误。已保存的数据是安全的,刚才失败的操作没有保存。请复制下面的报告发给信息管理员。
报告也已写入:{path}</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="57"/>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
</context>
</TS>
