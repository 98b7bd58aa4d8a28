"""Benchmark corpus generator: realistic, lint-clean drafts in the Clause format.

    python bench/gen.py corpus DIR N [--seed S]        N drafts in DIR (+ DIR/figures/*.svg)
    python bench/gen.py long FILE [--seed S]           one ~100-page draft (~45 000 words)
    python bench/gen.py comments DIR DRAFT N [--seed S] N reviewer comments on DRAFT

Everything is deterministic: one ``random.Random(seed)`` per corpus (draft ``i`` draws from
``Random(f"{seed}:{i}")``, so the first drafts of a 1 000-draft corpus are the drafts of a
10-draft corpus). About 80 % of the drafts are English (ISO rules), 20 % Chinese (GB rules).
A draft is about 1 500 words (about 14 KB, like the 1 000-page corpus of ECOSYSTEM.md):
Foreword and Introduction, Scope, Normative references and Terms and definitions with the
exact boilerplate of ``build_tools.i18n.boilerplate``, term entries with admitted terms,
examples, notes to entry and sources, technical clauses with requirements, notes, lists, pipe
tables and figures, annexes and a Bibliography listing every document the text cites. Every
generated draft lints without errors under ``clause lint``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from build_tools.i18n import boilerplate as B  # noqa: E402
from build_tools.i18n.refs import IDENT_RE, base_ident  # noqa: E402

ZH_SHARE = 0.2
WORDS_PER_DRAFT = 1650
LONG_WORDS = 45000

# --------------------------------------------------------------------------- vocabulary
# Every entry is (English, Chinese). Chinese text avoids 应/宜/可 outside the compounds the
# linter knows (应用, 可靠 …) so that only the sentences meant as provisions read as such.

TOPICS: list[tuple[str, str]] = [
    ("Avatar interoperability", "化身互操作"),
    ("Spatial anchors", "空间锚点"),
    ("Digital twin synchronization", "数字孪生同步"),
    ("Volumetric video delivery", "体积视频传输"),
    ("Haptic interaction", "触觉交互"),
    ("Scene description", "场景描述"),
    ("Digital identity", "数字身份"),
    ("Virtual asset registry", "虚拟资产登记"),
    ("Content governance", "内容治理"),
    ("Split rendering", "拆分渲染"),
    ("Protection of eye-tracking data", "眼动追踪数据保护"),
    ("Industrial metaverse platforms", "工业元宇宙平台"),
    ("City metaverse services", "城市元宇宙服务"),
    ("Accessibility of virtual worlds", "虚拟世界无障碍"),
    ("Network quality of service for extended reality", "扩展现实网络服务质量"),
    ("Edge rendering", "边缘渲染"),
    ("Motion capture data", "动作捕捉数据"),
    ("Labelling of AI-generated content", "人工智能生成内容标识"),
    ("Persistent world state", "持久世界状态"),
    ("Virtual digital humans", "虚拟数字人"),
    ("Mitigation of cybersickness", "晕动症缓解"),
    ("Cross-domain interoperability", "跨域互操作"),
    ("Conformance assessment of metaverse platforms", "元宇宙平台符合性评估"),
    ("Virtual economy records", "虚拟经济记录"),
    ("Immersive education services", "沉浸式教育服务"),
    ("Collaborative virtual engineering", "协同虚拟工程"),
]
PARTS: list[tuple[str, str]] = [
    ("General", "通则"), ("Requirements", "要求"), ("Data model", "数据模型"),
    ("Interfaces", "接口"), ("Test methods", "测试方法"), ("Reference model", "参考模型"),
]
SUBJECTS: list[tuple[str, str]] = [
    ("the rendering service", "渲染服务"), ("the asset registry", "资产登记库"),
    ("the identity provider", "身份提供方"), ("the session controller", "会话控制器"),
    ("the interoperability gateway", "互操作网关"), ("the world state manager", "世界状态管理器"),
    ("the content repository", "内容库"), ("each terminal device", "每台终端设备"),
    ("the edge node", "边缘节点"), ("the synchronization service", "同步服务"),
    ("the audit service", "审计服务"), ("the platform", "平台"),
    ("the metaverse service provider", "元宇宙服务提供方"),
    ("the scene description parser", "场景描述解析器"), ("the haptic controller", "触觉控制器"),
    ("the digital twin adapter", "数字孪生适配器"), ("the moderation service", "内容治理服务"),
    ("the client application", "客户端应用"), ("the tracking subsystem", "跟踪子系统"),
    ("the media server", "媒体服务器"),
]
# (base, third person, past participle, Chinese)
VERBS: list[tuple[str, str, str, str]] = [
    ("record", "records", "recorded", "记录"), ("maintain", "maintains", "maintained", "维护"),
    ("validate", "validates", "validated", "校验"), ("publish", "publishes", "published", "发布"),
    ("store", "stores", "stored", "存储"), ("report", "reports", "reported", "报告"),
    ("synchronize", "synchronizes", "synchronized", "同步"),
    ("transmit", "transmits", "transmitted", "传输"), ("monitor", "monitors", "monitored", "监测"),
    ("encrypt", "encrypts", "encrypted", "加密"), ("expose", "exposes", "exposed", "提供"),
    ("update", "updates", "updated", "更新"), ("verify", "verifies", "verified", "验证"),
    ("retain", "retains", "retained", "保留"), ("exchange", "exchanges", "exchanged", "交换"),
    ("protect", "protects", "protected", "保护"), ("log", "logs", "logged", "登记"),
    ("compress", "compresses", "compressed", "压缩"),
]
OBJECTS: list[tuple[str, str]] = [
    ("the pose of each tracked object", "每个被跟踪对象的位姿"),
    ("the ownership records of virtual assets", "虚拟资产的所有权记录"),
    ("session metadata", "会话元数据"),
    ("the scene graph of the virtual world", "虚拟世界的场景图"),
    ("frame timing statistics", "帧时间统计数据"),
    ("the consent records of users", "用户的同意记录"),
    ("spatial anchors shared between devices", "设备之间共享的空间锚点"),
    ("the identity attributes of each avatar", "每个化身的身份属性"),
    ("audit records of security events", "安全事件的审计记录"),
    ("the latency and throughput of each session", "每个会话的时延和吞吐量"),
    ("the content rating of published scenes", "已发布场景的内容分级"),
    ("the mapping between virtual objects and physical entities", "虚拟对象与物理实体之间的映射"),
    ("the labels of AI-generated content", "人工智能生成内容的标识"),
    ("the capabilities of the terminal device", "终端设备的能力信息"),
    ("error reports", "错误报告"),
    ("the version of each content package", "每个内容包的版本"),
    ("haptic feedback events", "触觉反馈事件"),
    ("the configuration of the rendering pipeline", "渲染管线的配置"),
    ("the list of participants in a session", "会话参与者列表"),
    ("the state of every persistent object", "每个持久对象的状态"),
    ("access tokens", "访问令牌"),
    ("eye-tracking data", "眼动追踪数据"),
    ("the transaction history of the asset registry", "资产登记库的交易历史"),
    ("the coordinate reference system of the scene", "场景的坐标参考系"),
    ("quality of experience indicators", "体验质量指标"),
    ("the accessibility settings of each user", "每个用户的无障碍设置"),
    ("the synchronization status of each digital twin", "每个数字孪生的同步状态"),
    ("interface descriptions", "接口描述"),
    ("the encoding parameters of volumetric video", "体积视频的编码参数"),
    ("user reports of harmful content", "用户对有害内容的举报"),
]
QUALIFIERS: list[tuple[str, str]] = [
    (" for every active session", "在每个活动会话中"),
    (" within {ms} ms of the triggering event", "在触发事件后{ms} ms内"),
    (" at a rate of at least {hz} Hz", "以不低于{hz} Hz的频率"),
    (" for a period of at least {days} days", "在至少{days}天内"),
    (" before the session is closed", "在会话关闭之前"),
    (" without loss of precision", "在不损失精度的情况下"),
    (" in a documented and machine-readable form", "以文档化和机器可读的形式"),
    (" for each user separately", "针对每个用户分别"),
    (" at the edge node closest to the user", "在距用户最近的边缘节点上"),
    ("", ""), ("", ""), ("", ""),
]
CONDITIONS: list[tuple[str, str]] = [
    ("a user leaves the virtual world", "用户离开虚拟世界时"),
    ("the measured latency exceeds {ms} ms", "测得的时延超过{ms} ms时"),
    ("a virtual asset is transferred to another platform", "虚拟资产转移到其他平台时"),
    ("the terminal device reports a change of capabilities", "终端设备报告其能力发生变化时"),
    ("a session is restored after a network failure", "会话在网络故障后恢复时"),
    ("a user withdraws consent", "用户撤回同意时"),
    ("the scene contains more than {k} objects", "场景包含超过{k}个对象时"),
    ("content is published in a public virtual world", "内容在公共虚拟世界中发布时"),
    ("the bandwidth available to a session drops below {mbit} Mbit/s",
     "会话的可用带宽低于{mbit} Mbit/s时"),
]
ASPECTS: list[tuple[str, str]] = [
    ("accuracy", "准确度"), ("latency", "时延"), ("completeness", "完整性"),
    ("consistency", "一致性"), ("availability", "可用性"), ("resolution", "分辨率"),
    ("granularity", "粒度"), ("timeliness", "及时性"),
]
FACTORS: list[tuple[str, str]] = [
    ("the capabilities of the terminal device", "终端设备的能力"),
    ("the network conditions of the session", "会话的网络条件"),
    ("the number of concurrent users", "并发用户数"),
    ("the policy of the metaverse service provider", "元宇宙服务提供方的策略"),
    ("the size and complexity of the scene", "场景的规模和复杂度"),
    ("the regulations of the jurisdiction concerned", "相关司法管辖区的法规"),
    ("the purpose for which the data were collected", "数据收集的目的"),
]
BACKGROUND: list[tuple[str, str]] = [
    ("Metaverse systems combine technologies that have so far been standardized separately, "
     "such as real-time 3D engines, extended reality devices, digital identity and digital twins.",
     "元宇宙系统融合了以往分别标准化的多种技术，例如实时3D引擎、扩展现实设备、数字身份和数字孪生。"),
    ("Providers describe their systems with their own vocabularies, which makes systems of "
     "different providers difficult to compare.",
     "各提供方使用各自的词汇描述其系统，使不同提供方的系统难以相互比较。"),
    ("Users increasingly move between virtual worlds operated by different providers and expect "
     "their avatars, assets and settings to move with them.",
     "用户越来越多地在不同提供方运营的虚拟世界之间往来，并期望其化身、资产和设置随之迁移。"),
    ("Immersive sessions are sensitive to delay: a motion-to-photon latency above 20 ms is "
     "noticed by most users and increases the risk of cybersickness.",
     "沉浸式会话对时延敏感：超过20 ms的运动到显示时延会被多数用户察觉，并增加晕动症的风险。"),
    ("Terminal devices capture pose, gaze and voice of users continuously, so that the "
     "protection of personal information is a concern in every layer of a metaverse system.",
     "终端设备持续采集用户的位姿、视线和语音，因此个人信息保护是元宇宙系统各层都关注的问题。"),
    ("Industrial users apply virtual worlds to the commissioning, operation and maintenance of "
     "production lines, where the virtual world is bound to the physical plant.",
     "工业用户将虚拟世界用于生产线的调试、运行和维护，此时虚拟世界与物理工厂相绑定。"),
    ("Public authorities use city-scale digital twins to plan infrastructure and to rehearse "
     "the response to emergencies.",
     "公共管理部门利用城市级数字孪生规划基础设施并演练应急处置。"),
    ("Generative models produce scenes, textures and digital humans at a scale that manual "
     "review of every item no longer matches.",
     "生成式模型大规模生成场景、纹理和虚拟数字人，人工逐项审核已难以跟上。"),
    ("Several working groups of the programme depend on a common description of the functions "
     "and interfaces concerned.",
     "本计划的多个工作组依赖于对相关功能和接口的统一描述。"),
    ("Experience from pilot deployments in manufacturing, tourism and education has been taken "
     "into account in the preparation of this document.",
     "本文件的编制考虑了制造、文旅和教育领域试点部署的经验。"),
]
CLAUSE_TITLES: list[tuple[str, str]] = [
    ("General requirements", "一般要求"), ("Architecture", "架构"), ("Data model", "数据模型"),
    ("Interfaces", "接口"), ("Security", "安全"), ("Privacy", "隐私"), ("Performance", "性能"),
    ("Interoperability", "互操作"), ("Lifecycle management", "生命周期管理"),
    ("Logging and audit", "日志与审计"), ("Accessibility", "无障碍"),
    ("Quality of experience", "体验质量"), ("Identity management", "身份管理"),
    ("Content management", "内容管理"), ("Synchronization", "同步"),
    ("Error handling", "错误处理"), ("Versioning", "版本管理"), ("Metadata", "元数据"),
    ("Rendering", "渲染"), ("Session management", "会话管理"), ("Test methods", "测试方法"),
    ("Deployment", "部署"), ("Monitoring", "监测"), ("Data exchange", "数据交换"),
    ("Consent management", "同意管理"), ("Asset management", "资产管理"),
    ("Device capabilities", "设备能力"), ("Network aspects", "网络方面"),
    ("Spatial mapping", "空间映射"), ("Safety of users", "用户安全"),
]
SUB_TITLES: list[tuple[str, str]] = [
    ("Principles", "原则"), ("Functional requirements", "功能要求"),
    ("Data retention", "数据保留"), ("Access control", "访问控制"), ("Encoding", "编码"),
    ("Timing", "时序"), ("Registration", "注册"), ("Discovery", "发现"), ("Transfer", "转移"),
    ("Validation", "校验"), ("Reporting", "报告"), ("Configuration", "配置"),
    ("Recovery", "恢复"), ("Capacity", "容量"), ("Latency", "时延"), ("Logging", "日志"),
    ("Notification", "通知"), ("Revocation", "撤销"), ("Labelling", "标识"),
    ("Storage", "存储"), ("Transport", "传输"), ("Calibration", "校准"),
    ("Test conditions", "测试条件"), ("Test procedure", "测试程序"),
    ("Expression of results", "结果表示"), ("Roles", "角色"), ("Records", "记录"),
]
PARAMETERS: list[tuple[str, str, str, str]] = [  # en, zh, comparator, unit
    ("Motion-to-photon latency", "运动到显示时延", "≤", "ms"),
    ("Display refresh rate", "显示刷新率", "≥", "Hz"),
    ("Round-trip time to the rendering node", "到渲染节点的往返时间", "≤", "ms"),
    ("Haptic feedback latency", "触觉反馈时延", "≤", "ms"),
    ("Pose update rate", "位姿更新频率", "≥", "Hz"),
    ("Availability of persistent services", "持久服务的可用性", "≥", "%"),
    ("Downlink throughput per session", "每个会话的下行吞吐量", "≥", "Mbit/s"),
    ("Synchronization interval of digital twins", "数字孪生的同步间隔", "≤", "s"),
    ("Maximum size of a content package", "内容包的最大尺寸", "≤", "MB"),
    ("Audio latency between co-present users", "共在用户之间的音频时延", "≤", "ms"),
]
APP_CLASSES: list[tuple[str, str]] = [
    ("immersive sessions with head-mounted displays", "使用头戴式显示器的沉浸式会话"),
    ("split rendering", "拆分渲染"), ("teleoperation", "远程操作"),
    ("social and collaborative sessions", "社交和协同会话"),
    ("all application classes", "所有应用类别"), ("industrial monitoring", "工业监测"),
]
FIELDS: list[tuple[str, str, str, str]] = [  # name, type, en, zh
    ("session_id", "string", "identifier of the session", "会话的标识符"),
    ("user_id", "string", "pseudonymous identifier of the user", "用户的假名标识符"),
    ("timestamp", "date-time", "time of the event in UTC", "事件发生的时间"),
    ("pose", "array of 7 numbers", "position and orientation as a quaternion",
     "以四元数表示的位置和朝向"),
    ("asset_id", "string", "identifier of the virtual asset", "虚拟资产的标识符"),
    ("owner", "string", "identifier of the current owner", "当前所有者的标识符"),
    ("rating", "enumeration", "content rating of the scene", "场景的内容分级"),
    ("latency_ms", "integer", "measured latency in milliseconds", "以毫秒计的测得时延"),
    ("consent", "boolean", "whether the user has given consent", "用户是否已给出同意"),
    ("source_platform", "string", "platform from which the item was received",
     "接收该项的来源平台"),
    ("label", "string", "label shown to users", "向用户显示的标识"),
    ("version", "string", "version of the content package", "内容包的版本"),
]
OBLIGATIONS = [("mandatory", "必备"), ("optional", "可选"), ("conditional", "条件必备")]
FIGURES: list[tuple[str, str, str]] = [  # file, en title, zh title ({t} = topic)
    ("bench-architecture.svg", "Functional components of {t}", "{t}的功能组件"),
    ("bench-flow.svg", "Data flow between the terminal device and the platform",
     "终端设备与平台之间的数据流"),
    ("bench-lifecycle.svg", "Lifecycle of a virtual asset", "虚拟资产的生命周期"),
    ("bench-layers.svg", "Layers concerned by {t}", "{t}涉及的层次"),
]

# Documents (identifier, English title, Chinese title). Chinese drafts list ISO documents with
# their English titles, as the example drafts do.
DOCS: list[tuple[str, str, str]] = [
    ("ISO/IEC 2382:2015", "Information technology — Vocabulary", ""),
    ("ISO/IEC 23005-1:2020", "Information technology — Media context and control — Part 1: "
     "Architecture", ""),
    ("ISO/IEC 23090-14:2025", "Information technology — Coded representation of immersive media "
     "— Part 14: Scene description", ""),
    ("ISO/IEC 12113:2022", "Information technology — Runtime 3D asset delivery format — Khronos "
     "glTF™ 2.0", ""),
    ("ISO/IEC 27001:2022", "Information security, cybersecurity and privacy protection — "
     "Information security management systems — Requirements", ""),
    ("ISO/IEC 29100:2011", "Information technology — Security techniques — Privacy framework", ""),
    ("ISO/IEC 30173:2023", "Digital twin — Concepts and terminology", ""),
    ("ISO/IEC 18039:2019", "Information technology — Computer graphics, image processing and "
     "environmental data representation — Mixed and augmented reality (MAR) reference model", ""),
    ("ISO 9241-210:2019", "Ergonomics of human-system interaction — Part 210: Human-centred "
     "design for interactive systems", ""),
    ("ISO/IEC 40500:2012", "Information technology — W3C Web Content Accessibility Guidelines "
     "(WCAG) 2.0", ""),
    ("ISO 8601-1:2019", "Date and time — Representations for information interchange — Part 1: "
     "Basic rules", ""),
    ("ISO/IEC 23090-5:2023", "Information technology — Coded representation of immersive media "
     "— Part 5: Visual volumetric video-based coding (V3C) and video-based point cloud "
     "compression (V-PCC)", ""),
    ("IEEE 3079-2020", "IEEE Standard for Head-Mounted Display (HMD)-Based Virtual Reality (VR) "
     "Sickness Reduction Technology", ""),
    ("ITU-T Y.4600", "Requirements and capabilities of a digital twin system", ""),
    ("IETF RFC 9000", "QUIC: A UDP-Based Multiplexed and Secure Transport", ""),
    ("IETF RFC 8446", "The Transport Layer Security (TLS) Protocol Version 1.3", ""),
    ("IEC TR 63614-1:2026", "Multimedia systems and equipment for metaverse — Part 1: General", ""),
    ("GB/T 35273—2020", "Information security technology — Personal information security "
     "specification", "信息安全技术 个人信息安全规范"),
    ("GB/T 22239—2019", "Information security technology — Baseline for classified protection "
     "of cybersecurity", "信息安全技术 网络安全等级保护基本要求"),
    ("GB/T 38258—2019", "Information technology — Basic requirements and test methods of "
     "virtual reality application software", "信息技术 虚拟现实应用软件基本要求和测试方法"),
    ("GB/T 38259—2019", "Information technology — General specification for virtual reality "
     "head-mounted display", "信息技术 虚拟现实头戴式显示设备通用规范"),
    ("GB/T 5271.1—2000", "Information technology — Vocabulary — Part 1: Fundamental terms",
     "信息技术 词汇 第1部分：基本术语"),
    ("GB/T 37988—2019", "Information security technology — Data security capability maturity "
     "model", "信息安全技术 数据安全能力成熟度模型"),
    ("GB/T 25069—2022", "Information security technology — Glossary", "信息安全技术 术语"),
]
DOC_BY_ID = {d[0]: d for d in DOCS}
ZH_DOCS = [d[0] for d in DOCS if d[2]] + ["ISO/IEC 23090-14:2025", "ISO/IEC 30173:2023",
                                          "ISO/IEC 27001:2022", "ISO/IEC 12113:2022"]

EDITORS_EN = ["Li Wei", "Wang Fang", "Zhang Min", "Chen Jing", "Liu Yang", "Zhao Lei", "Sun Hao",
              "Zhou Xin", "Wu Jie", "Xu Lin", "Maria Rossi", "Daniel Becker", "Akira Tanaka",
              "Sophie Martin", "Kim Seo-yeon", "Ana Pereira"]
EDITORS_ZH = ["李伟", "王芳", "张敏", "陈静", "刘洋", "赵磊", "孙浩", "周欣", "吴杰", "徐琳"]
ORGS: list[tuple[str, str]] = [
    ("China Electronics Standardization Institute", "中国电子技术标准化研究院"),
    ("Huaxia Spatial Computing Co., Ltd.", "华夏空间计算有限公司"),
    ("Shenzhen Lingjing Interactive Technology Co., Ltd.", "深圳灵境互动科技有限公司"),
    ("Beijing Yuanjie Cloud Technology Co., Ltd.", "北京元界云科技有限公司"),
    ("Hangzhou Xingtu Industrial Software Co., Ltd.", "杭州星图工业软件有限公司"),
    ("Shanghai Institute of Digital Twin Research", "上海数字孪生研究院"),
]
WGS: list[tuple[str, str]] = [
    ("WG 1 Terminology", "第1工作组（术语）"), ("WG 2 Architecture", "第2工作组（架构）"),
    ("WG 3 Identity", "第3工作组（身份）"), ("WG 4 Content", "第4工作组（内容）"),
    ("WG 5 Applications", "第5工作组（应用）"),
]
ABBREVIATIONS: list[tuple[str, str]] = [
    ("AR", "augmented reality"), ("DoF", "degrees of freedom"), ("HMD", "head-mounted display"),
    ("MR", "mixed reality"), ("QoE", "quality of experience"), ("QoS", "quality of service"),
    ("UGC", "user-generated content"), ("VR", "virtual reality"), ("XR", "extended reality"),
    ("AIGC", "AI-generated content"), ("DID", "decentralized identifier"),
]

# Terms. Curated entries: (en, zh, en definition, zh definition, admitted, note en, note zh,
# example en, example zh, source identifier, source locator).
CURATED: list[tuple[str, ...]] = [
    ("metaverse", "元宇宙",
     "integrative ecosystem of virtual worlds offering immersive experiences to users",
     "由持久、互联的虚拟世界构成，向用户提供沉浸式体验的综合生态系统。", "",
     "A metaverse can be fully virtual, augment the physical world, or represent it.",
     "元宇宙的形态包括完全虚拟、对物理世界的增强以及对物理世界的表征。", "", "", "", ""),
    ("virtual world", "虚拟世界",
     "computer-generated, shared and persistent environment in which users, represented by "
     "avatars, interact in real time with each other and with virtual objects",
     "由计算机生成的、共享且持久的环境，用户在其中以化身为代表，与其他用户及虚拟对象进行实时交互。",
     "", "A virtual world can simulate the physical world or represent an imagined world.",
     "虚拟世界既能模拟物理世界，也能表现想象的世界。", "", "", "", ""),
    ("avatar", "化身",
     "digital representation of a user or an autonomous agent in a virtual world",
     "在虚拟世界中代表用户或自主智能体的数字表示。", "",
     "A user can have several avatars linked to one digital identity.",
     "一个用户能拥有关联到同一数字身份的多个化身。", "", "", "", ""),
    ("digital twin", "数字孪生",
     "digital representation of a physical entity, process or system, kept consistent with it "
     "through data connections at a rate of synchronization fit for its purpose",
     "通过数据连接与物理实体、过程或系统保持一致，且同步频率与其用途相适应的数字表示。", "",
     "Digital twins connect virtual worlds with the physical world.",
     "数字孪生将虚拟世界与物理世界相连。", "", "", "ISO/IEC 30173:2023", "3.1.2"),
    ("extended reality", "扩展现实",
     "umbrella term for technologies and environments that combine the physical world with "
     "computer-generated content to varying degrees",
     "以不同程度将物理世界与计算机生成内容相结合的技术和环境的总称。", "XR",
     "The degree of combination is often shown as a reality–virtuality continuum.",
     "结合程度通常以“现实—虚拟连续统”表示。", "", "", "IEC TR 63614-1:2026", "3.5"),
    ("augmented reality", "增强现实",
     "real-time view of the physical world in which computer-generated content is overlaid on "
     "physical objects and spatially registered with them",
     "将计算机生成的内容叠加到物理对象上并与之空间配准的物理世界实时视图。", "AR", "", "",
     "A technician sees the torque value of each bolt displayed next to the bolt.",
     "维修技师通过透视眼镜看到每个螺栓旁显示的拧紧力矩值。", "ISO/IEC 18039:2019", "3.1.4"),
    ("pose", "位姿",
     "position and orientation of an object, a user or a part of the body of a user relative "
     "to a reference coordinate system", "物体、用户或用户身体部位相对于参考坐标系的位置和朝向。",
     "", "", "", "", "", "", ""),
    ("motion-to-photon latency", "运动到显示时延",
     "time interval between a movement of the user and the display of the first frame that "
     "reflects that movement", "从用户运动到显示出反映该运动的第一帧图像之间的时间间隔。",
     "MTP latency", "A latency of 20 ms or less is a common target for comfortable experiences.",
     "20 ms及以下的运动到显示时延通常被作为舒适体验的目标值。", "", "", "", ""),
    ("field of view", "视场",
     "angular extent of the scene that a user sees at a given moment",
     "用户在某一时刻看到的场景的角度范围。", "FoV",
     "The field of view is expressed in degrees.", "视场以度表示。",
     "A head-mounted display with a horizontal field of view of 110°.",
     "水平视场为110°的头戴式显示器。", "", ""),
    ("scene description", "场景描述",
     "structured data that describes the composition, spatial layout, appearance and "
     "behaviour of a 3D scene independently of a particular rendering engine",
     "独立于特定渲染引擎，描述3D场景的组成、空间布局、外观和行为的结构化数据。", "",
     "ISO/IEC 23090-14 specifies a scene description format based on glTF 2.0.",
     "ISO/IEC 23090-14规定了基于glTF 2.0格式的场景描述格式。", "", "", "", ""),
    ("cybersickness", "晕动症",
     "discomfort caused by an immersive experience, including nausea, disorientation and "
     "eye strain", "由沉浸式体验引起的不适，包括恶心、方向迷失和视疲劳。", "VR sickness",
     "A mismatch between visual motion and the motion sensed by the vestibular system is a "
     "common cause.", "常见原因为视觉运动与前庭系统所感知运动之间的不一致。", "", "", "", ""),
    ("digital identity", "数字身份",
     "set of attributes and credentials that represents an entity in a digital system and "
     "allows it to be identified and authenticated",
     "在数字系统中代表某一实体，并使该实体得以被识别和鉴别的属性和凭证的集合。", "",
     "A digital identity can be bound to several avatars and virtual assets.",
     "数字身份能与多个化身以及虚拟资产绑定。", "", "", "", ""),
    ("interoperability", "互操作性",
     "capability of two or more systems or components to exchange information and to use the "
     "information that has been exchanged", "两个或多个系统或部件交换信息并使用所交换信息的能力。",
     "", "", "", "", "", "ISO/IEC 2382:2015", "2121317"),
    ("volumetric video", "体积视频",
     "video that represents a three-dimensional space or object so that a viewer can watch it "
     "from freely chosen positions and directions",
     "表示三维空间或物体，使观看者能从自由选择的位置和方向观看的视频。", "",
     "Volumetric video is usually represented as point clouds or meshes.",
     "体积视频通常以点云或网格表示。", "", "", "", ""),
    ("user-generated content", "用户生成内容",
     "digital content created by the users of a service rather than by its operator or by "
     "professional producers", "由服务的用户而非服务运营者或专业制作者创作的数字内容。", "UGC", "",
     "", "Virtual clothing, furniture and buildings that users design and place in a virtual "
     "world.", "用户设计并放置在虚拟世界中的虚拟服装、家具和建筑。", "", ""),
    ("haptic feedback", "触觉反馈",
     "stimulation of the sense of touch of a user by force, vibration, pressure or temperature "
     "in response to an interaction with a virtual object",
     "响应与虚拟对象的交互，通过力、振动、压力或温度对用户触觉施加的刺激。", "", "", "", "", "",
     "", ""),
    ("split rendering", "拆分渲染",
     "rendering in which part of the rendering process is performed on a network or cloud node "
     "and the partial result is streamed to the terminal device for final composition",
     "部分渲染过程在网络节点或云节点上执行，并将部分结果流式传输到终端设备进行最终合成的渲染方式。",
     "", "Split rendering reduces the power consumption of lightweight terminal devices.",
     "拆分渲染降低了轻量化终端设备的功耗。", "", "", "", ""),
    ("eye tracking", "眼动追踪",
     "measurement of the direction of gaze and of the movements of the eyes of a user",
     "对用户视线方向和眼球运动的测量。", "",
     "Eye tracking enables foveated rendering.", "眼动追踪支持注视点渲染。", "", "", "", ""),
]
HEADS: list[tuple[str, str, str, str]] = [  # en, zh, example en, example zh
    ("session", "会话", "A training session in a virtual factory hall.",
     "虚拟工厂车间中的一次培训会话。"),
    ("virtual asset", "虚拟资产", "A plot of virtual land.", "一块虚拟土地。"),
    ("spatial anchor", "空间锚点", "An anchor placed on a machine in a factory.",
     "放置在工厂设备上的锚点。"),
    ("scene", "场景", "A model of a museum hall with its exhibits.", "包含展品的博物馆展厅模型。"),
    ("avatar profile", "化身档案", "The outfit and body proportions of an avatar.",
     "化身的服装和身体比例。"),
    ("credential", "凭证", "A signed statement of the age of a user.", "关于用户年龄的签名声明。"),
    ("media stream", "媒体流", "The point cloud stream of a volumetric concert.",
     "体积音乐会的点云流。"),
    ("rendering node", "渲染节点", "A graphics server in an edge data centre.",
     "边缘数据中心中的图形服务器。"),
    ("content package", "内容包", "A set of glTF files with their textures.",
     "一组glTF文件及其纹理。"),
    ("event log", "事件日志", "The log of asset transfers of one day.", "一天内资产转移的日志。"),
    ("user profile", "用户档案", "The language and accessibility preferences of a user.",
     "用户的语言偏好和无障碍偏好。"),
    ("virtual object", "虚拟对象", "A virtual chair that users can move.",
     "用户能够移动的虚拟椅子。"),
    ("data channel", "数据通道", "A channel that carries pose updates.", "承载位姿更新的通道。"),
    ("world instance", "世界实例", "One shard of a popular virtual world.",
     "热门虚拟世界的一个分片。"),
    ("access policy", "访问策略", "A policy that admits only verified adults.",
     "仅允许经验证的成年人进入的策略。"),
]
MODIFIERS: list[tuple[str, str, str, str, str, str]] = [  # en, differentia, zh, zh diff, note
    ("persistent", "that is kept when no user is connected", "持久", "在没有用户连接时仍被保留的",
     "Persistence distinguishes virtual worlds from session-based applications.",
     "持久性使虚拟世界区别于基于会话的应用。"),
    ("shared", "that is available to more than one user at the same time", "共享",
     "同时供多个用户使用的", "Sharing requires a common coordinate reference system.",
     "共享以统一的坐标参考系为前提。"),
    ("federated", "that is managed jointly by more than one platform", "联邦",
     "由多个平台共同管理的", "Federation relies on agreements between the providers concerned.",
     "联邦管理依赖于相关提供方之间的协议。"),
    ("local", "that is processed on the terminal device of the user", "本地",
     "在用户终端设备上处理的", "Local processing reduces the transmission of personal information.",
     "本地处理减少了个人信息的传输。"),
    ("remote", "that is processed on a network or cloud node", "远程", "在网络节点或云节点上处理的",
     "Remote processing adds the round-trip time of the network to the latency.",
     "远程处理会在时延中增加网络往返时间。"),
    ("verified", "whose origin has been confirmed by a trusted party", "已验证",
     "其来源已由可信方确认的", "Verification is usually based on digital signatures.",
     "验证通常基于数字签名。"),
    ("temporary", "that is discarded at the end of the session in which it was created", "临时",
     "在其创建会话结束时被丢弃的", "Temporary items are not included in backups.",
     "临时项不纳入备份。"),
    ("synchronized", "whose state is kept consistent with a physical counterpart", "同步",
     "其状态与物理对应物保持一致的", "The rate of synchronization depends on the use case.",
     "同步频率取决于使用场景。"),
    ("public", "that every visitor of a virtual world can access", "公共",
     "虚拟世界的所有访问者均能访问的", "Public items are subject to content governance.",
     "公共项受内容治理约束。"),
    ("restricted", "that only its owner and authorized users can access", "受限",
     "仅其所有者和授权用户能够访问的", "Access rights are granted by the owner.",
     "访问权限由所有者授予。"),
    ("composite", "that consists of several components managed as one unit", "复合",
     "由作为一个整体管理的多个组成部分构成的", "The components keep their own identifiers.",
     "各组成部分保留其各自的标识符。"),
    ("derived", "that is produced from one or more other items by a defined transformation",
     "派生", "通过规定的变换由一个或多个其他项生成的",
     "The transformation is recorded with the derived item.", "变换过程与派生项一同记录。"),
    ("anonymous", "that is not linked to the real-world identity of a person", "匿名",
     "不与自然人现实身份关联的", "Anonymity does not exclude the use of pseudonyms.",
     "匿名不排斥使用假名。"),
    ("archived", "that is kept in read-only form after the end of its active use", "归档",
     "在其活跃使用结束后以只读形式保存的", "Archived items are retained for audit purposes.",
     "归档项为审计目的而保留。"),
    ("imported", "that has been received from another platform through an interoperability "
     "gateway", "导入", "通过互操作网关从其他平台接收的",
     "The source platform is recorded with each imported item.", "每个导入项均记录其来源平台。"),
]


@dataclass
class Term:
    en: str
    zh: str
    def_en: str
    def_zh: str
    admitted: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)
    examples: list[tuple[str, str]] = field(default_factory=list)
    source: tuple[str, str] | None = None

    @property
    def anchor(self) -> str:
        return "term-" + slug(self.en)


def _all_terms() -> list[Term]:
    out = []
    for c in CURATED:
        en, zh, den, dzh, adm, nen, nzh, xen, xzh, src, loc = c
        out.append(Term(en, zh, den, dzh, adm, [(nen, nzh)] if nen else [],
                        [(xen, xzh)] if xen else [], (src, loc) if src else None))
    for mod in MODIFIERS:
        for head in HEADS:
            out.append(Term(f"{mod[0]} {head[0]}", f"{mod[2]}{head[1]}", f"{head[0]} {mod[1]}",
                            f"{mod[3]}{head[1]}。", "", [(mod[4], mod[5])], [(head[2], head[3])]))
    return out


TERMS = _all_terms()
FIGURE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="480" height="220"
     viewBox="0 0 480 220">
  <rect x="1" y="1" width="478" height="218" fill="#fff" stroke="#333"/>
  <g font-family="sans-serif" font-size="14" text-anchor="middle">
    <rect x="20" y="30" width="120" height="50" fill="#e8eef8" stroke="#335"/>
    <text x="80" y="60">{a}</text>
    <rect x="180" y="30" width="120" height="50" fill="#e8f4e8" stroke="#353"/>
    <text x="240" y="60">{b}</text>
    <rect x="340" y="30" width="120" height="50" fill="#f8ece0" stroke="#533"/>
    <text x="400" y="60">{c}</text>
    <rect x="100" y="140" width="280" height="50" fill="#f4f4f4" stroke="#333"/>
    <text x="240" y="170">{d}</text>
    <path d="M140 55h40M300 55h40M240 80v60" stroke="#333" fill="none"/>
  </g>
</svg>
"""
SVG_LABELS = {
    "bench-architecture.svg": ("Device", "Platform", "Gateway", "Infrastructure"),
    "bench-flow.svg": ("Sensors", "Client", "Server", "Network"),
    "bench-lifecycle.svg": ("Created", "Transferred", "Archived", "Registry"),
    "bench-layers.svg": ("Application", "Content", "Interaction", "Platform"),
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def write_figures(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (a, b, c, d) in SVG_LABELS.items():
        (folder / name).write_text(FIGURE_SVG.format(a=a, b=b, c=c, d=d), encoding="utf-8")


# --------------------------------------------------------------------------- one draft


@dataclass
class Size:
    words: int
    terms: tuple[int, int]
    clauses: tuple[int, int]  # subclauses per main clause
    paragraphs: tuple[int, int]  # paragraphs per subclause
    annexes: tuple[int, int]
    table_p: float
    figure_p: float
    long: bool = False


NORMAL = Size(WORDS_PER_DRAFT, (4, 10), (2, 4), (1, 3), (0, 2), 0.30, 0.12)
LONG = Size(LONG_WORDS, (55, 65), (3, 5), (2, 5), (2, 2), 0.28, 0.08, long=True)


class DraftWriter:
    """Writes one draft. ``lang`` is "en" (ISO rules) or "zh" (GB rules)."""

    def __init__(self, rng: random.Random, number: int, lang: str, size: Size,
                 figures: str = "figures") -> None:
        self.rng = rng
        self.number = number
        self.lang = lang
        self.zh = lang == "zh"
        self.size = size
        self.figures = figures
        self.cited: dict[str, str] = {}  # base identifier -> full identifier
        self.normative: list[str] = []
        self.anchors: list[str] = []  # clause anchors written so far (for cross-references)
        self.counter = 0
        self.tables = 0
        self.words = 0
        self.topic = rng.choice(TOPICS)
        self.terms_in: set[str] = set()

    # -- small helpers
    def t(self, pair: Sequence[str]) -> str:
        return pair[1] if self.zh else pair[0]

    def next_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter}"

    def fill(self, text: str) -> str:
        r = self.rng
        return text.format(ms=r.choice([10, 20, 50, 100, 200, 500]), hz=r.choice([30, 60, 90, 120]),
                           days=r.choice([30, 90, 180, 365]), k=r.choice(["1000", "5000", "10 000"]),
                           mbit=r.choice([5, 10, 25, 50]))

    def cite(self, ident: str) -> str:
        base = base_ident(ident)
        self.cited.setdefault(base, ident)
        return base

    def count(self, text: str) -> str:
        if self.zh:
            self.words += len(re.findall(r"[\u4e00-\u9fff]", text)) // 2 + len(text.split())
        else:
            self.words += len(text.split())
        return text

    def cap(self, text: str) -> str:
        return text[:1].upper() + text[1:]

    # -- sentences
    def descriptive(self) -> str:
        r = self.rng
        s, v, o = r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS)
        q = self.fill(r.choice(QUALIFIERS)[1 if self.zh else 0])
        kind = r.randrange(6)
        if self.zh:
            if kind == 0:
                return f"在多数部署中，{s[1]}{q}{v[3]}{o[1]}。"
            if kind == 1:
                return f"{self.fill(r.choice(CONDITIONS)[1])}，{s[1]}{v[3]}{o[1]}。"
            if kind == 2:
                a, f = r.choice(ASPECTS), r.choice(FACTORS)
                return f"{o[1]}的{a[1]}取决于{f[1]}。"
            if kind == 3:
                return f"{o[1]}通常由{s[1]}{v[3]}。"
            if kind == 4:
                return self.t(r.choice(BACKGROUND))
            return f"{s[1]}{q}{v[3]}{o[1]}。"
        if kind == 0:
            return f"In most deployments, {s[0]} {v[1]} {o[0]}{q}."
        if kind == 1:
            return f"When {self.fill(r.choice(CONDITIONS)[0])}, {s[0]} {v[1]} {o[0]}."
        if kind == 2:
            a, f = r.choice(ASPECTS), r.choice(FACTORS)
            return f"The {a[0]} of {o[0]} depends on {f[0]}."
        if kind == 3:
            return f"{self.cap(o[0])} are typically {v[2]} by {s[0]}." if o[0].endswith("s") \
                else f"{self.cap(o[0])} is typically {v[2]} by {s[0]}."
        if kind == 4:
            return self.t(r.choice(BACKGROUND))
        return f"{self.cap(s[0])} {v[1]} {o[0]}{q}."

    def provision(self, kind: str = "requirement") -> str:
        r = self.rng
        s, v, o = r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS)
        q = self.fill(r.choice(QUALIFIERS)[1 if self.zh else 0])
        verb = {"requirement": ("shall", "应"), "recommendation": ("should", "宜"),
                "permission": ("may", "可")}[kind]
        form = r.randrange(5) if kind == "requirement" else 0
        if self.zh:
            if form == 1:
                return f"{self.fill(r.choice(CONDITIONS)[1])}，{s[1]}{verb[1]}{v[3]}{o[1]}。"
            if form == 2:
                return f"未经相关用户同意，{s[1]}不应{v[3]}{o[1]}。"
            if form == 3 and self.normative_pool():
                ident = self.cite(r.choice(self.normative_pool()))
                return f"{s[1]}应按照 {ident} 的规定{v[3]}{o[1]}。"
            return f"{s[1]}{verb[1]}{q}{v[3]}{o[1]}。"
        if form == 1:
            return f"When {self.fill(r.choice(CONDITIONS)[0])}, {s[0]} {verb[0]} {v[0]} {o[0]}."
        if form == 2:
            return f"{self.cap(s[0])} shall not {v[0]} {o[0]} without the consent of the user " \
                   "concerned."
        if form == 3 and self.normative_pool():
            ident = self.cite(r.choice(self.normative_pool()))
            return f"{self.cap(s[0])} shall {v[0]} {o[0]} in accordance with {ident}."
        return f"{self.cap(s[0])} {verb[0]} {v[0]} {o[0]}{q}."

    def normative_pool(self) -> list[str]:
        return self.normative

    def paragraph(self, normative: bool, n: tuple[int, int] = (2, 5)) -> str:
        r = self.rng
        sentences = []
        for _ in range(r.randint(*n)):
            if normative and r.random() < 0.45:
                kind = r.choices(["requirement", "recommendation", "permission"], [6, 2, 1])[0]
                sentences.append(self.provision(kind))
            else:
                sentences.append(self.descriptive())
        if normative and self.size.long and r.random() < 0.02:
            sentences[-1] = sentences[-1] + " {#" + self.next_id("req") + "}"
        return self.count(("" if self.zh else " ").join(sentences))

    def note(self, number: int | None) -> str:
        text = self.descriptive()
        if self.zh:
            return self.count(f"注{number or ''}：{text}")
        return self.count(f"NOTE {number} {text}" if number else f"NOTE {text}")

    def example(self) -> str:
        r = self.rng
        s, v, o = r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS)
        q = self.fill(r.choice(QUALIFIERS)[1 if self.zh else 0])
        if self.zh:
            return self.count(f"示例：在工厂调试场景中，{s[1]}{q}{v[3]}{o[1]}。")
        return self.count(f"EXAMPLE In a factory commissioning scenario, {s[0]} {v[1]} {o[0]}{q}.")

    def bullet_list(self, normative: bool) -> str:
        r = self.rng
        s, v = r.choice(SUBJECTS), r.choice(VERBS)
        items = r.sample(OBJECTS, r.randint(3, 5))
        if self.zh:
            lead = f"{s[1]}应{v[3]}以下信息：" if normative else f"{s[1]}通常{v[3]}以下信息："
            body = "\n".join(f"- {o[1]}{'。' if i == len(items) - 1 else '；'}"
                             for i, o in enumerate(items))
        else:
            lead = f"{self.cap(s[0])} {'shall' if normative else 'typically'} " \
                   f"{v[0] if normative else v[1]} the following information:"
            body = "\n".join(f"- {o[0]}{'.' if i == len(items) - 1 else ';'}"
                             for i, o in enumerate(items))
        return self.count(f"{lead}\n\n{body}")

    def table(self, normative: bool) -> list[str]:
        r = self.rng
        anchor = self.next_id("tab")
        kind = r.randrange(3)
        topic = self.t(self.topic)
        topic_l = topic if self.zh else topic[0].lower() + topic[1:]
        if kind == 0:
            caption = f"{topic}的性能目标" if self.zh else f"Performance targets for {topic_l}"
            head = ["参数", "适用类别", "目标值"] if self.zh else \
                ["Parameter", "Application class", "Target value"]
            rows = []
            for p in r.sample(PARAMETERS, r.randint(4, 7)):
                # (GB writes the decimal point, ISO the decimal comma.)
                value = {"ms": r.choice([10, 20, 50, 100]), "Hz": r.choice([60, 72, 90, 120]),
                         "%": "99.9" if self.zh else "99,9", "Mbit/s": r.choice([25, 50, 100]), "s": r.choice([1, 5, 60]),
                         "MB": r.choice([50, 200, 500])}[p[3]]
                rows.append([self.t(p), self.t(r.choice(APP_CLASSES)), f"{p[2]} {value} {p[3]}"])
        elif kind == 1:
            record = self.t(r.choice(OBJECTS))
            caption = f"{record}的数据字段" if self.zh else f"Data fields of {record}"
            head = ["字段", "类型", "说明", "要求"] if self.zh else \
                ["Field", "Type", "Description", "Obligation"]
            rows = [[f"`{f[0]}`", f[1], f[3] if self.zh else f[2], self.t(r.choice(OBLIGATIONS))]
                    for f in r.sample(FIELDS, r.randint(4, 8))]
        else:
            caption = f"{topic}的功能组件" if self.zh else f"Functional components of {topic_l}"
            head = ["组件", "职责", "相关层次"] if self.zh else \
                ["Component", "Responsibility", "Layers concerned"]
            rows = []
            for s in r.sample(SUBJECTS, r.randint(4, 7)):
                v, o = r.choice(VERBS), r.choice(OBJECTS)
                comp = s[1] if self.zh else self.cap(s[0].removeprefix("the ").removeprefix(
                    "each "))
                duty = f"{v[3]}{o[1]}" if self.zh else f"{v[1]} {o[0]}"
                layers = "、".join(r.sample(["应用层", "内容层", "平台层", "网络层"], 2)) \
                    if self.zh else \
                    ", ".join(r.sample(["application", "content", "platform", "network"], 2))
                rows.append([comp, duty, layers])
        if self.zh:
            lead = (f"{r.choice(SUBJECTS)[1]}应满足[](#{anchor})给出的要求。" if normative
                    else f"[](#{anchor})给出了相关信息。")
            cap_line = f"表：{caption} {{#{anchor}}}"
        else:
            lead = (f"{self.cap(r.choice(SUBJECTS)[0])} shall meet the values given in "
                    f"[](#{anchor})." if normative and kind == 0 else
                    f"The {'fields' if kind == 1 else 'entries'} are listed in [](#{anchor}).")
            cap_line = f"Table: {caption} {{#{anchor}}}"
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        self.count(" ".join(" ".join(row) for row in rows))
        return [self.count(lead), cap_line, "\n".join(lines)]

    def figure(self) -> list[str]:
        r = self.rng
        file, en, zh = r.choice(FIGURES)
        anchor = self.next_id("fig")
        topic = self.t(self.topic)
        title = (zh if self.zh else en).format(t=topic if self.zh else topic.lower())
        lead = f"{title}见[](#{anchor})。" if self.zh else \
            f"[](#{anchor}) shows the {title[0].lower()}{title[1:]}."
        return [self.count(lead), f"![{title}]({self.figures}/{file}){{#{anchor}}}"]

    # -- clauses
    def body_blocks(self, normative: bool, paragraphs: tuple[int, int]) -> list[str]:
        r = self.rng
        blocks = [self.paragraph(normative)]
        for _ in range(r.randint(*paragraphs) - 1):
            roll = r.random()
            if roll < 0.18:
                blocks.append(self.bullet_list(normative))
            else:
                blocks.append(self.paragraph(normative))
        if r.random() < self.size.table_p:
            blocks[1:1] = self.table(normative)
        if r.random() < self.size.figure_p:
            blocks[1:1] = self.figure()
        if self.anchors and r.random() < 0.25:
            target = r.choice(self.anchors)
            blocks.append(self.count(f"相关信息见[](#{target})。" if self.zh else
                                     f"Related provisions are given in [](#{target})."))
        notes = r.choices([0, 1, 2], [6, 3, 1])[0]
        for i in range(notes):
            blocks.append(self.note(i + 1 if notes > 1 else None))
        if r.random() < 0.12:
            blocks.append(self.example())
        return blocks

    def heading(self, level: int, title: str, anchor: str | None = None) -> str:
        self.count(title)
        if anchor:
            self.anchors.append(anchor)
            return f"{'#' * level} {title} {{#{anchor}}}"
        return f"{'#' * level} {title}"

    def technical_clause(self, title: tuple[str, str], extra: list[str]) -> list[str]:
        r = self.rng
        out = [self.heading(1, self.t(title), self.next_id("sec"))]
        normative = True
        n_sub = r.randint(*self.size.clauses)
        if n_sub < 2 and not extra:
            out += self.body_blocks(normative, self.size.paragraphs)
            return out
        n_sub = max(n_sub, 2)
        titles = [("General", "总则")] + r.sample(SUB_TITLES, n_sub - 1)
        for i, sub in enumerate(titles):
            out.append(self.heading(2, self.t(sub), self.next_id("sec") if r.random() < 0.6
                                    else None))
            if i == 0 and extra:
                out += [self.count(x) for x in extra]
            if self.size.long and i > 0 and r.random() < 0.3:
                for sub2 in r.sample(SUB_TITLES, 2):
                    out.append(self.heading(3, self.t(sub2)))
                    out += self.body_blocks(normative, self.size.paragraphs)
            else:
                out += self.body_blocks(normative, self.size.paragraphs)
        return out

    def annex(self, normative: bool, anchor: str) -> list[str]:
        r = self.rng
        cls = ".annex .normative" if normative else ".annex .informative"
        title = self.t(r.choice([("Test procedures", "测试程序"), ("Use cases", "使用案例"),
                                 ("Implementation guidance", "实施指南"),
                                 ("Mapping to existing practice", "与现有实践的对应关系"),
                                 ("Data exchange examples", "数据交换示例")]))
        out = [f"# {title} {{{cls} #{anchor}}}"]
        for _ in range(2 if not self.size.long else 4):
            out.append(self.heading(2, self.t(r.choice(SUB_TITLES)), self.next_id("sec")))
            for _ in range(r.randint(*self.size.paragraphs)):
                out.append(self.paragraph(normative))
            if r.random() < self.size.table_p:
                out[-1:-1] = self.table(normative)
        return out

    # -- whole draft
    def front(self) -> str:
        r = self.rng
        stage = r.choices(["WD", "CD", "DIS", "30.20", "NP"], [5, 3, 1, 1, 1])[0]
        topic = self.topic
        part = r.choice(PARTS) if r.random() < 0.5 else None
        number = r.randint(1, 4)
        title_en = f"Metaverse — {topic[0]}" + (f" — Part {number}: {part[0]}" if part else "")
        title_zh = f"元宇宙 {topic[1]}" + (f" 第{number}部分：{part[1]}" if part else "")
        wg = r.choice(WGS)
        editors = []
        for _ in range(r.randint(1, 3)):
            name = r.choice(EDITORS_ZH if self.zh else EDITORS_EN)
            org = self.t(r.choice(ORGS))
            editors.append(f"  - name: {name}\n    organization: {org}")
            if r.random() < 0.5:
                editors.append(f"    email: editor{r.randint(1, 99)}@example.org")
        words = [self.t(s).removeprefix("the ").removeprefix("each ") for s in SUBJECTS]
        keywords = ", ".join(["元宇宙" if self.zh else "metaverse", topic[1] if self.zh
                              else topic[0].lower(), *r.sample(words, 3)])
        month, day = r.randint(1, 12), r.randint(1, 28)
        lines = [
            "---",
            f"id: MVS {self.number}",
            "title:",
            *([f'  zh: "{title_zh}"', f'  en: "{title_en}"'] if self.zh else
              [f'  en: "{title_en}"'] + ([f'  zh: "{title_zh}"'] if r.random() < 0.5 else [])),
            f"language: {self.lang}",
            f"rules: {'gb' if self.zh else 'iso'}",
            f"doctype: {r.choices(['standard', 'technical-specification'], [5, 1])[0]}",
            f"stage: \"{stage}\"" if "." in stage else f"stage: {stage}",
            f"iteration: {r.randint(1, 4)}",
            f"date: 2026-{month:02d}-{day:02d}",
            f"committee: MIIT Metaverse Standardization Working Group, {wg[0]}",
            "editors:",
            *editors,
            f"ics: [\"35.240.{r.choice([99, 30, 70])}\"]",
            f"keywords: [{keywords}]",
        ]
        if stage in ("CD", "DIS"):
            lines += ["ballot:", f"  opens: 2027-{month:02d}-01", f"  closes: 2027-{month:02d}-28",
                      "  line_numbering: continuous"]
        lines.append("---")
        self.wg = wg
        return "\n".join(lines)

    def foreword(self) -> list[str]:
        r = self.rng
        rules = "gb" if self.zh else "iso"
        out = [self.heading(1, "前言" if self.zh else "Foreword", "foreword"),
               self.count(B.DRAFTING_BASIS[rules]), self.count(B.PATENTS[rules])]
        if self.zh:
            out.append(self.count(f"本文件由工业和信息化部元宇宙标准化工作组提出并归口。本文件由{self.wg[1]}"
                                  "负责起草。"))
            out.append(self.count("本文件起草单位：" + "、".join(o[1] for o in r.sample(ORGS, 3))
                                  + "。"))
        else:
            out.append(self.count(f"This document was prepared by the MIIT Metaverse "
                                  f"Standardization Working Group, {self.wg[0]}."))
            if r.random() < 0.5:
                out.append(self.count("The main changes compared to the previous iteration are "
                                      "as follows:\n\n- the requirements on "
                                      f"{r.choice(OBJECTS)[0]} have been revised;\n- a table of "
                                      "performance targets has been added;\n- the terminology "
                                      "has been aligned with MVS 0001."))
        return out

    def introduction(self) -> list[str]:
        r = self.rng
        out = [self.heading(1, "引言" if self.zh else "Introduction", "introduction")]
        for _ in range(r.randint(2, 3)):
            out.append(self.paragraph(False, (3, 5)))
        return out

    def scope(self) -> list[str]:
        r = self.rng
        topic = self.t(self.topic)
        objs = r.sample(OBJECTS, 3)
        if self.zh:
            text = (f"本文件规定了{topic}的要求，包括{objs[0][1]}、{objs[1][1]}和"
                    f"{objs[2][1]}的处理。"
                    f"\n\n本文件适用于元宇宙平台和服务的设计、开发、测试和评价。")
        else:
            text = (f"This document specifies requirements for {topic.lower()}, covering "
                    f"{objs[0][0]}, {objs[1][0]} and {objs[2][0]}.\n\nThis document is "
                    "applicable to the design, development, testing and evaluation of metaverse "
                    "platforms and services.")
        return [self.heading(1, "范围" if self.zh else "Scope", "scope"), self.count(text)]

    def normative_references(self) -> list[str]:
        r = self.rng
        rules = "gb" if self.zh else "iso"
        out = [self.heading(1, "规范性引用文件" if self.zh else "Normative references",
                            "normative-references")]
        if not self.normative:
            return out + [self.count(B.NORMREF_NONE[rules])]
        out.append(self.count(B.NORMREF_LEAD[rules]))
        items = []
        for ident in self.normative:
            items.append("- " + self.ref_item(ident) + (f" {{#ref-{slug(ident)}}}"
                                                        if r.random() < 0.5 else ""))
        return out + ["\n".join(items)]

    def ref_item(self, ident: str) -> str:
        _, en, zh = DOC_BY_ID[ident]
        if self.zh:
            return f"{ident} {zh or en}"
        return f"{ident}, *{en}*"

    def terms_clause(self) -> list[str]:
        r = self.rng
        count = r.randint(*self.size.terms)
        chosen = r.sample(TERMS, count)
        self.terms_in = {t.en for t in chosen}
        out = [self.heading(1, "术语和定义" if self.zh else "Terms and definitions", "terms")]
        first = self.normative[0] if self.normative else None
        if self.zh:
            lead = f"{self.cite(first)}界定的以及下列术语和定义适用于本文件。" if first \
                else "下列术语和定义适用于本文件。"
            out.append(self.count(lead))
        else:
            lead = (f"For the purposes of this document, the terms and definitions given in "
                    f"{self.cite(first)} and the following apply." if first else
                    "For the purposes of this document, the following terms and definitions "
                    "apply.")
            out += [self.count(lead), B.TERMS_DB,
                    "\n".join(f"- {item}" for item in B.TERMS_DB_ITEMS)]
        for term in chosen:
            out += self.term_entry(term)
        return out

    def term_entry(self, term: Term) -> list[str]:
        r = self.rng
        out = [self.heading(2, term.zh if self.zh else term.en) + f" {{#{term.anchor}}}"]
        attrs = []
        if self.zh:
            attrs.append(f"en: {term.en}")
        if term.admitted:
            attrs.append(f"admitted: {term.admitted}")
        out += attrs
        out.append(self.count(self.link_terms(term.def_zh if self.zh else term.def_en, term)))
        for i, ex in enumerate(term.examples):
            text = self.t(ex)
            out.append(self.count(f"示例：{text}" if self.zh else f"EXAMPLE {text}"))
            del i
        notes = list(term.notes)
        if notes and r.random() < 0.3:
            s, v, o = r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS)
            notes.append((f"In practice, {s[0]} {v[1]} {o[0]}.", f"实践中，{s[1]}{v[3]}{o[1]}。"))
        for i, note in enumerate(notes, 1):
            text = self.t(note)
            if self.zh:
                out.append(self.count(f"注{i if len(notes) > 1 else ''}：{text}"))
            else:
                out.append(self.count(f"Note {i} to entry: {text}"))
        if term.source:
            ident, loc = term.source
            self.cite(ident)
            out.append(f"[来源：{ident}，{loc}，有修改]" if self.zh else
                       f"[SOURCE: {ident}, {loc}, modified — Note 1 to entry has been added]")
        return out

    def link_terms(self, text: str, term: Term) -> str:
        """Link the first mention of another term of this draft (plain text stays the same)."""
        for other in TERMS[: len(CURATED)]:
            if other.en == term.en or other.en not in self.terms_in:
                continue
            word = other.zh if self.zh else other.en
            if self.zh and word in text:
                return text.replace(word, f"[{word}](#{other.anchor})", 1)
            if not self.zh:
                m = re.search(rf"\b{re.escape(word)}s?\b", text)
                if m:
                    return text[: m.start()] + f"[{m.group(0)}](#{other.anchor})" + text[m.end():]
        return text

    def symbols(self) -> list[str]:
        r = self.rng
        items = sorted(r.sample(ABBREVIATIONS, r.randint(4, 8)), key=lambda a: a[0].lower())
        title = "符号和缩略语" if self.zh else "Symbols and abbreviated terms"
        lead = "下列缩略语适用于本文件。" if self.zh else \
            "For the purposes of this document, the following abbreviated terms apply."
        return [self.heading(1, title, "symbols"), self.count(lead),
                self.count("\n".join(f"- {a}: {b}" for a, b in items))]

    def bibliography(self) -> list[str]:
        r = self.rng
        normative = {base_ident(n) for n in self.normative}
        listed = [ident for base, ident in self.cited.items() if base not in normative]
        pool = ZH_DOCS if self.zh else [d[0] for d in DOCS]
        extra = [d for d in r.sample(pool, 2) if d not in self.normative and d not in listed]
        listed += extra
        if not listed:
            return []
        items = [f"- {self.ref_item(i)}" for i in listed]
        return [self.heading(1, "参考文献" if self.zh else "Bibliography", "bibliography"),
                "\n".join(items)]

    def render(self) -> str:
        r = self.rng
        pool = ZH_DOCS if self.zh else [d[0] for d in DOCS]
        if r.random() < 0.9:
            self.normative = r.sample(pool, r.randint(1, 3))
            if self.zh and "GB/T 5271.1—2000" not in self.normative and r.random() < 0.6:
                self.normative.insert(0, "GB/T 5271.1—2000")
            if not self.zh and "ISO/IEC 2382:2015" not in self.normative and r.random() < 0.6:
                self.normative.insert(0, "ISO/IEC 2382:2015")
        parts: list[str] = [self.front()]
        parts += self.foreword()
        if r.random() < 0.7 or self.size.long:
            parts += self.introduction()
        parts += self.scope()
        normrefs_at = len(parts)
        parts += self.terms_clause()
        if r.random() < 0.3 or self.size.long:
            parts += self.symbols()
        n_annex = r.randint(*self.size.annexes)
        annex_kinds = [r.random() < 0.4 for _ in range(n_annex)]
        annex_ids = [self.next_id("annex") for _ in range(n_annex)]
        annex_parts: list[str] = []
        for normative, anchor in zip(annex_kinds, annex_ids, strict=True):
            annex_parts += self.annex(normative, anchor)
        # Every normative reference must be cited: the first clause cites them all.
        citing = []
        for ident in self.normative:
            s, v, o = r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS)
            base = self.cite(ident)
            citing.append(f"{s[1]}应按照 {base} 的规定{v[3]}{o[1]}。" if self.zh else
                          f"{self.cap(s[0])} shall {v[0]} {o[0]} in accordance with {base}.")
        for normative, anchor in zip(annex_kinds, annex_ids, strict=True):
            if self.zh:
                citing.append(f"测试程序见[](#{anchor})。" if normative else
                              f"补充信息见[](#{anchor})。")
            else:
                citing.append(f"Conformance shall be tested as specified in [](#{anchor})."
                              if normative else f"Additional guidance is given in [](#{anchor}).")
        spread = 1.0 if self.size.long else max(0.6, min(1.4, r.gauss(1.0, 0.15)))
        target = self.size.words * spread
        titles = r.sample(CLAUSE_TITLES, len(CLAUSE_TITLES))
        clauses: list[str] = []
        i = 0
        while i < 2 or self.words < target:
            title = titles[i % len(titles)]
            if i >= len(titles):
                k = i // len(titles) + 1
                title = (f"{title[0]} ({k})", f"{title[1]}（{k}）")
            clauses += self.technical_clause(title, citing if i == 0 else [])
            i += 1
        # Documents named in fixed texts (notes, sources) are cited too: list them.
        for m in IDENT_RE.finditer("\n\n".join(parts + clauses + annex_parts)):
            base = base_ident(m.group(0))
            full = next((d[0] for d in DOCS if base_ident(d[0]) == base), None)
            if full:
                self.cite(full)
        parts[normrefs_at:normrefs_at] = self.normative_references()
        parts += clauses + annex_parts + self.bibliography()
        return "\n\n".join(parts) + "\n"


