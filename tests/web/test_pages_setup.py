"""The office's set-up pages: resolutions, targets, tasks, the catalogue and API tokens.
Every refusal comes back next to its field in Vietnamese; only the office may set up."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from chitieu.core.choices import Comparator, DocumentKind, ResolutionStatus
from chitieu.org.models import ApiToken, Person, Unit
from chitieu.plans.models import Indicator, Resolution, Target, Term
from chitieu.setup.plans import TargetForm
from chitieu.tasks.models import Task
from tests.personas import make_cast
from tests.web.pages_world import build_world
from tests.web.test_pages_dashboard import _queries
from tests.web.test_reading_pages import reading_of

NEW_RESOLUTION = {
    "code": "hp-2026", "number": "05-NQ/TU", "title": "Nghị quyết về nhiệm vụ năm 2026", "issuer": "hai-phong",
    "issued_on": "2025-12-20", "kind": "yearly", "period": "2026", "status": "draft", "source_ref": "",
    "source_text": "1. Tốc độ tăng trưởng GRDP đạt 11% trở lên.",
}


def field_error(body: str, field: str) -> str:
    """The text of the message shown under `field` ('' when there is none)."""
    marker = f'id="error-{field}"'
    if marker not in body:
        return ""
    return body.split(marker, 1)[1].split(">", 1)[1].split("</div>", 1)[0]


def target_data(world, **kw):
    return {"number": "1", "indicator": world.growth.code, "comparator": ">=", "value": "11,5", "unit": "",
            "period": "", "term_aggregation": "", "baseline": "", "baseline_value": "",
            "lead_unit": world.dept.code, "leader": "", "clause": "", "order": "", "confirmed": "on", **kw}


# ---- access ----------------------------------------------------------------------------------

SETUP_PAGES = [
    ("web:setup", []), ("web:setup-resolution-new", []), ("web:setup-resolution", ["hp-2021"]),
    ("web:setup-target-new", ["hp-2021"]), ("web:setup-task-new", []), ("web:setup-task", ["nv-khu-kinh-te"]),
    ("web:setup-indicators", []), ("web:setup-indicator-new", []), ("web:setup-indicator", ["thu-ngan-sach"]),
    ("web:setup-tokens", []), ("web:setup-people", []), ("web:setup-person-new", []), ("web:setup-term-new", []),
    ("web:setup-units", []), ("web:setup-unit-new", []), ("web:setup-unit", ["cuc-thong-ke"]),
]


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "dept_reporter", "viewer"])
@pytest.mark.parametrize("name, args", SETUP_PAGES)
def test_only_the_office_opens_the_set_up_pages_others_meet_the_vietnamese_403(world, as_user, persona, name, args):
    response = as_user(world.users[persona]).get(reverse(name, args=args))
    assert response.status_code == 403
    assert "Chỉ Văn phòng được thiết lập" in response.content.decode()


@pytest.mark.parametrize("name, args", SETUP_PAGES)
def test_the_office_opens_every_set_up_page(world, as_user, name, args):
    assert as_user(world.users["office"]).get(reverse(name, args=args)).status_code == 200


@pytest.mark.parametrize("name, args", SETUP_PAGES)
def test_a_login_without_an_account_is_refused_and_a_superuser_sets_up(world, as_user, name, args):
    url = reverse(name, args=args)
    assert as_user(world.users["outsider"]).get(url).status_code == 403
    assert as_user(world.users["superuser"]).get(url).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(world, as_user):
    response = as_user(None).get(reverse("web:setup"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "viewer"])
def test_no_one_but_the_office_can_write_through_the_pages(world, as_user, persona):
    client = as_user(world.users[persona])
    assert client.post(reverse("web:setup-resolution-new"), NEW_RESOLUTION).status_code == 403
    assert client.post(reverse("web:setup-target-new", args=["hp-2021"]), target_data(world, number="9")).status_code == 403
    assert client.post(reverse("web:setup-tokens"), {"name": "x"}).status_code == 403
    assert not Resolution.objects.filter(code="hp-2026").exists()
    assert not Target.objects.filter(number="9").exists() and not ApiToken.objects.exists()


def test_the_navigation_shows_set_up_to_the_office_only(world, as_user):
    assert "Thiết lập</a>" in as_user(world.users["office"]).get("/").content.decode()
    assert "Thiết lập</a>" not in as_user(world.users["leader"]).get("/").content.decode()


# ---- resolutions ---------------------------------------------------------------------------

def test_the_office_creates_a_resolution_with_its_kind_status_and_history(world, as_user):
    response = as_user(world.users["office"]).post(reverse("web:setup-resolution-new"), NEW_RESOLUTION)
    assert response.status_code == 302 and response["Location"] == reverse("web:setup-resolution", args=["hp-2026"])
    r = Resolution.objects.get(code="hp-2026")
    assert (r.number, r.issuer, r.kind, r.status, r.period) == ("05-NQ/TU", world.city, "yearly", "draft", "2026")
    assert r.source_text.startswith("1. Tốc độ")
    entry = r.history.get()
    assert entry.history_user == world.users["office"] and entry.history_type == "+"


@pytest.mark.parametrize("change, field, message", [
    ({"code": ""}, "code", "bắt buộc"),
    ({"code": "hp-2021"}, "code", "đã tồn tại"),
    ({"issuer": "khong-co"}, "issuer", "Không có mục «khong-co»"),
    ({"period": "quý 9/2026"}, "period", "quý 9/2026"),
    ({"kind": "congress"}, "term", "Nghị quyết Đại hội cần chọn nhiệm kỳ."),
    ({"issued_on": "2025-02-30"}, "issued_on", "ngày"),
])
def test_a_refused_resolution_shows_the_message_next_to_its_field_and_writes_nothing(world, as_user, change, field, message):
    response = as_user(world.users["office"]).post(reverse("web:setup-resolution-new"), {**NEW_RESOLUTION, **change})
    assert response.status_code == 422
    assert message.casefold() in field_error(response.content.decode(), field).casefold()
    assert Resolution.objects.count() == 1


def test_a_resolution_moves_forward_draft_in_force_closed_but_never_back(world, as_user):
    client = as_user(world.users["office"])
    client.post(reverse("web:setup-resolution-new"), NEW_RESOLUTION)
    page = reverse("web:setup-resolution", args=["hp-2026"])
    assert client.post(page, {**NEW_RESOLUTION, "status": "closed"}).status_code == 422
    assert client.post(page, {**NEW_RESOLUTION, "status": "in_force"}).status_code == 302
    back = client.post(page, {**NEW_RESOLUTION, "status": "draft"})
    assert "chỉ đi tiếp" in field_error(back.content.decode(), "status")
    r = Resolution.objects.get(code="hp-2026")
    assert r.status == ResolutionStatus.IN_FORCE and r.history.count() == 2


def test_a_congress_resolution_is_saved_with_its_term(world, as_user):
    Term.objects.create(code="2025-2030", name="Nhiệm kỳ 2025 - 2030", start_year=2025, end_year=2030)
    response = as_user(world.users["office"]).post(
        reverse("web:setup-resolution-new"),
        {**NEW_RESOLUTION, "kind": "congress", "term": "2025-2030", "period": "2026-2030"},
    )
    assert response.status_code == 302
    assert Resolution.objects.get(code="hp-2026").term.code == "2025-2030"


# ---- targets -------------------------------------------------------------------------------

def test_a_target_takes_the_resolutions_period_the_indicators_unit_and_a_vietnamese_number(world, as_user):
    supporting = [world.commune_a.code, world.commune_b.code]
    leader = world.task_a.leader
    response = as_user(world.users["office"]).post(
        reverse("web:setup-target-new", args=["hp-2021"]),
        target_data(world, number="4a", supporting_units=supporting, leader=str(leader.pk), baseline="năm 2020"),
    )
    assert response.status_code == 302
    t = Target.objects.get(resolution=world.resolution, number="4a")
    assert (t.value, t.unit, t.period, t.lead_unit, t.leader) == (11.5, "%", "2021", world.dept, leader)
    assert {u.code for u in t.supporting_units.all()} == set(supporting)
    assert t.order == 4 and t.confirmed and t.history.count() >= 1


@pytest.mark.parametrize("change, field, message", [
    ({"number": "2"}, "number", "Nghị quyết đã có chỉ tiêu số «2»"),
    ({"number": "mục 5"}, "number", "không đúng dạng"),
    ({"value": "mười"}, "value", "không phải là một số"),
    ({"comparator": "range"}, "value_max", "cần giá trị tối đa"),
    ({"comparator": "range", "value_max": "10"}, "value_max", "nhỏ hơn giá trị tối thiểu"),
    ({"value_max": "20"}, "value_max", "Chỉ chỉ tiêu dạng khoảng"),
    ({"unit": "tỷ đồng"}, "unit", "tỷ đồng"),
    ({"term_aggregation": "average"}, "term_aggregation", "cả giai đoạn"),
    ({"indicator": "khong-co"}, "indicator", "Không có mục «khong-co»"),
    ({"comparator": "increase_by", "baseline_value": "0"}, "baseline_value", ""),
])
def test_a_refused_target_shows_the_message_next_to_its_field(world, as_user, change, field, message):
    before = Target.objects.count()
    response = as_user(world.users["office"]).post(
        reverse("web:setup-target-new", args=["hp-2021"]), target_data(world, **change)
    )
    assert response.status_code == 422
    shown = field_error(response.content.decode(), field)
    assert shown and message.casefold() in shown.casefold()
    assert Target.objects.count() == before


def test_a_draft_target_read_from_a_document_is_completed_and_confirmed_in_its_form(world, as_user):
    draft = Target.objects.create(resolution=world.resolution, indicator=world.growth, number="7",
                                  comparator=Comparator.EQ, value=10, unit="%", period="2021", confirmed=False)
    client = as_user(world.users["office"])
    page = client.get(reverse("web:setup-resolution", args=["hp-2021"])).content.decode()
    assert reverse("web:setup-target", args=[draft.pk]) in page and "Hoàn thiện" in page
    response = client.post(reverse("web:setup-target", args=[draft.pk]),
                           target_data(world, number="7", value="10,5", lead_unit=world.commune_a.code))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.confirmed and draft.value == 10.5 and draft.lead_unit == world.commune_a
    assert draft.history.first().history_change_reason == "Sửa chỉ tiêu trên trang thiết lập"


# ---- tasks, catalogue, tokens --------------------------------------------------------------

def test_the_office_creates_a_task_with_its_lead_unit_deadline_and_clause(world, as_user):
    response = as_user(world.users["office"]).post(reverse("web:setup-task-new"), {
        "code": "nv-cang", "title": "Khởi công cảng Nam Đồ Sơn", "resolution": "hp-2021",
        "lead_unit": world.dept.code, "deadline": "2026-06-30", "clause": "Khởi công cảng trước 30/6/2026.",
        "confirmed": "on",
    })
    assert response.status_code == 302
    task = Task.objects.get(code="nv-cang")
    assert task.lead_unit == world.dept and str(task.deadline) == "2026-06-30" and task.resolution == world.resolution


def test_a_task_without_a_title_is_refused_next_to_the_title(world, as_user):
    response = as_user(world.users["office"]).post(reverse("web:setup-task-new"), {"code": "nv-x", "title": ""})
    assert response.status_code == 422 and "bắt buộc" in field_error(response.content.decode(), "title")


def test_the_catalogue_refuses_a_plausible_range_upside_down(world, as_user):
    response = as_user(world.users["office"]).post(reverse("web:setup-indicator-new"), {
        "code": "ho-ngheo-moi", "name": "Số hộ nghèo", "category": "society", "unit": "hộ", "direction": "lower",
        "aggregation": "last", "unit_aggregation": "sum", "frequency": "year", "plausible_min": "1.000",
        "plausible_max": "10",
    })
    assert response.status_code == 422
    assert "không nhỏ hơn giá trị nhỏ nhất" in field_error(response.content.decode(), "plausible_max")
    assert not Indicator.objects.filter(code="ho-ngheo-moi").exists()


def test_the_office_issues_a_token_from_the_page_and_sees_it_once(world, as_user):
    client = as_user(world.users["office"])
    response = client.post(reverse("web:setup-tokens"), {"user": "xa-a", "name": "Hệ thống xã", "expires_on": ""})
    body = response.content.decode()
    token = ApiToken.objects.get()
    assert token.user == world.users["reporter_a"] and 'data-testid="raw-token">ct_' in body
    assert "ct_" not in client.get(reverse("web:setup-tokens")).content.decode()
    refused = client.post(reverse("web:setup-tokens"), {"user": "xa-a", "name": "", "expires_on": "2020-01-01"})
    assert refused.status_code == 422 and "Cần đặt tên" in field_error(refused.content.decode(), "name")
    client.post(reverse("web:setup-token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked


@pytest.mark.parametrize("value", [1.234, 1.23456, 95000.0, 0.000123, -2.5, 1e15])
def test_a_target_saved_unchanged_from_its_form_keeps_its_value_and_its_related_records(world, as_user, value):
    t = Target.objects.get(resolution=world.resolution, number="2")
    Target.objects.filter(pk=t.pk).update(value=value)
    client = as_user(world.users["office"])
    form = TargetForm(instance=Target.objects.get(pk=t.pk))
    shown = {name: form[name].value() for name in form.fields}  # what the page's inputs hold
    data = {k: ("" if v is None else [str(x) for x in v] if isinstance(v, list) else v) for k, v in shown.items()}
    data["confirmed"] = "on"
    assert client.post(reverse("web:setup-target", args=[t.pk]), data).status_code == 302
    t.refresh_from_db()
    assert t.value == value and t.lead_unit == world.dept and t.resolution == world.resolution


def test_the_edit_form_selects_the_records_already_chosen(world, as_user):
    body = as_user(world.users["office"]).get(reverse("web:setup-resolution", args=["hp-2021"])).content.decode()
    assert '<option value="hai-phong" selected>' in body


def test_a_resolution_drafted_on_the_reading_page_opens_in_the_set_up_forms(db, client):
    cast = make_cast()
    reading = reading_of(cast, kind=DocumentKind.RESOLUTION, unit_key=None, items=1)
    client.force_login(cast.users["office"], backend="django.contrib.auth.backends.ModelBackend")
    client.post(reverse("reading:decide-all", args=[reading.pk]), {"decision": "accept"})
    client.post(reverse("reading:create-drafts", args=[reading.pk]))
    reading.refresh_from_db()
    draft = Target.objects.get(confirmed=False)
    page = client.get(reverse("reading:detail", args=[reading.pk])).content.decode()
    setup_page = reverse("web:setup-resolution", args=[reading.resolution.code])
    assert f'href="{setup_page}"' in page
    body = client.get(setup_page).content.decode()
    assert reverse("web:setup-target", args=[draft.pk]) in body and "Hoàn thiện" in body


def _setup_pages(w) -> dict[str, str]:
    first = Target.objects.get(resolution=w.resolution, number="1")
    return {
        "home": reverse("web:setup"), "resolution": reverse("web:setup-resolution", args=["hp-2021"]),
        "target": reverse("web:setup-target", args=[first.pk]),
        "new target": reverse("web:setup-target-new", args=["hp-2021"]),
        "new task": reverse("web:setup-task-new") + "?nghi_quyet=hp-2021",
        "task": reverse("web:setup-task", args=[w.task_a.code]),
        "catalogue": reverse("web:setup-indicators"), "tokens": reverse("web:setup-tokens"),
        "people": reverse("web:setup-people"), "units": reverse("web:setup-units"),
    }


@pytest.mark.parametrize("grows", ["extra_indicators", "extra_units", "extra_tasks"])
def test_set_up_page_query_counts_do_not_grow_with_targets_units_or_tasks(transactional_db, client, grows):
    small = build_world(**{grows: 3})
    before = {name: _queries(client, small, url) for name, url in _setup_pages(small).items()}
    call_command("flush", interactive=False, verbosity=0)
    big = build_world(**{grows: 9})
    after = {name: _queries(client, big, url) for name, url in _setup_pages(big).items()}
    assert after == before
    assert all(0 < n <= 20 for n in after.values()), after


def test_the_office_adds_a_term_and_a_leader_who_can_then_be_put_in_charge(world, as_user):
    client = as_user(world.users["office"])
    refused = client.post(reverse("web:setup-term-new"), {"code": "2025-2030", "name": "Nhiệm kỳ 2025 - 2030",
                                                          "start_year": "2030", "end_year": "2025"})
    assert refused.status_code == 422
    assert "Năm kết thúc phải sau năm bắt đầu." in field_error(refused.content.decode(), "end_year")
    assert client.post(reverse("web:setup-term-new"), {"code": "2025-2030", "name": "Nhiệm kỳ 2025 - 2030",
                                                       "start_year": "2025", "end_year": "2030"}).status_code == 302
    nameless = client.post(reverse("web:setup-person-new"), {"full_name": "", "title": "Ủy viên"})
    assert "bắt buộc" in field_error(nameless.content.decode(), "full_name")
    assert client.post(reverse("web:setup-person-new"), {
        "full_name": "Trần Thị Phụ Trách", "title": "Ủy viên Ban Thường vụ", "unit": world.city.code,
        "responsible_units": [world.commune_a.code],
    }).status_code == 302
    person = Person.objects.get(full_name="Trần Thị Phụ Trách")
    assert list(person.responsible_units.all()) == [world.commune_a]
    assert {h.history_user for h in person.history.all()} == {world.users["office"]}
    page = client.get(reverse("web:setup-target-new", args=["hp-2021"])).content.decode()
    assert f'<option value="{person.pk}">Trần Thị Phụ Trách (Ủy viên Ban Thường vụ)</option>' in page
    assert "Nhiệm kỳ 2025 - 2030" in client.get(reverse("web:setup-resolution-new")).content.decode()


def test_the_office_adds_a_department_under_the_city_but_never_under_itself(world, as_user):
    client = as_user(world.users["office"])
    new = {"code": "so-tai-chinh", "name": "Sở Tài chính", "short_name": "", "kind": "department",
           "parent": world.city.code, "order": "5", "active": "on"}
    assert client.post(reverse("web:setup-unit-new"), new).status_code == 302
    unit = Unit.objects.get(code="so-tai-chinh")
    assert unit.parent == world.city and unit.is_within(world.city)
    below = client.post(reverse("web:setup-unit-new"), {**new, "code": "phong-ngan-sach", "name": "Phòng Ngân sách",
                                                       "parent": unit.code})
    assert below.status_code == 302
    loop = client.post(reverse("web:setup-unit", args=[unit.code]), {**new, "parent": "phong-ngan-sach"})
    assert loop.status_code == 422
    assert "đơn vị cấp dưới của nó" in field_error(loop.content.decode(), "parent")
    assert Unit.objects.get(code="so-tai-chinh").parent == world.city


def test_a_commune_of_the_national_list_is_shown_not_edited(world, as_user):
    Unit.objects.filter(pk=world.commune_a.pk).update(admin_code=11311)
    client = as_user(world.users["office"])
    url = reverse("web:setup-unit", args=[world.commune_a.code])
    assert "danh mục đơn vị hành chính quốc gia" in client.get(url).content.decode()
    refused = client.post(url, {"code": "xa-an-lao", "name": "Xã Đổi Tên", "kind": "other", "parent": world.city.code,
                                "order": "0", "active": "on"})
    assert refused.status_code == 403
    assert Unit.objects.get(pk=world.commune_a.pk).name == "Xã An Lão"


def test_a_hand_made_unit_cannot_take_a_communes_kind(world, as_user):
    response = as_user(world.users["office"]).post(reverse("web:setup-unit-new"), {
        "code": "xa-moi", "name": "Xã Mới", "kind": "commune", "parent": world.city.code, "order": "0"})
    assert response.status_code == 422 and "commune" in field_error(response.content.decode(), "kind")


def test_the_catalogue_names_the_units_that_report_an_indicator_from_a_day(world, as_user):
    from chitieu.plans.models import Assignment

    client = as_user(world.users["office"])
    page = client.get(reverse("web:setup-indicator", args=["thu-ngan-sach"])).content.decode()
    assert "Đơn vị phải báo cáo" in page and "Báo cáo từ ngày" in page
    data = {"code": "thu-ngan-sach", "name": "Thu ngân sách nhà nước", "category": "economy", "unit": "tỷ đồng",
            "direction": "higher", "aggregation": "sum", "unit_aggregation": "sum", "frequency": "quarter",
            "reporting_units": ["xa-an-lao", "xa-kien-thuy"], "reporting_from": "2021-01-01"}
    assert client.post(reverse("web:setup-indicator", args=["thu-ngan-sach"]), data).status_code == 302
    assert sorted(Assignment.objects.filter(indicator=world.revenue).values_list("unit__code", "valid_from")) == [
        ("xa-an-lao", date(2021, 1, 1)), ("xa-kien-thuy", date(2021, 1, 1))]
    page = client.get(reverse("web:setup-indicator", args=["thu-ngan-sach"])).content.decode()
    assert '<option value="xa-an-lao" selected>' in page and '<option value="xa-kien-thuy" selected>' in page

    data["reporting_units"], data["reporting_from"] = ["xa-an-lao"], "2022-01-01"
    assert client.post(reverse("web:setup-indicator", args=["thu-ngan-sach"]), data).status_code == 302
    assert Assignment.objects.get(indicator=world.revenue, unit=world.commune_b).valid_to == date(2021, 12, 31)


def test_a_bad_reporting_day_is_refused_next_to_its_field_and_nothing_is_assigned(world, as_user):
    from chitieu.plans.models import Assignment

    response = as_user(world.users["office"]).post(reverse("web:setup-indicator", args=["thu-ngan-sach"]), {
        "code": "thu-ngan-sach", "name": "Thu ngân sách nhà nước", "category": "economy", "unit": "tỷ đồng",
        "direction": "higher", "aggregation": "sum", "unit_aggregation": "sum", "frequency": "quarter",
        "reporting_units": ["xa-an-lao"], "reporting_from": "31/02/2021"})
    assert response.status_code == 422 and field_error(response.content.decode(), "reporting_from")
    assert not Assignment.objects.filter(indicator=world.revenue).exists()
