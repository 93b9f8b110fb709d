<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../views/conflict.py" line="49" />
        <source>Saved by someone else first</source>
        <translation>他人已先保存</translation>
    </message>
    <message>
        <location filename="../views/conflict.py" line="53" />
        <source>an unknown time</source>
        <translation>未知时间</translation>
    </message>
    <message>
        <location filename="../views/conflict.py" line="56" />
        <source>&lt;b&gt;{who}&lt;/b&gt; saved this record at &lt;b&gt;{when}&lt;/b&gt;, after you opened it.&lt;br&gt;Your input has been kept. Compare the values below, then reload their version or re-apply your changes on top of it.</source>
        <translation>在您打开此记录之后,&lt;b&gt;{who}&lt;/b&gt; 已于 &lt;b&gt;{when}&lt;/b&gt; 修改并保存了它。&lt;br&gt;您的输入已保留。请核对下列数值,然后选择重新加载对方的版本,或在其基础上重新应用您的修改。</translation>
    </message>
    <message>
        <location filename="../views/conflict.py" line="64" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../views/conflict.py" line="64" />
        <source>Your input</source>
        <translation>您的输入</translation>
    </message>
    <message>
        <location filename="../views/conflict.py" line="64" />
        <source>Their saved values</source>
        <translation>对方保存的值</translation>
    </message>
    <message>
        <location filename="../views/conflict.py" line="78" />
        <source>&amp;Re-apply my changes</source>
        <translation>重新应用我的修改(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/conflict.py" line="79" />
        <source>Re&amp;load their version</source>
        <translation>重新加载对方版本(&amp;L)</translation>
    </message>
    <message>
        <location filename="../views/conflict.py" line="80" />
        <source>&amp;Keep editing</source>
        <translation>继续编辑(&amp;K)</translation>
    </message>
</context>
</TS>