"""Tasks: duties with a deadline, their title, deadline code and lead unit."""

from __future__ import annotations

import pytest

from chitieu.text import extract
from chitieu.text.task_deadlines import DEADLINE_RULES
from chitieu.text.task_units import LEAD_UNIT_RULES, duty_words, subject_of
from chitieu.text.tasks import TASK_SHAPES


def _tasks(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(it.title, it.deadline, it.lead_unit) for it in extract(text) if it.kind == "task"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thành lập Khu kinh tế ven biển phía Nam thành phố Hải Phòng trước năm 2025, đồng thời nghiên cứu quy hoạch cảng Nam Đồ Sơn trước năm 2030.",
            [
                ("Thành lập Khu kinh tế ven biển phía Nam thành phố Hải Phòng", "2025", None),
                ("Nghiên cứu quy hoạch cảng Nam Đồ Sơn", "2030", None),
            ],
        ),
        (
            "Giao Sở Kế hoạch và Đầu tư chủ trì, hoàn thành đề án thu hút đầu tư trong quý III/2023.",
            [("Hoàn thành đề án thu hút đầu tư", "Q3/2023", "Sở Kế hoạch và Đầu tư")],
        ),
        (
            "Phòng Tài nguyên và Môi trường hoàn thành cấp giấy chứng nhận trong quý IV/2022.",
            [("Hoàn thành cấp giấy chứng nhận", "Q4/2022", "Phòng Tài nguyên và Môi trường")],
        ),
        (
            "Đảng ủy giao Ủy ban nhân dân xã chủ trì xây dựng kế hoạch, hoàn thành trước ngày 15/01/2022.",
            [("Xây dựng kế hoạch", "2022-01-15", "Ủy ban nhân dân xã")],
        ),
        # The subject first and the object after the deadline.
        (
            "Sở Kế hoạch và Đầu tư hoàn thành trong quý III/2024 đề án thành lập Trung tâm tài chính quốc tế.",
            [("Hoàn thành đề án thành lập Trung tâm tài chính quốc tế", "Q3/2024", "Sở Kế hoạch và Đầu tư")],
        ),
        (
            "Giao Sở Tài chính chủ trì, hoàn thành trước ngày 30/6/2024 việc rà soát nợ đọng thuế.",
            [("Hoàn thành rà soát nợ đọng thuế", "2024-06-30", "Sở Tài chính")],
        ),
        (
            "Phòng Nội vụ xong trước quý II/2025 hồ sơ sắp xếp đơn vị hành chính, để trình Hội đồng nhân dân.",
            [("Xong hồ sơ sắp xếp đơn vị hành chính", "Q2/2025", "Phòng Nội vụ")],
        ),
        # A directing verb is no part of the unit.
        (
            "Ban Thường vụ Tỉnh ủy chỉ đạo thành lập Ban Chỉ đạo chuyển đổi số, hoàn thành trước quý IV/2024.",
            [("Thành lập Ban Chỉ đạo chuyển đổi số", "Q4/2024", "Ban Thường vụ Tỉnh ủy")],
        ),
        (
            "UBND huyện yêu cầu triển khai phần mềm một cửa điện tử trước ngày 01/9/2024.",
            [("Triển khai phần mềm một cửa điện tử", "2024-09-01", "UBND huyện")],
        ),
    ],
)
def test_duties_with_deadlines_are_tasks(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _tasks(text) == expected


def test_task_items_carry_no_value_and_quote_their_text() -> None:
    text = "Hoàn thành bàn giao mặt bằng trước ngày 30/11/2022."
    (task,) = [it for it in extract(text) if it.kind == "task"]
    assert task.value is None and task.comparator is None
    assert text[task.start : task.end] == task.text
    assert task.to_dict()["deadline"] == "2022-11-30"


def test_a_quantity_with_a_deadline_stays_a_target_not_a_task() -> None:
    items = extract("Phấn đấu thu ngân sách đạt 40.000 tỷ đồng trước năm 2025.")
    assert [it.kind for it in items] == ["target"]


def test_dated_news_without_a_duty_gives_no_task() -> None:
    assert _tasks("Trong quý II/2024, thời tiết thuận lợi.") == []


def test_a_quantity_in_an_assigned_duty_is_a_target_and_the_task_names_it() -> None:
    items = extract("Giao Sở Xây dựng chủ trì, hoàn thành trước năm 2025 việc xây dựng 5.000 căn nhà ở xã hội.")
    (task,) = [it for it in items if it.kind == "task"]
    (target,) = [it for it in items if it.kind != "task"]
    assert (task.title, task.deadline, task.lead_unit) == ("Hoàn thành xây dựng 5.000 căn nhà ở xã hội", "2025", "Sở Xây dựng")
    assert (target.kind, target.value, target.unit) == ("target", 5000, "căn")
    assert "trước" not in target.indicator


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Giao Sở Y tế chủ trì, tiêm vắc xin cho 95% trẻ em trong độ tuổi.", "target"),
        ("Đề nghị Ủy ban nhân dân huyện chỉ đạo cấp 1.200 thẻ bảo hiểm y tế cho hộ cận nghèo.", "target"),
        ("Chậm nhất quý II/2025 hoàn thành 12 công trình thủy lợi.", "target"),
        # Done already: a report, whatever the deadline was.
        ("Sở Xây dựng đã hoàn thành trước năm 2024 việc xây dựng 800 căn nhà ở xã hội.", "result"),
    ],
)
def test_a_duty_assigned_with_a_deadline_or_to_a_unit_is_a_target(text: str, kind: str) -> None:
    assert [it.kind for it in extract(text) if it.kind != "task"] == [kind]


