<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddRegionDialog</name>
    <message>
        <location filename="../views/regions.py" line="71" />
        <source>Add a region under {name}</source>
        <translation>在“{name}”下添加区划</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="73" />
        <source>Under:</source>
        <translation>上级区划:</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="74" />
        <source>Level:</source>
        <translation>级别:</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="76" />
        <source>e.g. 八泉街道, 河口镇</source>
        <translation>例如 八泉街道、河口镇</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="77" />
        <source>e.g. 飞云社区, 道仕袱村</source>
        <translation>例如 飞云社区、道仕袱村</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="79" />
        <source>Leave empty to number it from {code}</source>
        <translation>不填则按上级代码 {code} 自动编号</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="81" />
        <source>From the name (镇, 乡, 村: rural)</source>
        <translation>按名称判断(镇、乡、村为农村)</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="82" />
        <source>Urban</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="83" />
        <source>Rural</source>
        <translation>农村</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="84" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="84" />
        <source>C&amp;ode:</source>
        <translation>区划代码(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="85" />
        <source>&amp;Urban or rural:</source>
        <translation>城乡类别(&amp;U):</translation>
    </message>
</context>
<context>
    <name>MoveRegionDialog</name>
    <message>
        <location filename="../views/regions.py" line="123" />
        <source>Move {name} to another sub-district or town</source>
        <translation>将{name}调整到其他街道(镇)</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="125" />
        <source>Region:</source>
        <translation>区划:</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="127" />
        <source>Choose a sub-district or town</source>
        <translation>选择街道(镇)</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="132" />
        <source>&amp;Move under:</source>
        <translation>调整到(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="133" />
        <source>Its households, and their clues, applications and visits, move with it; its name and code stay (Rename changes them).</source>
        <translation>其家庭及家庭的线索、申请、走访等记录随之调整;名称和区划代码不变(可用“重命名”修改)。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="142" />
        <source>Choose the sub-district or town to move it under.</source>
        <translation>请选择要调整到的街道(镇)。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="149" />
        <source>Move {name} from {old} to {new}?

{households} household(s) and their records will belong to {new}: its caseworkers will see them, those of {old} no longer.</source>
        <translation>将{name}从{old}调整到{new}?

其 {households} 户家庭及其记录将属于{new}:由{new}的经办人查看,{old}的经办人将不再看到。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="153" />
        <source>The {n} account(s) of {name} must log in again.</source>
        <translation>{name}的 {n} 个账号需要重新登录。</translation>
    </message>
</context>
<context>
    <name>RegionsTab</name>
    <message>
        <location filename="../views/regions.py" line="172" />
        <source>Add a &amp;sub-region…</source>
        <translation>添加下级区划(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="174" />
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="176" />
        <source>&amp;Move…</source>
        <translation>调整上级(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="177" />
        <source>Move a community or village to another sub-district or town</source>
        <translation>把社区(村)调整到其他街道(镇)下(行政区划调整)</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="179" />
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="180" />
        <source>Delete a region nothing uses (one added by mistake)</source>
        <translation>删除没有任何数据的区划(例如加错的区划)</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="182" />
        <source>&amp;Import from a spreadsheet…</source>
        <translation>从表格导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="187" />
        <source>Only the system administrator can change the regions.</source>
        <translation>只有系统管理员可以修改区划。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="188" />
        <source>Under the district: sub-districts and towns; under those: communities and villages. A list to import has the columns 街道(镇) and 社区(村), and may have 城乡类别 and 区划代码.</source>
        <translation>区下是街道和镇,街道和镇下是社区和村。导入的清单须有“街道(镇)”和“社区(村)”两列,可加“城乡类别”和“区划代码”。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="196" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="196" />
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="196" />
        <source>Urban or rural</source>
        <translation>城乡类别</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="196" />
        <source>Code</source>
        <translation>区划代码</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="198" />
        <source>Regions</source>
        <translation>区划管理</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="279" />
        <source>Delete a region</source>
        <translation>删除区划</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="286" />
        <source>Delete {level} {name} (code {code})? Nothing refers to it; the audit log keeps that it was there.</source>
        <translation>删除{level}“{name}”(代码 {code})?它没有任何数据;操作日志会记下它曾经存在。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="299" />
        <source>List of regions</source>
        <translation>区划清单</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="300" />
        <source>Spreadsheets ({patterns})</source>
        <translation>表格文件 ({patterns})</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="311" />
        <source>{subs} sub-district(s)/town(s) and {communities} community(ies)/village(s) to add, {existing} already there.</source>
        <translation>将新增街道(镇){subs} 个、社区(村){communities} 个,已有 {existing} 个(不变)。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="315" />
        <source>Import regions</source>
        <translation>导入区划</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="318" />
        <source>
… and {n} more.</source>
        <translation>
…… 另有 {n} 处错误。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="320" />
        <source>{file}: {n} error(s); nothing was imported. Correct the list and import it again.

{errors}{more}</source>
        <translation>《{file}》有 {n} 处错误,没有导入任何区划。请改正后重新导入。

{errors}{more}</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="324" />
        <source>{file}: every region listed is already there.</source>
        <translation>《{file}》中列出的区划都已存在,没有需要新增的。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="327" />
        <source>{file}: {counts}

Import them?</source>
        <translation>《{file}》:{counts}

确定导入吗?</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="337" />
        <source>{file}: added {subs} sub-district(s)/town(s) and {communities} community(ies)/village(s).</source>
        <translation>《{file}》已导入:新增街道(镇){subs} 个、社区(村){communities} 个。</translation>
    </message>
</context>
<context>
    <name>RenameRegionDialog</name>
    <message>
        <location filename="../views/regions.py" line="102" />
        <source>Rename {name}</source>
        <translation>重命名“{name}”</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="106" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="107" />
        <source>C&amp;ode:</source>
        <translation>区划代码(&amp;O):</translation>
    </message>
</context>
</TS>