<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackgroundOperation</name>
    <message>
        <location filename="../views/operations.py" line="159" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="160" />
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="224" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>BusyDialog</name>
    <message>
        <location filename="../views/operations.py" line="425" />
        <source>Closing…</source>
        <translation>正在关闭…</translation>
    </message>
</context>
<context>
    <name>ExitGuard</name>
    <message>
        <location filename="../views/operations.py" line="482" />
        <source>Work is still running: {work}</source>
        <translation>还有工作正在进行:{work}</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="484" />
        <source>Work is still running:</source>
        <translation>还有工作正在进行:</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="487" />
        <source>Wait until it is done and then exit, or cancel it and exit: what it did is rolled back, nothing is left half-written.</source>
        <translation>可以等它完成后退出,也可以取消它并退出:取消后它做过的全部撤回,不会留下写了一半的数据。</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="490" />
        <source>Wait until it is done and then exit, or cancel what can be cancelled and exit: that is rolled back, nothing is left half-written; the rest cannot be stopped and is waited for.</source>
        <translation>可以等它们完成后退出,也可以取消能取消的工作并退出:取消的全部撤回,不会留下写了一半的数据;其余的不能中途停止,等它们完成。</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="494" />
        <source>It cannot be stopped half-way: wait until it is done and then exit, or go back.</source>
        <translation>这项工作不能中途停止:可以等它完成后退出,或者返回。</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="498" />
        <source>Exit Relief Desk</source>
        <translation>退出救助工作台</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="501" />
        <source>&amp;Wait until done</source>
        <translation>等待完成(&amp;W)</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="502" />
        <source>Cancel and e&amp;xit</source>
        <translation>取消并退出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="503" />
        <source>&amp;Go back</source>
        <translation>返回(&amp;G)</translation>
    </message>
    <message>
        <location filename="../views/operations.py" line="545" />
        <source>Exiting when done</source>
        <translation>完成后退出</translation>
    </message>
</context>
</TS>