# Every rule of the stage with its own examples: a newcomer adds a rule and its examples in
# chitieu/text/tasks.py, and they are tested here without touching the others.
@pytest.mark.parametrize(
    ("text", "code"),
    [ex for rule in DEADLINE_RULES for ex in rule.examples],
    ids=[f"{rule.name}: {t[:40]}" for rule in DEADLINE_RULES for t, _ in rule.examples],
)
def test_each_deadline_rule_reads_its_examples(text: str, code: str) -> None:
    assert [d for _, d, _ in _tasks(text)] == [code]


@pytest.mark.parametrize(
    ("text", "expected"),
    [ex for shape in TASK_SHAPES for ex in shape.examples],
    ids=[f"{shape.name}: {t[:40]}" for shape in TASK_SHAPES for t, _ in shape.examples],
)
def test_each_task_shape_reads_its_examples(text: str, expected: tuple[str, str, str | None]) -> None:
    assert _tasks(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A day or period without its year takes the document's year.
        ("Tây Ninh, ngày 05/07/2025\nCác địa phương hoàn thành xóa nhà tạm chậm nhất ngày 31/8.", [("Hoàn thành xóa nhà tạm", "2025-08-31", "Các địa phương")]),
        ("Tây Ninh, ngày 05/07/2025\nSở Nông nghiệp hoàn thành bàn giao mặt bằng trong quý III.", [("Hoàn thành bàn giao mặt bằng", "Q3/2025", "Sở Nông nghiệp")]),
        # A bare "hoàn thành" after a semicolon takes the previous clause as its object.
        ("- Đại hội các chi bộ trực thuộc không quá 1 ngày; hoàn thành trước ngày 28/02/2025.", [("Hoàn thành đại hội các chi bộ trực thuộc", "2025-02-28", None)]),
        # Two duties in one sentence: the second starts after the first.
        ("Đến năm 2030, Tuyên Quang là tỉnh phát triển khá; đến năm 2045 là tỉnh phát triển.", [("Tuyên Quang là tỉnh phát triển khá", "2030", None), ("Tỉnh phát triển", "2045", None)]),
        # An organisation's capitalised name keeps its verbs: the first lower-case verb ends it.
        ("Ban Xây dựng Đảng chuẩn bị nội dung sơ kết, báo cáo chậm nhất ngày 25/6/2026.", [("Chuẩn bị nội dung sơ kết, báo cáo", "2026-06-25", "Ban Xây dựng Đảng")]),
        # The count a duty's verb governs stays in the task; a measure is a target.
        ("Các bộ chuẩn bị khởi công đồng loạt 238 công trình vào ngày 19/12/2025.", [("Chuẩn bị khởi công đồng loạt 238 công trình", "2025-12-19", "Các bộ")]),
        # A repeated statement (lead paragraph and body) is one task.
        ("Đại hội cấp huyện hoàn thành trước ngày 25/8/2025.\n\nĐại hội cấp huyện hoàn thành trước ngày 25/8/2025.", [("Đại hội cấp huyện", "2025-08-25", None)]),
    ],
)
def test_deadlines_take_the_documents_year_and_clauses_their_own_words(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _tasks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A time frame opening a report, a source before it, a horizon of a measured target.
        "Báo cáo tại phiên họp cho thấy, trong 9 tháng đầu năm 2025, nhà ở xã hội hoàn thành 20 dự án.",
        "Theo báo cáo của UBND xã, trong năm 2025, xã hoàn thành vượt mức 10/10 chỉ tiêu.",
        "Đến hết tháng 12.2025, giải ngân vốn đầu tư công đạt trên 755.000 tỉ đồng.",
        "Tỉnh phấn đấu nâng cấp các mô hình du lịch cộng đồng, phấn đấu đến năm 2025 đạt từ 4 đến 5 sao.",
        "Ngày 17/4/2026, Ban Thường vụ tổ chức hội nghị giao ban.",
    ],
)
def test_time_frames_and_targets_horizons_are_no_tasks(text: str) -> None:
    assert _tasks(text) == []


