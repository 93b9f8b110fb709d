<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CountsView</name>
    <message>
        <location filename="../views/import_wizard.py" line="172"/>
        <source>Data rows in the file</source>
        <translation>文件中的数据行</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="173"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="175"/>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="179"/>
        <source>Duplicates (ID repeated earlier in the file)</source>
        <translation>重复(与文件中前面的身份证号相同)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="182"/>
        <source>{rows} = {valid} valid + {invalid} invalid + {dups} duplicates {mark}</source>
        <translation>{rows} = 有效 {valid} + 无效 {invalid} + 重复 {dups} {mark}</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="187"/>
        <source>Valid rows: in assistance (低保/特困), set aside</source>
        <translation>有效行:在保人员(低保/特困),剔除</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="189"/>
        <source>Valid rows: known households not in assistance</source>
        <translation>有效行:已在册、未在保</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="191"/>
        <source>Valid rows: new people (become clues)</source>
        <translation>有效行:新发现(生成线索)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="193"/>
        <source>{valid} valid = {a} in assistance + {k} known + {n} new {mark}</source>
        <translation>有效 {valid} = 在保 {a} + 已在册 {k} + 新发现 {n} {mark}</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="198"/>
        <source>Not in assistance and without a sub-district/community</source>
        <translation>非在保且未确定街道/社区</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="202"/>
        <source>New people who already have an open clue (none made again)</source>
        <translation>新发现中已有未办结线索的(不重复生成)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="204"/>
        <source>Valid rows: 15-digit IDs converted to 18</source>
        <translation>有效行:15位身份证号已转为18位</translation>
    </message>
</context>
<context>
    <name>DepartmentImportWizard</name>
    <message>
        <location filename="../views/import_wizard.py" line="769"/>
        <source>Import a department list</source>
        <translation>导入部门名单</translation>
    </message>
