"""Finding things (issue 12, Deliver 5): one search over indicators, targets, tasks and
units that ignores marks, case and the usual abbreviations, showing only what the viewer may
see; and the unit tree, each unit linking to what exists for it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from chitieu.core.choices import EntryState, Stage, UnitKind
from chitieu.monitoring.shares import Part, give_shares
from chitieu.plans.models import Target
from chitieu.tasks.models import Task
from tests.factories import make_indicator, make_observation, make_task, make_unit
from tests.web.pages_world import build_world

pytestmark = pytest.mark.django_db


def _find(client, q: str, **headers) -> str:
    response = client.get(reverse("web:find"), {"q": q}, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def insured(world):
    """An insurance indicator with a confirmed target, and a draft one read from a document."""
    bhyt = make_indicator("bao-hiem-y-te", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%")
    Target.objects.create(resolution=world.resolution, indicator=bhyt, number="5", comparator=">=", value=95,
                          unit="%", period="2021", clause="Tỷ lệ dân số tham gia BHYT đạt 95%.", order=5)
    secret = make_indicator("dat-nong-thon-moi", "Số xã đạt chuẩn nông thôn mới", "xã")
    Target.objects.create(resolution=world.resolution, indicator=secret, number="6", comparator=">=", value=9,
                          unit="xã", period="2021", confirmed=False, order=6)
    return world


@pytest.mark.parametrize("query", ["bhyt", "BHYT", "bao hiem y te", "Bảo hiểm Y tế", "tham gia bao hiem"])
def test_the_insurance_indicator_and_its_target_are_found_however_typed(insured, as_user, query):
    body = _find(as_user(insured.users["viewer"]), query)
    assert "Tỷ lệ dân số tham gia bảo hiểm y tế" in body
    assert reverse("web:indicator", args=["bao-hiem-y-te"]) in body
    assert "(5) Tỷ lệ dân số tham gia bảo hiểm y tế" in body  # the resolution's target
    assert "01-NQ/TU" in body


def test_units_and_tasks_are_found_without_marks(world, as_user):
    client = as_user(world.users["reporter_a"])
    body = _find(client, "kien thuy")
    assert "Xã Kiến Thụy" in body and reverse("web:unit", args=["xa-kien-thuy"]) in body
    body = _find(client, "KHU KINH TE")
    assert "Thành lập Khu kinh tế ven biển phía Nam" in body and reverse("web:task", args=["nv-khu-kinh-te"]) in body
    assert "Không tìm thấy kết quả nào cho «cang hang khong»" in _find(client, "cang hang khong")


def test_a_draft_target_is_found_by_the_office_only(insured, as_user):
    for persona in ("viewer", "leader", "reporter_a", "dept_reporter"):
        body = _find(as_user(insured.users[persona]), "ntm")
        assert "Số xã đạt chuẩn nông thôn mới" in body  # the catalogue is everyone's
        assert "(6) Số xã đạt chuẩn nông thôn mới" not in body, persona
    body = _find(as_user(insured.users["office"]), "ntm")
    draft = Target.objects.get(number="6")
    assert "(6) Số xã đạt chuẩn nông thôn mới" in body and "Nháp" in body
    assert reverse("web:setup-target", args=[draft.pk]) in body


def test_a_draft_task_is_found_by_the_office_only(world, as_user):
    Task.objects.create(code="nv-nhap", title="Xây dựng cảng hàng không quốc tế", confirmed=False)
    assert "cảng hàng không" not in _find(as_user(world.users["viewer"]), "cang hang khong")
    assert "Xây dựng cảng hàng không quốc tế" in _find(as_user(world.users["office"]), "cang hang khong")


def test_no_figure_of_any_unit_shows_in_the_results(world, as_user):
    make_observation(world.commune_b, world.revenue, "Q2/2021", 4321.5, stage=Stage.ESTIMATE, state=EntryState.DRAFT)
    body = _find(as_user(world.users["reporter_a"]), "thu ngan sach")
    assert "Thu ngân sách nhà nước" in body
    assert "4321" not in body and "4.321" not in body


def test_the_search_needs_a_reader(world, as_user):
    from tests.factories import make_user

    response = as_user(None).get(reverse("web:find"), {"q": "grdp"})
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    stranger = make_user("khach")
    response = as_user(stranger).get(reverse("web:find"), {"q": "grdp"})
    assert response.status_code == 403
    assert "GRDP" not in response.content.decode()


def test_the_htmx_swap_gets_the_results_alone_and_the_page_gets_the_box(world, as_user):
    client = as_user(world.users["viewer"])
    page = _find(client, "grdp")
    assert 'id="find-results"' in page and 'id="header-q"' in page
    partial = _find(client, "grdp", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="find-results")
    assert "Tốc độ tăng trưởng GRDP" in partial and "<html" not in partial


def test_the_search_box_is_in_every_page_header(world, as_user):
    body = as_user(world.users["reporter_a"]).get(reverse("web:tasks")).content.decode()
    assert f'action="{reverse("web:find")}"' in body and 'id="header-q"' in body


def test_the_search_does_not_grow_in_queries_with_the_data(db, as_user, django_assert_max_num_queries):
    small = build_world()
    client = as_user(small.users["leader"])
    with django_assert_max_num_queries(12) as few:
        _find(client, "xa")
    baseline = len(few.captured_queries)
    for i in range(30):
        make_unit(f"xa-moi-{i}", f"Xã Mới {i}", parent=small.city)
        ind = make_indicator(f"chi-tieu-xa-{i}", f"Số xã đạt chuẩn {i}", "xã")
        Target.objects.create(resolution=small.resolution, indicator=ind, number=f"{20 + i}", comparator=">=",
                              value=1, unit="xã", period="2021", order=20 + i)
        make_task(f"nv-xa-{i}", small.commune_a, supporting=(small.commune_b,), title=f"Nhiệm vụ xã {i}")
    client = as_user(small.users["leader"])
    with django_assert_max_num_queries(baseline) as many:
        body = _find(client, "xa")
    assert "chỉ hiện 20 kết quả khớp nhất" in body  # more than a page of a kind matched
    assert len(many.captured_queries) == baseline


def test_the_unit_tree_groups_the_city_units_and_links_what_exists(world, as_user):
    make_unit("ban-to-chuc", "Ban Tổ chức Thành ủy", kind=UnitKind.PARTY_BODY, parent=world.city)
    make_unit("dac-khu-cat-hai", "Đặc khu Cát Hải", kind=UnitKind.SPECIAL_ZONE, parent=world.city)
    revenue = Target.objects.get(resolution=world.resolution, number="2")
    give_shares(revenue, [Part(world.commune_a, 50000), Part(world.commune_b, 40000)], user=world.users["office"])
    body = as_user(world.users["reporter_a"]).get(reverse("web:units")).content.decode()
    sections = [s.split("</summary>")[0] for s in body.split("<summary>")[1:]]
    assert sections == ["Cơ quan Đảng (3)", "Sở, ban, ngành (1)", "Xã, phường, đặc khu (3)"]
    node_a = body.split('data-unit="xa-an-lao"')[1].split("</li>")[0]
    assert f'{reverse("web:entry")}?don_vi=xa-an-lao' in node_a  # reporter A enters A's figures
    assert reverse("web:shares", args=["hp-2021", "2"]) in node_a
    assert f'{reverse("web:tasks")}?don_vi={world.commune_a.pk}">1 nhiệm vụ' in node_a
    node_b = body.split('data-unit="xa-kien-thuy"')[1].split("</li>")[0]
    assert "Nhập số liệu" not in node_b  # ... but not B's
    assert reverse("web:shares", args=["hp-2021", "2"]) in node_b
    node_zone = body.split('data-unit="dac-khu-cat-hai"')[1].split("</li>")[0]
    assert "giao" not in node_zone and "nhiệm vụ" not in node_zone  # nothing exists for it


def test_the_office_may_enter_every_unit_and_a_viewer_none(world, as_user):
    office = as_user(world.users["office"]).get(reverse("web:units")).content.decode()
    assert office.count(f'{reverse("web:entry")}?don_vi=') == 6
    viewer = as_user(world.users["viewer"]).get(reverse("web:units")).content.decode()
    assert "Nhập số liệu" not in viewer


def test_one_unit_page_shows_its_subtree_and_the_way_up(world, as_user):
    make_unit("thon-dong", "Thôn Đông", kind=UnitKind.OTHER, parent=world.commune_a)
    body = as_user(world.users["viewer"]).get(reverse("web:unit", args=["xa-an-lao"])).content.decode()
    assert "<h1>Xã An Lão</h1>" in body and "Thôn Đông" in body
    assert reverse("web:unit", args=["hai-phong"]) in body  # the way up
    assert "Xã Kiến Thụy" not in body
    assert as_user(world.users["viewer"]).get(reverse("web:unit", args=["khong-co"])).status_code == 404


def test_the_unit_tree_does_not_grow_in_queries_with_the_units(db, as_user, django_assert_max_num_queries):
    w = build_world()
    client = as_user(w.users["reporter_a"])
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("web:units"))
    for i in range(25):
        unit = make_unit(f"xa-moi-{i}", f"Xã Mới {i}", parent=w.city)
        make_unit(f"thon-moi-{i}", f"Thôn {i}", kind=UnitKind.OTHER, parent=unit)
        make_task(f"nv-moi-{i}", unit, supporting=(w.commune_a,))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("web:units")).status_code == 200


def test_the_kind_with_the_best_match_comes_first(world, as_user):
    make_unit("phuong-an-bien", "Phường An Biên", kind=UnitKind.WARD, parent=world.city)
    Task.objects.create(code="nv-de-an-bien", title="Đề án phát triển kinh tế biển")
    body = _find(as_user(world.users["viewer"]), "an bien")
    assert "Đề án phát triển kinh tế biển" in body  # all the words, scattered
    assert body.index('id="find-units"') < body.index('id="find-tasks"')


def test_targets_that_match_alike_keep_their_resolution_order(world, as_user):
    body = _find(as_user(world.users["viewer"]), "ty")
    assert "(3) Tỷ lệ hộ nghèo" in body
    for i in (4, 12):
        ind = make_indicator(f"ty-le-{i}", f"Tỷ lệ số {i}", "%")
        Target.objects.create(resolution=world.resolution, indicator=ind, number=str(i), comparator=">=",
                              value=1, unit="%", period="2021", order=i)
    body = _find(as_user(world.users["viewer"]), "tỉ lệ")
    assert body.index("(3) Tỷ lệ hộ nghèo") < body.index("(4) Tỷ lệ số 4") < body.index("(12) Tỷ lệ số 12")


def test_the_catalogue_filter_matches_as_the_search_does(insured, as_user):
    client = as_user(insured.users["viewer"])
    for q in ("bhyt", "BAO HIEM Y TE", "Bảo hiểm"):
        body = client.get(reverse("web:indicators"), {"q": q}).content.decode()
        assert "Tỷ lệ dân số tham gia bảo hiểm y tế" in body, q
        assert "Thu ngân sách nhà nước" not in body, q
    body = client.get(reverse("web:indicators"), {"q": "ngan sach"}).content.decode()
    assert "Thu ngân sách nhà nước" in body and "bảo hiểm y tế" not in body


@pytest.mark.parametrize("q", ["\x00", "a\x1bb", "x" * 5000, "!!!", "đ"])
def test_an_odd_query_is_answered_not_a_server_error(world, as_user, q):
    response = as_user(world.users["viewer"]).get(reverse("web:find"), {"q": q})
    assert response.status_code in (200, 400)