# ---- lead units: the clause's subject, then the places LEAD_UNIT_RULES name ----------------


@pytest.mark.parametrize(
    ("clause", "subject"),
    [
        ("Giao Sở Xây dựng chủ trì, phối hợp với UBND các xã khẩn trương hoàn thiện hồ sơ", "Sở Xây dựng"),
        # A name keeps the verbs inside it: none follows a word that can end a name.
        ("Đề nghị Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh đẩy nhanh tiến độ", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"),
        ("Ban Xây dựng Đảng chuẩn bị nội dung sơ kết", "Ban Xây dựng Đảng"),
        ("Sở Nông nghiệp và Môi trường hướng dẫn thủ tục", "Sở Nông nghiệp và Môi trường"),
        ("Ban cán sự đảng UBND tỉnh chỉ đạo xử lý dứt điểm các dự án", "Ban cán sự đảng UBND tỉnh"),
        ("Thủ trưởng các đơn vị trực thuộc báo cáo kết quả", "Thủ trưởng các đơn vị trực thuộc"),
        ("Hội Nông dân xã vận động hội viên hiến đất", "Hội Nông dân xã"),
        # A list of bodies is one subject; a comma never ends it.
        ("UBND các xã Lộc An, Lộc Thành chủ trì vận động các hộ dân", "UBND các xã Lộc An, Lộc Thành"),
        ("Các cấp ủy, tổ chức đảng tổ chức quán triệt sâu sắc Chỉ thị", "Các cấp ủy, tổ chức đảng"),
        ("Các bộ, ngành địa phương cũng đang chuẩn bị tổ chức lễ khánh thành", "Các bộ, ngành địa phương"),
        # The distributive "Mỗi" opens a group of bodies as "Các" does.
        ("Mỗi huyện, thị ủy chỉ đạo tổ chức đại hội điểm", "Mỗi huyện, thị ủy"),
        # After the speaker's directing verb, the body directed; a count of bodies.
        ("Kết luận hội nghị, Chủ tịch UBND tỉnh yêu cầu các xã, phường còn nhà chưa khởi công phải khởi công ngay", "các xã, phường còn nhà chưa khởi công"),
        ("UBND huyện yêu cầu triển khai phần mềm một cửa điện tử", "UBND huyện"),
        ("có 20 địa phương xác định thời gian hoàn thành", "20 địa phương"),
        # A body's head alone is no name.
        ("Cơ quan lập danh sách cử tri giải quyết khiếu nại", "Cơ quan lập danh sách cử tri"),
    ],
)
def test_a_duty_clauses_subject_ends_where_its_predicate_opens(clause: str, subject: str) -> None:
    s = subject_of(clause)
    assert s is not None and clause[s.start : s.end] == subject


@pytest.mark.parametrize(
    "clause",
    ["Tổ chức tổng kết, đánh giá kết quả thực hiện Kế hoạch", "Phấn đấu hoàn thành nhựa hóa tuyến đường liên thôn", "Đại hội Đảng bộ huyện hoàn thành"],
)
def test_a_clause_without_an_agent_has_no_subject(clause: str) -> None:
    assert subject_of(clause) is None


@pytest.mark.parametrize(
    ("predicate", "duty"),
    [
        ("chủ trì, phối hợp với Công an xã xây dựng phương án bảo đảm an ninh", "xây dựng phương án bảo đảm an ninh"),
        ("chủ trì, phối hợp với UBND các xã, phường có dự án đi qua khẩn trương hoàn thiện hồ sơ", "hoàn thiện hồ sơ"),
        ("chỉ đạo hoàn thành đo đạc", "hoàn thành đo đạc"),
        ("theo dõi, đôn đốc việc thực hiện", "theo dõi, đôn đốc việc thực hiện"),
    ],
)
def test_a_duty_is_its_predicate_without_the_leads_role_and_partners(predicate: str, duty: str) -> None:
    assert duty_words(predicate) == duty


@pytest.mark.parametrize(
    ("text", "unit"),
    [ex for rule in LEAD_UNIT_RULES for ex in rule.examples],
    ids=[f"{rule.name}: {t[:40]}" for rule in LEAD_UNIT_RULES for t, _ in rule.examples],
)
def test_each_lead_unit_rule_reads_its_examples(text: str, unit: str) -> None:
    assert [lead for _, _, lead in _tasks(text)] == [unit]


def test_a_bracket_that_states_a_duty_is_no_unit() -> None:
    text = "đại hội đảng bộ xã hoàn thành trong tháng 5.2020 (Đảng bộ xã Tam Thái được chọn tổ chức đại hội điểm, hoàn thành trước ngày 10.3.2020)."
    assert [(d, lead) for _, d, lead in _tasks(text)] == [("T5/2020", None), ("2020-03-10", "Đảng bộ xã Tam Thái")]


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        # A day without its year is the first such day on or after the document's own date.
        ("UBND XÃ A\nA, ngày 20 tháng 12 năm 2025\nPhòng Văn hóa báo cáo kết quả trước ngày 15/1.", "2026-01-15"),
        ("UBND XÃ A\nA, ngày 03 tháng 02 năm 2026\nNgày 20/12/2025, xã đã được công nhận. Phòng Kinh tế hoàn thiện hồ sơ trước 31/10.", "2026-10-31"),
    ],
)
def test_a_day_without_its_year_follows_the_documents_date(text: str, deadline: str) -> None:
    assert [d for _, d, _ in _tasks(text)] == [deadline]


