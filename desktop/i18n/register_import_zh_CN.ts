<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>RegisterImportDialog</name>
    <message>
        <location filename="../views/register_import.py" line="44" />
        <source>Save the empty register template</source>
        <translation>保存空白台账模板</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="61" />
        <source>Import the household register</source>
        <translation>导入家庭台账</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="66" />
        <source>A filled copy of the standard register template</source>
        <translation>按标准台账模板填写的文件</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="68" />
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="70" />
        <source>Save the empty &amp;template…</source>
        <translation>下载空白模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="72" />
        <source>&amp;File:</source>
        <translation>文件(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="98" />
        <source>&amp;Dry run (writes nothing)</source>
        <translation>试导入(不写入)(&amp;D)</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="100" />
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="102" />
        <source>Save the &amp;error workbook…</source>
        <translation>保存错误清单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="115" />
        <location filename="../views/register_import.py" line="218" />
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="117" />
        <location filename="../views/register_import.py" line="217" />
        <location filename="../views/register_import.py" line="350" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="117" />
        <location filename="../views/register_import.py" line="217" />
        <location filename="../views/register_import.py" line="350" />
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="117" />
        <location filename="../views/register_import.py" line="217" />
        <location filename="../views/register_import.py" line="350" />
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="192" />
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="199" />
        <source>Sheet “{sheet}”: the template header is on row {row}, with {n} row(s) under it.</source>
        <translation>工作表“{sheet}”:模板表头在第 {row} 行,其下有 {n} 行。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="207" />
        <source>To import another sheet, choose it under Sheet above and run the import again.</source>
        <translation>要导入其他工作表,请在上方“工作表”中选择它,再试运行并导入。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="211" />
        <source>Choose the register file and press “Dry run”: the rows with errors are listed here.</source>
        <translation>选择台账文件后点“试导入”:有错误的行将列在这里。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="228" />
        <source>Save the error workbook</source>
        <translation>保存错误清单</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="229" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="238" />
        <source>{n} row(s) of the households left out were written with their reasons to {path}.</source>
        <translation>未导入家庭的 {n} 行及其错误原因已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="247" />
        <source>Writing the error workbook…</source>
        <translation>正在写入错误清单…</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="252" />
        <source>Household register</source>
        <translation>家庭台账</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="253" />
        <source>Spreadsheets ({patterns})</source>
        <translation>表格文件({patterns})</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="260" />
        <source>The empty template was saved to {path}.</source>
        <translation>空白模板已保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="265" />
        <source>The file “{path}” does not exist.</source>
        <translation>文件“{path}”不存在。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="269" />
        <source>Import “{name}” now? Households in the file are created or updated; a household with any bad row is left out.</source>
        <translation>现在导入“{name}”吗?文件中的家庭将被新建或更新;有错误行的家庭整户不导入。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="302" />
        <source>Cancelled. Nothing was written.</source>
        <translation>已取消,未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="306" />
        <source>Checking the register…</source>
        <translation>正在检查台账…</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="306" />
        <source>Importing the register…</source>
        <translation>正在导入台账…</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="321" />
        <source>Dry run of “{file}”: nothing was written. {rows} person row(s) in {households} household(s): {created} household(s) would be created and {updated} updated ({persons} person(s)); {rejected} household(s) with errors would be left out.</source>
        <translation>试导入“{file}”:未写入任何数据。共 {households} 户 {rows} 人行:将新建 {created} 户、更新 {updated} 户(共 {persons} 人);{rejected} 户因有错误将不导入。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="328" />
        <source>“{file}” was imported as batch #{id}. {rows} person row(s) in {households} household(s): {created} household(s) created and {updated} updated ({persons} person(s)); {rejected} household(s) with errors were left out.</source>
        <translation>“{file}”已导入,批次 #{id}。共 {households} 户 {rows} 人行:新建 {created} 户、更新 {updated} 户(共 {persons} 人);{rejected} 户因有错误未导入。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="325" />
        <source>Nothing was imported from “{file}”: all {households} household(s) ({rows} person row(s)) have errors. Correct them and import the file again.</source>
        <translation>“{file}”没有导入任何家庭:全部 {households} 户({rows} 人行)都有错误,未写入数据库。改正后可再次导入此文件。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="103" />
        <source>The rows of the households left out, in the file's own layout, with each row's number in the file and the reason beside it, to correct and import again</source>
        <translation>未导入家庭的各行,按原文件的格式列出并附原文件行号和错误原因,改正后可再次导入</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="336" />
        <source>{n} member(s) no longer listed would be removed from their household: {names}</source>
        <translation>将从家庭中移除台账中不再列出的成员 {n} 人:{names}</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="338" />
        <source>{n} member(s) no longer listed were removed from their household: {names}</source>
        <translation>已从家庭中移除台账中不再列出的成员 {n} 人:{names}</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="349" />
        <source>No errors: every row of the file passed the checks.</source>
        <translation>没有错误:文件的每一行都通过了检查。</translation>
    </message>
    <message>
        <location filename="../views/register_import.py" line="351" />
        <source>Errors ({n})</source>
        <translation>错误({n})</translation>
    </message>
    <message>
        <source>{n} person row(s) of the households with errors would not be imported (why: the errors below; the error workbook holds these rows, to send back).</source>
        <translation>有错误的家庭共 {n} 行人员不能导入(原因见下方错误列表;“保存错误清单”可导出这些行,退回修改)。</translation>
    </message>
    <message>
        <source>{n} person row(s) of the households with errors were not imported (why: the errors below; the error workbook holds these rows, to send back).</source>
        <translation>有错误的家庭共 {n} 行人员未导入(原因见下方错误列表;“保存错误清单”可导出这些行,退回修改)。</translation>
    </message>
</context>
</TS>