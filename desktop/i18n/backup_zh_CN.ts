<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Backup</name>
    <message>
        <location filename="../views/backup.py" line="22" />
        <source>Database backups (*.sqlite3 *.db *.sqlite);;All files (*)</source>
        <translation>数据库备份 (*.sqlite3 *.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="27" />
        <source>{households} household(s), {size} MB, last change {when}, schema {revision}</source>
        <translation>{households} 户,{size} MB,最近一次操作 {when},结构版本 {revision}</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="36" />
        <location filename="../views/backup.py" line="46" />
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="43" />
        <source>Copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="46" />
        <source>The database was backed up to {path}
({what}).

Keep backups on another disk or computer: they hold everyone's personal data.</source>
        <translation>数据库已备份到 {path}
({what})。

请把备份保存在另一块磁盘或另一台电脑上,并妥善保管:备份含有全部人员的个人信息。</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="50" />
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="63" />
        <location filename="../views/backup.py" line="76" />
        <location filename="../views/backup.py" line="90" />
        <location filename="../views/backup.py" line="100" />
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="76" />
        <source>Replace the whole database with the backup {name}?
{what}

Everything recorded since that backup is replaced. The database as it is now is kept beside it first. The program closes afterwards and must be started again.</source>
        <translation>用备份《{name}》替换整个数据库?
{what}

该备份之后录入的所有内容都将被替换。当前数据库会先另存一份。恢复后程序将关闭,需要重新打开。</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="90" />
        <source>The database was restored from {name}. The database as it was is kept in {kept}.

The program closes now; start it again.</source>
        <translation>已从《{name}》恢复数据库。恢复前的数据库保存在 {kept}。

程序现在关闭,请重新打开。</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="101" />
        <source>The restore was cancelled. The database was not changed.</source>
        <translation>已取消恢复,数据库未改变。</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="105" />
        <source>Restoring the database from {name}…</source>
        <translation>正在从备份“{name}”恢复数据库…</translation>
    </message>
</context>
</TS>