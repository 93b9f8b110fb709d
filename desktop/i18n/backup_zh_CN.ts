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
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>Backed up today</source>
        <translation>今日已自动备份</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>Backed up today — check the computer's date</source>
        <translation>今日已自动备份——请核对电脑日期</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>Today's automatic backup: {path}</source>
        <translation>今天的自动备份:{path}</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>Automatic backup failed: {why}</source>
        <translation>自动备份失败:{why}</translation>
    </message>
</context>
<context>
    <name>AutoBackupDialog</name>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>Automatic backup</source>
        <translation>自动备份设置</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>Back up the database the first time the program is started each &amp;day</source>
        <translation>每天第一次打开程序时自动备份数据库(&amp;D)</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>&amp;Folder:</source>
        <translation>备份文件夹(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source> copies</source>
        <translation> 份</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>&amp;Keep the newest:</source>
        <translation>保留最近(&amp;K):</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>A backup holds everyone's personal data. Choose a folder on another disk or the office's shared folder, where a broken disk cannot take both; older copies are deleted once there are more than the number kept.</source>
        <translation>备份含全部人员的个人信息,请妥善保管。请选另一块硬盘或单位的共享文件夹,以免一块硬盘坏了数据库和备份一起丢失;超过保留份数时,较早的自动备份会被删除。</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>Folder for the automatic backups</source>
        <translation>自动备份的文件夹</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>No automatic backup in this folder yet.</source>
        <translation>这个文件夹里还没有自动备份。</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>{n} automatic backup(s) in this folder; the newest: {name} ({size} MB).</source>
        <translation>这个文件夹里有自动备份 {n} 份,最近一份:{name}({size} MB)。</translation>
    </message>
    <message>
        <location filename="../views/backup.py" line="1" />
        <source>Give the folder in full, with its drive (for example D:\救助工作台备份), or leave it empty for the folder beside the database.</source>
        <translation>请填写完整的文件夹路径(含盘符,例如 D:\救助工作台备份);留空则备份到数据库文件旁边的文件夹。</translation>
    </message>
</context>
</TS>