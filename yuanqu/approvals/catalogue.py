"""The catalogue a new installation starts with: the usual approvals of an industrial project, and
those of a large public event (the page's 焰火音乐节). The limits are reference defaults in working
days (marked so until an administrator changes them to the local rules)."""

# name, category, department, statutory, promised, before start, commitment allowed, prerequisites, materials
ENGINEERING = [
    ("立项备案", "发展改革部门", 3, 1, True, False, [],
     "项目备案申请表\n企业营业执照\n项目建设内容及投资说明"),
    ("用地预审与选址意见", "自然资源和规划部门", 20, 10, True, False, ["立项备案"],
     "用地预审与选址申请表\n项目备案文件\n勘测定界图\n建设项目用地位置图"),
    ("建设用地规划许可", "自然资源和规划部门", 20, 5, True, False, ["用地预审与选址意见"],
     "建设用地规划许可申请表\n土地出让合同\n规划设计条件"),
    ("建设工程规划许可", "自然资源和规划部门", 20, 7, True, False, ["建设用地规划许可"],
     "建设工程规划许可申请表\n建设工程设计方案\n不动产权证书或土地证明文件"),
    ("施工图审查", "住房和城乡建设部门", 15, 7, True, True, ["建设工程规划许可"],
     "施工图设计文件\n勘察成果文件\n设计单位资质证书"),
    ("消防设计审查", "住房和城乡建设部门", 15, 7, True, False, ["建设工程规划许可"],
     "消防设计审查申请表\n消防设计文件\n建设工程规划许可证"),
    ("施工许可", "住房和城乡建设部门", 7, 3, True, False, ["施工图审查", "消防设计审查"],
     "施工许可申请表\n施工合同\n监理合同\n施工图审查合格书\n建设资金落实承诺书"),
    ("环评审批", "生态环境部门", 30, 15, True, True, ["立项备案"],
     "环境影响报告表(书)\n环评审批申请\n公众参与说明"),
    ("节能审查", "发展改革部门", 20, 10, True, True, ["立项备案"],
     "节能报告\n节能审查申请"),
    ("安全预评价", "应急管理部门", 20, 10, True, False, ["立项备案"],
     "安全预评价报告\n专家评审意见"),
    ("水土保持", "水利部门", 20, 10, True, True, ["用地预审与选址意见"],
     "水土保持方案报告表\n水土保持方案审批申请"),
    ("排污许可", "生态环境部门", 20, 10, False, False, ["环评审批"],
     "排污许可申请表\n环评批复文件\n污染防治设施说明"),
    ("竣工联合验收", "住房和城乡建设部门", 15, 10, False, False, ["施工许可"],
     "竣工验收申请\n竣工图\n各专项验收资料"),
]

EVENT = [
    ("大型群众性活动安全许可", "公安机关", 7, 5, True, False, [],
     "大型群众性活动安全许可申请表\n活动方案及说明\n安全工作方案\n场所管理者同意使用证明"),
    ("焰火燃放许可", "公安机关", 20, 10, True, False, [],
     "焰火燃放许可申请表\n燃放作业方案\n燃放作业单位资质证明\n燃放作业人员资格证明"),
    ("活动场所消防安全检查", "消防救援机构", 10, 5, True, False, [],
     "消防安全检查申请表\n场所平面图\n消防安全制度和预案"),
    ("交通组织方案审批", "公安交通管理部门", 10, 5, True, False, ["大型群众性活动安全许可"],
     "交通组织方案\n停车场及临时停车区示意图"),
    ("临时食品经营备案", "市场监督管理部门", 10, 3, True, True, [],
     "临时食品经营备案表\n食品安全管理制度\n从业人员健康证明"),
]


def seed(ApprovalItem) -> None:
    """Create the default catalogue where missing (by name); entries already there are left as edited."""
    by_name = {}
    order = 0
    for category, rows in (("engineering", ENGINEERING), ("event", EVENT)):
        for name, department, statutory, promised, before_start, commitment, prereqs, materials in rows:
            order += 10
            item, created = ApprovalItem.objects.get_or_create(name=name, defaults=dict(
                category=category, department_name=department, statutory_days=statutory, promised_days=promised,
                before_start=before_start, commitment_allowed=commitment, materials=materials,
                sort_order=order, limits_default=True))
            by_name[name] = item
            if created and prereqs:
                item.prerequisites.set([by_name[p] for p in prereqs])
