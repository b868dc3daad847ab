#!/usr/bin/env python3
"""Converts a registry format-1 file to one of the shipped profile layouts, streaming.

Usage:  Benchmarks/to_layout.py district|flat INPUT.xml OUTPUT.xml

Written for Benchmarks/run.sh: the same firms as INPUT in the layout read by
Profiles/district-bureau.xml (Chinese element names, GB18030, district names, 万元 in every other
year, 是/否, four date forms) or Profiles/flat-firm-year.xml (one <Row> per firm and year, one
attribute per field, no repeated facts — the layout has none). It mirrors the round-trip test's
converter (Tests/LadderImportTests/ProfileConverters.swift), so importing the output through the
profile gives the same firms as importing INPUT (the flat layout without IP, certifications, ...).
Enterprise elements only: platforms, contracts and brokers have no place in these layouts.

Memory stays flat: xml.etree iterparse with each <Enterprise> cleared once written.
"""
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

NS = "{urn:techladder:registry:1}"

DISTRICTS = {
    "370202": "市南区", "370203": "市北区", "370211": "黄岛区", "370212": "崂山区", "370213": "李沧区",
    "370214": "城阳区", "370215": "即墨区", "370281": "胶州市", "370283": "平度市", "370285": "莱西市",
    "370271": "青岛高新技术产业开发区",
}

# Format-1 value -> the district profile's source term (the first <Value> that translates to it).
TERMS = {
    "技术领域": {"electronic-information": "电子信息", "biomedicine": "生物与新医药", "aerospace": "航空航天",
             "new-materials": "新材料", "high-tech-services": "高技术服务", "new-energy": "新能源与节能",
             "resources-environment": "资源与环境", "advanced-manufacturing": "先进制造与自动化"},
    "经营状态": {"active": "存续", "deregistered": "注销"},
    "征收方式": {"actual-profit": "查账征收", "deemed": "核定征收"},
    "知识产权类别": {"I": "I类", "II": "II类"},
    "知识产权种类": {"invention-patent": "发明专利", "plant-variety": "植物新品种", "crop-variety": "国家级农作物品种",
               "new-drug": "国家新药", "tcm-protected": "国家一级中药保护品种", "ic-layout": "集成电路布图设计专有权",
               "utility-model": "实用新型专利", "design": "外观设计专利", "software-copyright": "软件著作权"},
    "获得方式": {"own": "自主研发", "transfer": "受让"},
    "资质类型": {"tech-sme": "科技型中小企业", "high-tech": "高新技术企业", "leading": "科技领军企业"},
    "级别": {"national": "国家级", "provincial": "省级", "municipal": "市级"},
    "标准级别": {"international": "国际标准", "national": "国家标准", "industry": "行业标准", "local": "地方标准",
             "group": "团体标准"},
    "角色": {"lead": "牵头", "participant": "参与", "member": "成员"},
    "不良记录类型": {"major-safety": "重大安全事故", "major-quality": "重大质量事故", "environmental": "严重环境违法",
               "research-misconduct": "科研严重失信", "abnormal-operation": "经营异常名录",
               "serious-dishonesty": "严重失信主体名单", "serious-fraud": "骗取资质"},
    "评分项目": {"ip-advancement": "知识产权先进程度", "ip-core-support": "知识产权核心支持作用",
             "ip-acquisition": "知识产权获得方式", "standards-bonus": "参与标准制定", "rd-management": "研发组织管理",
             "rd-institution": "研发机构建设", "conversion-incentive": "成果转化激励", "talent": "人才培养"},
}

FINANCE = [  # format-1 child, district element, flat attribute, money?
    ("Employees", "从业人员", "employees", False), ("TechStaff", "科技人员", "techStaff", False),
    ("Revenue", "销售收入", "salesRevenue", True), ("TotalIncome", "总收入", "totalIncome", True),
    ("TotalCost", "成本费用总额", "totalCost", True), ("TotalAssets", "资产总额", "totalAssets", True),
    ("NetAssets", "净资产", "netAssets", True), ("RDExpense", "研发费用", "rdExpense", True),
    ("RDExpenseDomestic", "境内研发费用", "rdExpenseDomestic", True),
    ("HighTechRevenue", "高新技术产品收入", "highTechRevenue", True), ("Conversions", "成果转化数", "conversions", False),
]