def draft_text(seed: int, index: int, lang: str | None = None,
               size: Size = NORMAL) -> tuple[str, str]:
    """(language, Markdown) of draft ``index`` of the corpus with ``seed``."""
    rng = random.Random(f"{seed}:{index}")
    if lang is None:
        lang = "zh" if rng.random() < ZH_SHARE else "en"
    return lang, DraftWriter(rng, 1000 + index, lang, size).render()


def corpus(folder: Path | str, n: int, seed: int = 1) -> list[Path]:
    """Write ``n`` drafts into ``folder`` and the figures they use into ``folder/figures``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_figures(folder / "figures")
    out = []
    for i in range(n):
        lang, text = draft_text(seed, i)
        path = folder / f"mvs-{1000 + i:04d}{'-zh' if lang == 'zh' else ''}.md"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def long_draft(path: Path | str, seed: int = 1, lang: str = "en", words: int = LONG_WORDS) -> Path:
    """One ~100-page draft (about 45 000 words) and its figures beside it in figures/."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_figures(path.parent / "figures")
    rng = random.Random(f"{seed}:long")
    size = LONG if words == LONG_WORDS else replace(
        LONG, words=words, terms=(max(4, LONG.terms[0] * words // LONG_WORDS),
                                  max(6, LONG.terms[1] * words // LONG_WORDS)))
    path.write_text(DraftWriter(rng, 9000, lang, size).render(), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- comments

COMMENT_TEXTS: list[tuple[str, str]] = [
    ("The requirement does not state who verifies {o}.", "State the responsible component."),
    ("The value given for the latency is not achievable with current devices.",
     "Relax the target value to 50 ms."),
    ("The term is used before it is defined.", "Add a cross-reference to the term entry."),
    ("The note contains information that reads like a requirement.",
     "Move the sentence into the body text."),
    ("Typographical error in the second sentence.", "Correct the spelling."),
    ("The relationship with ISO/IEC 23090-14 is unclear.", "Add an informative note."),
    ("The table omits {o}.", "Add a row for {o}."),
    ("The clause duplicates provisions of another clause.", "Merge the two clauses."),
]
MEMBERS = ["CN-CESI", "CN-SAC", "DE-DIN", "FR-AFNOR", "GB-BSI", "JP-JISC", "KR-KATS", "US-ANSI",
           "IT-UNI", "SE-SIS", "CH-SNV", "NL-NEN", "ORG-XRA", "ORG-KHR", "ORG-OMA3"]


def comments(folder: Path | str, draft: Path | str, n: int, seed: int = 1,
             per_file: int = 200) -> list[Path]:
    """Write ``n`` reviewer comments on ``draft`` as YAML files under ``folder``.

    The files follow FORMAT.md: ``folder/<draft stem>/<stage><iteration>/<member>.yaml``, one
    per member, ``per_file`` comments each; clauses are real locators of the draft.
    """
    from build_tools.parse import parse_file

    rng = random.Random(f"{seed}:comments")
    model = parse_file(Path(draft))
    stage = str(model.meta.get("stage", "WD"))
    iteration = int(model.meta.get("iteration", 1))
    locators = [loc for loc in model.locators if loc] or ["General"]
    lines_total = max(model.text.count("\n"), 10)
    base = Path(folder) / Path(draft).stem / f"{stage}{iteration}"
    base.mkdir(parents=True, exist_ok=True)
    out = []
    files = (n + per_file - 1) // per_file
    for f in range(files):
        member = MEMBERS[f % len(MEMBERS)] + ("" if f < len(MEMBERS) else f"-{f // len(MEMBERS)}")
        count = min(per_file, n - f * per_file)
        lines = [f"document: {model.id}", f"stage: {stage}", f"iteration: {iteration}",
                 f"member: {member}", "comments:"]
        for k in range(count):
            text, change = rng.choice(COMMENT_TEXTS)
            o = rng.choice(OBJECTS)[0]
            lines += [f"  - id: {member}-{k + 1:03d}",
                      f"    line: {rng.randint(1, lines_total)}",
                      f"    clause: \"{rng.choice(locators)}\"",
                      f"    element: {rng.choice(['paragraph', 'table', 'note', 'figure'])}",
                      f"    type: {rng.choice(['ge', 'te', 'te', 'ed'])}",
                      f"    comment: \"{text.format(o=o)}\"",
                      f"    proposed_change: \"{change.format(o=o)}\""]
        path = base / f"{member}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out.append(path)
    return out


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gen.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("corpus", help="N drafts in DIR")
    p.add_argument("dir", type=Path)
    p.add_argument("n", type=int)
    p.add_argument("--seed", type=int, default=1)
    p = sub.add_parser("long", help="one ~100-page draft")
    p.add_argument("file", type=Path)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lang", choices=["en", "zh"], default="en")
    p.add_argument("--words", type=int, default=LONG_WORDS)
    p = sub.add_parser("comments", help="N reviewer comments on DRAFT under DIR")
    p.add_argument("dir", type=Path)
    p.add_argument("draft", type=Path)
    p.add_argument("n", type=int)
    p.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.cmd == "corpus":
        paths = corpus(args.dir, args.n, args.seed)
        size = sum(p.stat().st_size for p in paths)
        print(f"wrote {len(paths)} drafts ({size / 1e6:.1f} MB) to {args.dir}", file=sys.stderr)
    elif args.cmd == "long":
        path = long_draft(args.file, args.seed, args.lang, args.words)
        words = len(path.read_text(encoding="utf-8").split())
        print(f"wrote {path} ({words} words)", file=sys.stderr)
    else:
        paths = comments(args.dir, args.draft, args.n, args.seed)
        print(f"wrote {args.n} comments in {len(paths)} files under {args.dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
