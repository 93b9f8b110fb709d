<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReferralForm</name>
    <message>
        <location filename="../views/referral_form.py" line="42"/>
        <source>Refer to a department</source>
        <translation>转介部门</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="50"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; ({id}) · {community} · {category}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;({id})· {community} · {category}</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="56"/>
        <source>(choose a department)</source>
        <translation>(请选择部门)</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="60"/>
        <source>What the department should help with</source>
        <translation>需要该部门协助解决的问题</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="63"/>
        <source>&amp;Department:</source>
        <translation>部门(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="64"/>
        <source>&amp;Need:</source>
        <translation>需求(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="65"/>
        <source>D&amp;ue date:</source>
        <translation>办理期限(&amp;U):</translation>
    </message>
</context>
<context>
    <name>ReferralResultDialog</name>
    <message>
        <location filename="../views/referral_form.py" line="104"/>
        <source>Department&apos;s answer</source>
        <translation>部门办理结果</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="107"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; → {department}&lt;br&gt;{need}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; → {department}&lt;br&gt;{need}</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="113"/>
        <source>Received by the department</source>
        <translation>部门已接收</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="113"/>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="114"/>
        <source>Declined</source>
        <translation>未受理</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="119"/>
        <source>The department&apos;s feedback (required for done or declined)</source>
        <translation>部门的反馈(办结或不受理时必填)</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="120"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="121"/>
        <source>&amp;Feedback:</source>
        <translation>反馈(&amp;F):</translation>
    </message>
</context>
</TS>
