"""The dispatch pack as a Word document in the official-document look (yuanqu.common.docx)."""

from yuanqu.common.docx import OfficialDocument
from yuanqu.common.formatting import money

from .pack import Pack, light_label, percent_text, stage_label

CHINESE_NUMERALS = "一二三四五六七八九十"
ECONOMY_EMPTY = "截至召开日尚无已核定的经济指标数据。"


def _date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "—"


def _owner_deadline(task) -> str:
    return f"{task.owner_text};{_date(task.deadline)}前"


def pack_document(pack: Pack) -> OfficialDocument:
    m = pack.meeting
    doc = OfficialDocument()
    doc.title(f"{m.zone.short_name}{m.month.year}年{m.month.month}月项目建设调度材料")
    state = "(草稿,数据为实时数据)" if pack.live else ""
    doc.subtitle(f"{_date(m.held_on)}{state}")

    sections = []
    changed = [r for r in pack.rows if r.changed]
    if pack.previous:
        summary = (f"与上次调度({pack.previous.month.year}年{pack.previous.month.month}月,{_date(pack.previous.held_on)}召开)相比,"
                   f"本园区纳入调度的项目{len(pack.rows)}个,其中有变化的{len(changed)}个,新纳入调度的{len(pack.new_rows)}个。")
    else:
        summary = f"本园区纳入调度的项目{len(pack.rows)}个。此为首次调度,无上次调度数据可比。"
    summary += f"往次调度议定事项尚未办结的{len(pack.carried)}项,其中逾期{pack.overdue_count}项。"
    doc.paragraph(summary)
    if m.host_id or m.attendees:
        doc.paragraph(f"{('主持人:' + m.host.name + '。') if m.host_id else ''}{('参会人员:' + m.attendees) if m.attendees else ''}")
    if m.notes:
        doc.paragraph(m.notes)

    def heading(text):
        sections.append(text)
        doc.heading(f"{CHINESE_NUMERALS[len(sections) - 1]}、{text}")

    heading("项目推进情况")
    # Light and coordination columns only once those modules give figures (see sources.py).
    with_light = any(r.now.light for r in pack.rows)
    with_coordination = any(r.now.open_coordination is not None for r in pack.rows)
    headers = ["序号", "项目名称", "阶段", "形象进度", "累计完成投资"]
    widths = [8, 34, 18, 18, 20]
    if with_light:
        headers.append("亮灯")
        widths.append(10)
    if with_coordination:
        headers.append("未结协调")
        widths.append(16)
    headers.append("较上次变化")
    widths.append(156 - sum(widths))
    rows, marks = [], []
    for i, r in enumerate(pack.rows, start=1):
        b = r.before
        row = [
            str(i), r.now.name + ("(新)" if r.is_new and pack.previous else ""),
            f"{stage_label(b.stage)}→{stage_label(r.now.stage)}" if b and r.stage_moved else stage_label(r.now.stage),
            f"{percent_text(b.progress)}→{percent_text(r.now.progress)}" if b and r.progress_delta else percent_text(r.now.progress),
            money(r.now.completed_investment),
        ]
        if with_light:
            row.append(light_label(r.now.light).removesuffix("灯"))
        if with_coordination:
            row.append("—" if r.now.open_coordination is None else str(r.now.open_coordination))
        row.append(";".join(r.changes) or ("新纳入调度" if r.is_new and pack.previous else "无变化"))
        rows.append(row)
        marks.append(({2} if r.stage_moved else set()) | ({len(row) - 1} if r.changed else set()))
    doc.table(headers, rows, widths_mm=widths, highlight=marks)
    if pack.gone:
        doc.paragraph("上次调度在列、本次不再在列的项目:" + "、".join(s.name for s in pack.gone) + "。")

    heading("往次议定事项办理情况")
    if pack.carried:
        doc.table(["序号", "议定事项", "会议", "责任单位及时限", "状态"], [
            [str(i), t.task.content, f"{t.task.meeting.month.month}月调度会", _owner_deadline(t.task),
             "逾期未办结" if t.overdue else "办理中"]
            for i, t in enumerate(pack.carried, start=1)
        ], widths_mm=[10, 62, 22, 44, 18], highlight=[{4} if t.overdue else set() for t in pack.carried])
    else:
        doc.paragraph("往次调度议定事项均已办结。")
    if pack.closed_since:
        doc.paragraph("上次调度以来办结:" + ";".join(
            f"{t.task.content}({_date(t.task.closed_on)}{t.task.get_state_display()})" for t in pack.closed_since) + "。")

    heading("本次议定事项")
    if pack.decisions:
        for i, t in enumerate(pack.decisions, start=1):
            doc.paragraph(f"{t.task.content}(责任单位:{t.task.owner_text};完成时限:{_date(t.task.deadline)})",
                          bold_lead=f"{i}. ")
    else:
        doc.paragraph("暂无。")

    heading("经济运行")
    doc.paragraph(pack.economy.bulletin.text if pack.economy else ECONOMY_EMPTY)
    return doc
