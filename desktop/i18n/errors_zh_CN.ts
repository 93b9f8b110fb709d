<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Errors</name>
    <message>
        <location filename="../views/errors.py" line="53" />
        <source>this is a folder; choose a file name</source>
        <translation>这是一个文件夹,请选择或输入文件名</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="55" />
        <source>no permission to write there, or the file is open in another program; close it there, or save under another name or in another folder</source>
        <translation>没有在此处写入的权限,或该文件正在其他程序(如 Excel/WPS)中打开;请先关闭该文件,或换一个文件名或文件夹保存</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="59" />
        <source>the folder or drive does not exist or cannot hold files; choose another folder</source>
        <translation>所在文件夹或磁盘不存在,或无法在其中保存文件;请换一个文件夹</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="62" />
        <source>the disk is full; free some space or save to another drive</source>
        <translation>磁盘空间已满;请清理出空间,或保存到其他磁盘</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="64" />
        <source>the drive is read-only; save to another drive</source>
        <translation>该磁盘是只读的;请保存到其他磁盘</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="66" />
        <source>the system reported “{error}”; save under another name or in another folder</source>
        <translation>系统提示“{error}”;请换一个文件名或文件夹保存</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="69" />
        <source>Could not save {path}: {reason}. Nothing was saved.</source>
        <translation>无法保存“{path}”:{reason}。本次没有保存任何内容。</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="85" />
        <source>The program closes now.</source>
        <translation>程序现在关闭。</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="86" />
        <location filename="../views/errors.py" line="95" />
        <source>Relief Desk</source>
        <translation>救助工作台</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="84" />
        <source>The program closes now; start it again and log in.</source>
        <translation>程序现在关闭,请重新打开并登录。</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="101" />
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="103" />
        <source>Relief Desk hit an unexpected error. Your saved data is safe; the action that failed was not saved. Please copy the report below and send it to IT.
The report was also written to: {path}</source>
        <translation>救助工作台遇到了意外错误。已保存的数据是安全的,刚才失败的操作没有保存。请复制下面的报告发给信息管理员。
报告也已写入:{path}</translation>
    </message>
    <message>
        <location filename="../views/errors.py" line="113" />
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
</context>
</TS>