</context>
<context>
    <name>DryRunPage</name>
    <message>
        <location filename="../views/import_wizard.py" line="529"/>
        <source>Dry run</source>
        <translation>试导入</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="546"/>
        <source>The file was not screened; nothing has been written. Go back to choose another file or correct the sheet, header row and columns.</source>
        <translation>文件未完成筛查,尚未写入任何数据。请返回上一步另选文件,或改正工作表、表头行和列对应。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="553"/>
        <source>The whole file was screened; nothing has been written. Import to keep the batch and create clues for the new people.</source>
        <translation>已筛查整个文件,尚未写入任何数据。点击“导入”保存该批次,并为新发现人员生成线索。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="531"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="533"/>
        <source>What the import will find</source>
        <translation>导入将得到的结果</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="551"/>
        <source>The whole file was screened; nothing has been written. It was imported before and cannot be imported again.</source>
        <translation>已检查整个文件,未写入任何数据。此文件以前已导入,不能再次导入。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="589"/>
        <source>The dry run was cancelled. Go back or run it again.</source>
        <translation>试导入已取消。请返回上一步或重新运行。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="594"/>
        <source>Screening the list (dry run)…</source>
        <translation>正在筛查名单(试导入)…</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../views/import_wizard.py" line="228"/>
        <source>Choose the list</source>
        <translation>选择名单</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="229"/>
        <source>The spreadsheet a department sent (.xlsx, .xls or .csv) and the department.</source>
        <translation>部门发来的表格文件(.xlsx、.xls 或 .csv)及其所属部门。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="233"/>
        <source>Path of the file</source>
        <translation>文件路径</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="236"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="240"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="259"/>
        <source>Choose or type the department</source>
        <translation>选择或输入部门</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="261"/>
        <source>&amp;Department:</source>
        <translation>部门(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="271"/>
        <source>Department list</source>
        <translation>部门名单</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="272"/>
        <source>Spreadsheets ({patterns})</source>
        <translation>表格文件({patterns})</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="295"/>
        <source>Lists from other departments are accepted too (公安, 法院, 农业农村局 …): type the department&apos;s name.</source>
        <translation>也接收其他部门报送的名单(公安、法院、农业农村局……):直接输入该部门的名称。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="299"/>
        <source>Other department: the list is kept and shown under the name “{name}”.</source>
        <translation>其他部门:名单按“{name}”这个名称保存和显示。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="302"/>
        <source>Filed as {label}, one of the nine departments that send lists.</source>
        <translation>归入“{label}”(九个定期推送名单的部门之一)。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="319"/>
        <source>The file “{path}” does not exist.</source>
        <translation>文件“{path}”不存在。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="330"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="341"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
</context>
<context>
    <name>ImportCancel</name>
    <message>
        <location filename="../views/import_wizard.py" line="115"/>
        <source>Importing… Cancel the import? The data read so far will not be saved.</source>
        <translation>正在导入……取消导入?已读取的数据不会保存</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="117"/>
        <source>&amp;Cancel the import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="118"/>
        <source>C&amp;ontinue the import</source>
        <translation>继续导入(&amp;O)</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../views/import_wizard.py" line="349"/>
        <source>Where the data is</source>
        <translation>数据位置</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="350"/>
        <source>Check the sheet, the header row and which column holds each field. Correct anything that was guessed wrong.</source>
        <translation>请核对工作表、表头行以及各字段所在的列,识别有误的请更正。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="357"/>
        <source>&amp;Read again</source>
        <translation>重新读取(&amp;R)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="361"/>
        <source>&amp;Header row:</source>
        <translation>表头行(&amp;H):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="370"/>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="374"/>
        <source>&amp;ID number (required):</source>
        <translation>身份证号(必选)(&amp;I):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="374"/>
        <source>Na&amp;me:</source>
        <translation>姓名(&amp;M):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="375"/>
        <source>Sub-&amp;district / town:</source>
        <translation>街道/乡镇(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="375"/>
        <source>&amp;Community / village:</source>
        <translation>社区/村(&amp;C):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="376"/>
        <source>&amp;Address:</source>
        <translation>住址(&amp;A):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="376"/>
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="377"/>
        <source>Document &amp;type (beside a document number):</source>
        <translation>证件类型(与证件号码并列时)(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="404"/>
        <source>(not in this file)</source>
        <translation>(文件中没有)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="410"/>
        <source>File type: {fmt}</source>
        <translation>文件类型:{fmt}</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="412"/>
        <source>encoding: {enc}</source>
        <translation>编码:{enc}</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="413"/>
        <source>about {n} rows below the header</source>
        <translation>表头下约 {n} 行</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="415"/>
        <source>two-row header</source>
        <translation>两行表头</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="418"/>
        <source>The column mapping saved at the last import from this department was applied.</source>
        <translation>已套用该部门上次导入时保存的列对应关系。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="428"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿(.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="429"/>
        <source>Excel 97-2003 workbook (.xls)</source>
        <translation>Excel 97-2003 工作簿(.xls)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="430"/>
        <source>OpenDocument spreadsheet (.ods)</source>
        <translation>OpenDocument 电子表格(.ods)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="431"/>
        <source>CSV text</source>
        <translation>CSV 文本</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="432"/>
        <source>web page table (HTML)</source>
        <translation>网页表格(HTML)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="433"/>
        <source>single file web page (MHT)</source>
        <translation>单个文件网页(MHT)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="434"/>
        <source>Excel 2003 XML spreadsheet</source>
        <translation>Excel 2003 XML 表格</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="442"/>
        <source>No ID number column was found in header row {row} (it is named like {names}). Choose the column holding the ID numbers above, or correct the header row and press Read again.</source>
        <translation>在第 {row} 行的表头中找不到身份证号列(列名应为 {names} 等)。请在上面“身份证号”一栏选择存有身份证号的那一列,或改正表头行后点“重新读取”。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="450"/>
        <source>More than one column holds ID numbers: make sure the person&apos;s own is chosen above.</source>
        <translation>有不止一列是身份证号:请确认上面选的是名单上本人的那一列。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="470"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="476"/>
        <source>One column is chosen for two fields.</source>
        <translation>同一列被选作了两个字段。</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../views/import_wizard.py" line="488"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="489"/>
        <source>The first rows as they will be read. Rows in red have an ID number that cannot be used.</source>
        <translation>按将要读取的方式显示前几行。红色行的身份证号无法使用。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="501"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="501"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="501"/>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="502"/>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="502"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="502"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="503"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="505"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="505"/>
        <source>Check</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="514"/>
        <source>ok</source>
        <translation>正确</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="516"/>
        <source>15 digits, converted</source>
        <translation>15位,已转换</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../views/import_wizard.py" line="606"/>
        <source>Imported</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="611"/>
        <source>Screening result</source>
        <translation>筛查结果</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="614"/>
        <source>Save the &amp;error workbook…</source>
        <translation>保存错误清单(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="619"/>
        <source>Rows without a sub-district or community</source>
        <translation>未确定街道或社区的行</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="625"/>
        <source>&amp;Assign them all</source>
        <translation>全部分派(&amp;A)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="641"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="658"/>
        <source>Batch #{id}: “{file}” from {dept} was imported. {clues} new clue(s) were created.</source>
        <translation>批次 #{id}:{dept}名单“{file}”已导入,生成新线索 {clues} 条。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="662"/>
        <source> {n} new person(s) already had an open clue: no second one was made.</source>
        <translation>另有 {n} 个新发现的人员已有未办结的线索,未重复生成。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="673"/>
        <source>The import failed and nothing was written: {msg}</source>
        <translation>导入失败,未写入任何数据:{msg}</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="681"/>
        <source>The import was cancelled. Nothing of it was written.</source>
        <translation>导入已取消,未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="686"/>
        <source>Importing the list…</source>
        <translation>正在导入名单…</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="695"/>
        <source>{n} row(s) not in assistance have no sub-district or community. Assign them &amp;to:</source>
        <translation>有 {n} 行非在保人员未确定街道或社区。全部分派到(&amp;T):</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="707"/>
        <source>Save the error workbook</source>
        <translation>保存错误清单</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="708"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="715"/>
        <source>{n} row(s) with their reasons were written to {path}.</source>
        <translation>已将 {n} 行及其错误原因写入 {path}。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="722"/>
        <source>Writing the error workbook…</source>
        <translation>正在写入错误清单…</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="742"/>
        <source>{n} row(s) assigned to {region}.</source>
        <translation>已将 {n} 行分派到{region}。</translation>
    </message>
    <message>
        <location filename="../views/import_wizard.py" line="749"/>
        <source>Assigning…</source>
        <translation>正在分派…</translation>
    </message>
</context>
<context>
    <name>SheetChoice</name>
    <message>
        <location filename="../views/import_wizard.py" line="128"/>
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S):</translation>
    </message>
</context>
</TS>
