<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReferralForm</name>
    <message>
        <location filename="../views/referral_form.py" line="40"/>
        <source>Refer to a department</source>
        <translation>转介部门</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="44"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; ({id}) · {community} · {category}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;({id})· {community} · {category}</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="51"/>
        <source>(choose a department)</source>
        <translation>(请选择部门)</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="56"/>
        <source>What the department should help with</source>
        <translation>需要该部门协助解决的问题</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="61"/>
        <source>&amp;Department:</source>
        <translation>部门(&amp;D):</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="62"/>
        <source>&amp;Need:</source>
        <translation>需求(&amp;N):</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="63"/>
        <source>D&amp;ue date:</source>
        <translation>办理期限(&amp;U):</translation>
    </message>
</context>
<context>
    <name>ReferralResultDialog</name>
    <message>
        <location filename="../views/referral_form.py" line="98"/>
        <source>Department&apos;s answer</source>
        <translation>部门办理结果</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="101"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; → {department}&lt;br&gt;{need}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; → {department}&lt;br&gt;{need}</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="107"/>
        <source>Received by the department</source>
        <translation>部门已接收</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="107"/>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="108"/>
        <source>Declined</source>
        <translation>未受理</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="114"/>
        <source>The department&apos;s feedback (required for done or declined)</source>
        <translation>部门的反馈(办结或不受理时必填)</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="115"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S):</translation>
    </message>
    <message>
        <location filename="../views/referral_form.py" line="116"/>
        <source>&amp;Feedback:</source>
        <translation>反馈(&amp;F):</translation>
    </message>
</context>
</TS>
