<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="../views/policy_settings.py" line="78" />
        <source>Area</source>
        <translation>城乡</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="79" />
        <source>Setting</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="80" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="81" />
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="82" />
        <source>Entered or corrected</source>
        <translation>录入或更正</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="83" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>InForceTableModel</name>
    <message>
        <location filename="../views/policy_settings.py" line="39" />
        <source>Setting</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="40" />
        <source>Name</source>
        <translation>代码(命令行 policy set 用)</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="41" />
        <source>Urban</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="42" />
        <source>Urban since</source>
        <translation>城市执行日期</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="43" />
        <source>Rural</source>
        <translation>农村</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="44" />
        <source>Rural since</source>
        <translation>农村执行日期</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="59" />
        <source>not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>PolicySettingsTab</name>
    <message>
        <location filename="../views/policy_settings.py" line="195" />
        <source>Means-test settings by the date they take effect, for urban and rural areas. An assessment uses the values in force on its date and records them. Values marked "%1" are the demo district's and must be confirmed locally.</source>
        <translation>家庭经济状况评估所用的政策参数,按生效日期和城乡分别设置。每次评估使用评估日期当天生效的数值并记录在案。备注为“%1”的数值是演示区的参考值,须按本地政策确认。</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="202" />
        <source>In force &amp;on:</source>
        <translation>查看生效日期(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="208" />
        <source>&amp;New values…</source>
        <translation>录入新参数(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="210" />
        <source>&amp;Delete entry…</source>
        <translation>删除记录(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="212" />
        <source>Enter the demo district's values</source>
        <translation>录入演示区参考值</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="213" />
        <source>Only when no setting exists yet; the values must be confirmed locally.</source>
        <translation>仅在尚无任何政策参数时可用;这些数值须按本地政策确认。</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="223" />
        <source>Only administrators can change policy settings.</source>
        <translation>只有系统管理员可以修改政策参数。</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="238" />
        <source>All entries</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="268" />
        <source>Entered, not in force yet on this date: {items}.</source>
        <translation>已录入、在该日尚未生效:{items}。</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="260" />
        <source>Note: {items}. Assessments still use the earlier value; enter the new one with New values.</source>
        <translation>注意:{items}。评估仍使用之前的数值,请用“录入新参数”录入新的数值。</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="286" />
        <location filename="../views/policy_settings.py" line="290" />
        <source>Delete entry</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="286" />
        <source>Select an entry in the list first.</source>
        <translation>请先在列表中选择一条记录。</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="291" />
        <source>Delete %1 = %2 (%3, in force from %4)? Assessments already saved keep the values they used.</source>
        <translation>删除 %1 = %2(%3,自 %4 起执行)?已保存的评估仍保留其当时使用的数值。</translation>
    </message>
</context>
<context>
    <name>SetValuesDialog</name>
    <message>
        <location filename="../views/policy_settings.py" line="95" />
        <location filename="../views/policy_settings.py" line="171" />
        <source>New policy values</source>
        <translation>录入新的政策参数</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="104" />
        <source>In force &amp;from:</source>
        <translation>生效日期(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="105" />
        <source>&amp;Area:</source>
        <translation>区域(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="107" />
        <source>Values (shown: those in force on that date; change what the new document sets)</source>
        <translation>参数值(显示的是该日生效的数值;请修改新文件规定的项目)</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="122" />
        <source>e.g. the document number</source>
        <translation>例如文件号</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="124" />
        <source>&amp;Note:</source>
        <translation>备注(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/policy_settings.py" line="171" />
        <source>No value was changed.</source>
        <translation>没有修改任何数值。</translation>
    </message>
</context>
</TS>