def term(table, value):
    return TERMS[table].get(value, value)


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def chinese(day):
    y, m, d = day.split("-")
    return f"{y}年{int(m)}月{int(d)}日"


def slashed(day):
    return day.replace("-", "/")


def compact(day):
    return day.replace("-", "")


def wan(yuan_text):
    """Yuan text -> 万元 text exact to the fen (5800, 4612.3456, 0.000001)."""
    value = Decimal(yuan_text.strip()) / 10000
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def child_text(firm, name):
    node = firm.find(NS + name)
    return None if node is None or node.text is None else node.text.strip()


def child_attr(firm, name, attribute):
    node = firm.find(NS + name)
    return None if node is None else node.get(attribute)


def district_firm(firm, index, out):
    w = out.append
    fid = firm.get("id")
    w(f'  <企业 统一社会信用代码="{esc(fid)}">\n')
    w(f"    <企业名称>{esc(child_text(firm, 'Name') or '')}</企业名称>\n")
    code = child_attr(firm, "District", "code") or ""
    w(f"    <所属区市>{code if index % 3 == 0 else DISTRICTS.get(code, code)}</所属区市>\n")
    zone = child_attr(firm, "District", "zone")
    if zone is not None:
        w(f"    <所属园区>{'高新区' if index % 2 == 0 and zone == '370271' else DISTRICTS.get(zone, zone)}</所属园区>\n")
    industry = child_attr(firm, "Industry", "code")
    if industry is not None:
        w(f"    <行业代码>{industry}</行业代码>\n")
    domain = child_text(firm, "TechDomain")
    if domain is not None:
        w(f"    <技术领域>{term('技术领域', domain)}</技术领域>\n")
    registered = child_text(firm, "RegisteredOn")
    if registered is not None:
        w(f"    <成立日期>{[chinese, slashed, compact, str][index % 4](registered)}</成立日期>\n")
    status = child_text(firm, "Status")
    if status is not None:
        w(f"    <经营状态>{term('经营状态', status)}</经营状态>\n")
    resident = child_text(firm, "Resident")
    if resident is not None:
        w(f"    <居民企业>{'是' if resident == 'true' else '否'}</居民企业>\n")
    tax = child_text(firm, "TaxAssessment")
    if tax is not None:
        w(f"    <征收方式>{term('征收方式', tax)}</征收方式>\n")
    for year in firm.iter(NS + "Finance"):
        number = year.get("year")
        in_wan = year.get("unit", "yuan") == "yuan" and (index + int(number)) % 2 == 0
        w(f'    <年度数据 年份="{number}" 金额单位="{"万元" if in_wan or year.get("unit") == "wan-yuan" else "元"}">')
        for source, target, _, money in FINANCE:
            node = year.find(NS + source)
            if node is None or node.text is None:
                continue
            value = node.text.strip()
            if money and in_wan:
                value = wan(value)
            w(f"<{target}>{value}</{target}>")
        w("</年度数据>\n")
    ips = firm.findall(NS + "IP")
    if ips:
        w("    <知识产权清单>\n")
        for ip in ips:
            w(f'      <知识产权 类别="{term("知识产权类别", ip.get("class"))}" 数量="{ip.get("count")}"')
            if ip.get("kind") is not None:
                w(f' 种类="{term("知识产权种类", ip.get("kind"))}"')
            if ip.get("acquired") is not None:
                w(f' 获得方式="{term("获得方式", ip.get("acquired"))}"')
            w("/>\n")
        w("    </知识产权清单>\n")
    certs = firm.findall(NS + "Certification")
    if certs:
        w("    <资质认定>")
        for cert in certs:
            w(f'<资质 类型="{term("资质类型", cert.get("kind"))}" 发证日期="{slashed(cert.get("issued"))}"')
            if cert.get("number") is not None:
                w(f' 证书编号="{esc(cert.get("number"))}"')
            if cert.get("expires") is not None:
                w(f' 有效期至="{compact(cert.get("expires"))}"')
            if cert.get("revoked") is not None:
                w(f' 撤销日期="{chinese(cert.get("revoked"))}"')
            w("/>")
        w("</资质认定>\n")
    for award in firm.findall(NS + "Award"):
        rank = f' 排名="{award.get("rank")}"' if award.get("rank") is not None else ""
        w(f'    <获奖 级别="{term("级别", award.get("level"))}" 年度="{award.get("year")}"{rank}/>\n')
    for inst in firm.findall(NS + "RDInstitution"):
        since = f' 认定日期="{chinese(inst.get("since"))}"' if inst.get("since") is not None else ""
        w(f'    <研发机构 级别="{term("级别", inst.get("level"))}"{since}/>\n')
    for std in firm.findall(NS + "Standard"):
        w(f'    <标准 级别="{term("标准级别", std.get("level"))}" 角色="{term("角色", std.get("role"))}" 年度="{std.get("year")}"/>\n')
    for inc in firm.findall(NS + "Incident"):
        w(f'    <不良记录 类型="{term("不良记录类型", inc.get("kind"))}" 日期="{inc.get("date")}"/>\n')
    for score in firm.findall(NS + "ExpertScore"):
        w(f'    <专家评分 项目="{term("评分项目", score.get("item"))}" 分值="{score.get("points")}"/>\n')
    for cons in firm.findall(NS + "Consortium"):
        w(f'    <创新联合体 角色="{term("角色", cons.get("role"))}" 级别="{term("级别", cons.get("level"))}"/>\n')
    w("  </企业>\n")


