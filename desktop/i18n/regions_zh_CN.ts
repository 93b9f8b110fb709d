<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddRegionDialog</name>
    <message>
        <location filename="../views/regions.py" line="70"/>
        <source>Add a region under {name}</source>
        <translation>在“{name}”下添加区划</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="72"/>
        <source>Under:</source>
        <translation>上级区划:</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="73"/>
        <source>Level:</source>
        <translation>级别:</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="75"/>
        <source>e.g. 八泉街道, 河口镇</source>
        <translation>例如 八泉街道、河口镇</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="76"/>
        <source>e.g. 飞云社区, 道仕袱村</source>
        <translation>例如 飞云社区、道仕袱村</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="78"/>
        <source>Leave empty to number it from {code}</source>
        <translation>不填则按上级代码 {code} 自动编号</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="80"/>
        <source>From the name (镇, 乡, 村: rural)</source>
        <translation>按名称判断(镇、乡、村为农村)</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="81"/>
        <source>Urban</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="82"/>
        <source>Rural</source>
        <translation>农村</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="83"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="83"/>
        <source>C&amp;ode:</source>
        <translation>区划代码(&amp;O):</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="84"/>
        <source>&amp;Urban or rural:</source>
        <translation>城乡类别(&amp;U):</translation>
    </message>
</context>
<context>
    <name>RegionsTab</name>
    <message>
        <location filename="../views/regions.py" line="122"/>
        <source>Add a &amp;sub-region…</source>
        <translation>添加下级区划(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="124"/>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="126"/>
        <source>&amp;Import from a spreadsheet…</source>
        <translation>从表格导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="131"/>
        <source>Only the system administrator can change the regions.</source>
        <translation>只有系统管理员可以修改区划。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="132"/>
        <source>Under the district: sub-districts and towns; under those: communities and villages. A list to import has the columns 街道(镇) and 社区(村), and may have 城乡类别 and 区划代码.</source>
        <translation>区下是街道和镇,街道和镇下是社区和村。导入的清单须有“街道(镇)”和“社区(村)”两列,可加“城乡类别”和“区划代码”。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="140"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="140"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="140"/>
        <source>Urban or rural</source>
        <translation>城乡类别</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="140"/>
        <source>Code</source>
        <translation>区划代码</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="142"/>
        <source>Regions</source>
        <translation>区划管理</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="212"/>
        <source>List of regions</source>
        <translation>区划清单</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="213"/>
        <source>Spreadsheets ({patterns})</source>
        <translation>表格文件 ({patterns})</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="224"/>
        <source>{subs} sub-district(s)/town(s) and {communities} community(ies)/village(s) to add, {existing} already there.</source>
        <translation>将新增街道(镇){subs} 个、社区(村){communities} 个,已有 {existing} 个(不变)。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="228"/>
        <source>Import regions</source>
        <translation>导入区划</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="231"/>
        <source>
… and {n} more.</source>
        <translation>
…… 另有 {n} 处错误。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="233"/>
        <source>{file}: {n} error(s); nothing was imported. Correct the list and import it again.

{errors}{more}</source>
        <translation>《{file}》有 {n} 处错误,没有导入任何区划。请改正后重新导入。

{errors}{more}</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="237"/>
        <source>{file}: every region listed is already there.</source>
        <translation>《{file}》中列出的区划都已存在,没有需要新增的。</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="240"/>
        <source>{file}: {counts}

Import them?</source>
        <translation>《{file}》:{counts}

确定导入吗?</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="250"/>
        <source>{file}: added {subs} sub-district(s)/town(s) and {communities} community(ies)/village(s).</source>
        <translation>《{file}》已导入:新增街道(镇){subs} 个、社区(村){communities} 个。</translation>
    </message>
</context>
<context>
    <name>RenameRegionDialog</name>
    <message>
        <location filename="../views/regions.py" line="101"/>
        <source>Rename {name}</source>
        <translation>重命名“{name}”</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="105"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/regions.py" line="106"/>
        <source>C&amp;ode:</source>
        <translation>区划代码(&amp;O):</translation>
    </message>
</context>
</TS>