@pytest.mark.parametrize(
    "text",
    [
        # Recurring duties have no one deadline; a fraction after "trước" is no day.
        "Trưởng các thôn báo cáo kết quả về UBND xã trước ngày 05 hằng tháng.",
        "Sở Tài chính tổng hợp, báo cáo tình hình giải ngân định kỳ vào ngày 25 hằng tháng.",
    ],
)
def test_recurring_duties_are_no_tasks(text: str) -> None:
    assert _tasks(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A time frame fronted before a clause given to a unit, or opening with a duty verb.
        ("Trong tháng 5/2026, Văn phòng Đoàn ĐBQH và HĐND tỉnh chuẩn bị các điều kiện phục vụ kỳ họp.", [("Chuẩn bị các điều kiện phục vụ kỳ họp", "T5/2026", "Văn phòng Đoàn ĐBQH và HĐND tỉnh")]),
        ("3. Từ nay đến hết năm 2026, tập trung giải quyết dứt điểm các vụ việc khiếu nại kéo dài.", [("Giải quyết dứt điểm các vụ việc khiếu nại kéo dài", "2026", None)]),
        # A person by their office; an adjunct before the duty is no part of it.
        ("Giao đồng chí Phó Bí thư, Chủ tịch UBND phường chỉ đạo hoàn thành giải phóng mặt bằng trước ngày 31/12/2025.", [("Hoàn thành giải phóng mặt bằng", "2025-12-31", "đồng chí Phó Bí thư, Chủ tịch UBND phường")]),
        ("Các phòng, đơn vị thuộc Sở căn cứ nhiệm vụ được giao xây dựng kế hoạch chi tiết trước ngày 25/5/2026.", [("Xây dựng kế hoạch chi tiết", "2026-05-25", "Các phòng, đơn vị thuộc Sở")]),
        # A verb outside the verb list: the subject ends at a level followed by a lower-case word.
        ("Các Ban của HĐND tỉnh thẩm tra các báo cáo, đề án trình kỳ họp, hoàn thành trước ngày 20/6/2026.", [("Thẩm tra các báo cáo, đề án trình kỳ họp", "2026-06-20", "Các Ban của HĐND tỉnh")]),
        # An elliptical second duty borrows the first one's verb phrase, not its subject.
        (
            "Các bệnh viện phải hoàn thành triển khai bệnh án điện tử trước ngày 31/12/2025; các cơ sở còn lại hoàn thành chậm nhất là ngày 30/9/2026.",
            [("Hoàn thành triển khai bệnh án điện tử", "2025-12-31", "Các bệnh viện"), ("Hoàn thành triển khai bệnh án điện tử", "2026-09-30", "các cơ sở còn lại")],
        ),
    ],
)
def test_fronted_frames_offices_and_elliptical_duties(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _tasks(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A demonstrative subject names the bodies named before it.
        ("Các xã Tân Lập, Tân Hòa và Phú Mỹ chưa đạt chuẩn. Những xã này phải hoàn thành trước ngày 30/6/2026.", ("2026-06-30", "Xã Tân Lập, Tân Hòa và Phú Mỹ")),
        # A unit before a colon opening its line; a person in charge of an area.
        ("6. Các sở, ngành, địa phương: Khẩn trương rà soát, báo cáo trước ngày 20/3/2026.", ("2026-03-20", "Các sở, ngành, địa phương")),
        ("Đề nghị các đồng chí Ủy viên Ban Thường vụ phụ trách địa bàn chỉ đạo hoàn thành đại hội chi bộ trước ngày 15/4/2026.", ("2026-04-15", "các đồng chí Ủy viên Ban Thường vụ phụ trách địa bàn")),
        # "chậm nhất đến hết ngày": the whole limit is the deadline's.
        ("Công an tỉnh hoàn thành chậm nhất đến hết ngày 31/12/2026 việc làm sạch dữ liệu.", ("2026-12-31", "Công an tỉnh")),
        ("7. Xây dựng cơ sở dữ liệu đất đai\n- Trách nhiệm thực hiện: Phòng Văn hóa - Xã hội.\n- Tiến độ: trước ngày 15/7/2026.", ("2026-07-15", "Phòng Văn hóa - Xã hội")),
    ],
)
def test_units_named_before_a_colon_or_by_a_demonstrative(text: str, expected: tuple[str, str]) -> None:
    assert [(d, lead) for _, d, lead in _tasks(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Fields in one line, the duty's own field first.
        (
            "X, ngày 12 tháng 1 năm 2026\n1. Nhiệm vụ: Rà soát thủ tục hành chính nội bộ; Cơ quan chủ trì: Văn phòng UBND tỉnh; Thời hạn: Quý II/2026.",
            [("Rà soát thủ tục hành chính nội bộ", "Q2/2026", "Văn phòng UBND tỉnh")],
        ),
        # The meeting a duty is brought to; an occasion's day.
        ("Ban Tổ chức hoàn thiện Đề án, trình Ban Thường vụ cho ý kiến tại phiên họp tháng 4/2026.", [("Hoàn thiện Đề án, trình Ban Thường vụ cho ý kiến", "T4/2026", "Ban Tổ chức")]),
        ("UBND tỉnh yêu cầu chủ đầu tư và nhà thầu tăng ca, phấn đấu thông xe kỹ thuật vào dịp 2/9/2025.", [("Tăng ca, phấn đấu thông xe kỹ thuật", "2025-09-02", "chủ đầu tư và nhà thầu")]),
        ("UBND tỉnh đề nghị Bộ Xây dựng sớm bố trí vốn để khởi công trong năm 2026.", [("Bố trí vốn để khởi công", "2026", "Bộ Xây dựng")]),
    ],
)
def test_inline_fields_meetings_and_occasions(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _tasks(text) == expected


def test_a_day_before_the_documents_own_date_dates_a_fact_not_a_duty() -> None:
    text = (
        "UBND XÃ A\nA, ngày 25 tháng 9 năm 2025\n"
        "Trong 9 tháng, UBND xã đã hoàn thành bàn giao mặt bằng; tổ chức thành công Đại hội Đảng bộ xã vào ngày 20/7/2025.\n"
        "- Tổ chức Đại hội thể dục thể thao xã vào tháng 11/2025."
    )
    assert [d for _, d, _ in _tasks(text)] == ["T11/2025"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A field's value ends at the next field; fields with no duty are no task.
        (
            "1. Tổ chức tiêm chủng mở rộng\n- Chủ trì: Trung tâm Kiểm soát bệnh tật; phối hợp: các trạm y tế.\n- Thời gian: Từ tháng 3/2026 đến tháng 5/2026.",
            [("Tổ chức tiêm chủng mở rộng", "T5/2026", "Trung tâm Kiểm soát bệnh tật")],
        ),
        ("2. Chủ trì: Sở Y tế; phối hợp: Sở Tài chính; thời gian: quý I/2026.", []),
        ("3. Nâng cấp phần mềm quản lý khám chữa bệnh (Thời gian: quý II/2026).", [("Nâng cấp phần mềm quản lý khám chữa bệnh", "Q2/2026", None)]),
        # A day that comes back each year is no one deadline.
        ("Sở Xây dựng định kỳ báo cáo UBND tỉnh trước ngày 15/6/2026 và 15/12 hằng năm.", []),
    ],
)
def test_fields_ranges_and_recurring_days(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _tasks(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The header says which column is the lead's, whatever noun opens the cell; a row due
        # all year long has no one deadline.
        (
            "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian\n"
            "1 | Tổ chức cuộc thi trực tuyến | Tỉnh đoàn | Báo và Phát thanh, Truyền hình tỉnh | Quý III/2026\n"
            "2 | Theo dõi, định hướng dư luận xã hội | Ban Tuyên giáo | Các đoàn thể | Cả năm",
            [("Tổ chức cuộc thi trực tuyến", "Q3/2026", "Tỉnh đoàn")],
        ),
        # Whoever "Giao" names is given the duty; "Chỉ đạo X ..." is the addressee's.
        ("Giao công chức Văn hóa - Xã hội phối hợp với Đoàn Thanh niên tổ chức Ngày hội đọc sách vào ngày 23/4/2026.", [("Tổ chức Ngày hội đọc sách", "2026-04-23", "công chức Văn hóa - Xã hội")]),
        (
            "UBND xã đề nghị Thủ trưởng các cơ quan, đơn vị:\n1. Rà soát danh sách cán bộ chậm nhất ngày 10/4/2026.\n2. Chỉ đạo bộ phận chuyên môn cập nhật dữ liệu trước ngày 30/4/2026.",
            [
                ("Rà soát danh sách cán bộ", "2026-04-10", "Thủ trưởng các cơ quan, đơn vị"),
                ("Chỉ đạo bộ phận chuyên môn cập nhật dữ liệu", "2026-04-30", "Thủ trưởng các cơ quan, đơn vị"),
            ],
        ),
    ],
)
def test_table_headers_assignments_and_list_lead_ins(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _tasks(text) == expected