def flat_firm(firm, index, out):
    code = child_attr(firm, "District", "code") or ""
    attributes = (f'uscc="{esc(firm.get("id"))}" name="{esc(child_text(firm, "Name") or "")}" '
                  f'county="{code if index % 2 == 0 else DISTRICTS.get(code, code)}"')
    optional = [
        ("zone", child_attr(firm, "District", "zone")), ("industry", child_attr(firm, "Industry", "code")),
        ("domain", child_text(firm, "TechDomain")),
        ("registered", compact(child_text(firm, "RegisteredOn")) if child_text(firm, "RegisteredOn") else None),
        ("status", child_text(firm, "Status")),
        ("resident", {"true": "Y", "false": "N"}.get(child_text(firm, "Resident"))),
        ("taxMode", {"actual-profit": "A", "deemed": "D"}.get(child_text(firm, "TaxAssessment"))),
    ]
    for name, value in optional:
        if value is not None:
            attributes += f' {name}="{esc(value)}"'
    years = firm.findall(NS + "Finance")
    if not years:
        out.append(f"  <Row {attributes}/>\n")
    for year in years:
        scale = Decimal(10000) if year.get("unit") == "wan-yuan" else None
        row = attributes + f' year="{year.get("year")}"'
        for source, _, target, money in FINANCE:
            node = year.find(NS + source)
            if node is None or node.text is None:
                continue
            value = node.text.strip()
            if money and scale is not None:
                value = format(Decimal(value) * scale, "f")
            row += f' {target}="{value}"'
        out.append(f"  <Row {row}/>\n")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("district", "flat"):
        sys.exit(__doc__)
    layout, source, target = sys.argv[1:]
    district = layout == "district"
    encoding = "GB18030" if district else "UTF-8"
    with open(target, "w", encoding=encoding.lower(), newline="\n") as output:
        out = []
        index = 0
        root_done = False
        for event, element in ET.iterparse(source, events=("start", "end")):
            if event == "start":
                if not root_done:
                    root_done = True
                    root = element
                    exported = root.get("exportedAt", "")
                    issuer = esc(root.get("source", ""))
                    output.write(f'<?xml version="1.0" encoding="{encoding}"?>\n')
                    if district:
                        output.write(f'<企业名录 导出日期="{exported}" 填报单位="{issuer}">\n')
                    else:
                        output.write(f'<FirmYearTable exportDate="{compact(exported)}" issuer="{issuer}" '
                                     f'region="{root.get("region", "")}">\n')
                continue
            if element.tag == NS + "Enterprise":
                (district_firm if district else flat_firm)(element, index, out)
                index += 1
                element.clear()
                root.clear()
                if len(out) > 20000:
                    output.write("".join(out))
                    out.clear()
            elif element.tag in (NS + "Platform", NS + "TechContract", NS + "Broker"):
                element.clear()
                root.clear()
        output.write("".join(out))
        output.write("</企业名录>\n" if district else "</FirmYearTable>\n")
    print(f"{index} firms written to {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
