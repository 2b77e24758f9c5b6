"""The document reading pages: who may do what, highlights that escape the text, HTMX rows,
and the form's refusals of bad files."""

from __future__ import annotations

import html as html_lib
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from chitieu.core.choices import Comparator, Decision, DocumentKind, EntryState, ItemKind
from chitieu.monitoring.models import Observation
from chitieu.plans.models import Target
from chitieu.reading.models import DocumentReading, ExtractedItem
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

TEXT = "Năm 2024: thu ngân sách đạt <b>1.200</b> tỷ đồng. <script>alert('x')</script> Hộ nghèo dưới 1,5%."


@pytest.fixture
def cast():
    return make_cast()


def login(persona: str, cast, **kw) -> Client:
    client = Client(**kw)
    client.force_login(cast.users[persona], backend="django.contrib.auth.backends.ModelBackend")
    return client


def reading_of(cast, kind=DocumentKind.REPORT, unit_key="commune_a", items=2) -> DocumentReading:
    reading = DocumentReading.objects.create(
        title="Báo cáo thử", kind=kind, text=TEXT, unit=cast.units[unit_key] if unit_key else None,
        created_by=cast.users["office"], period="2024",
    )
    spans = [(TEXT.index("thu ngân"), TEXT.index(" tỷ đồng.") + len(" tỷ đồng")), (TEXT.index("Hộ nghèo"), len(TEXT) - 1)]
    for n, (start, end) in enumerate(spans[:items], start=1):
        ExtractedItem.objects.create(
            reading=reading, order=n, start=start, end=end, text=TEXT[start:end], kind=ItemKind.RESULT,
            indicator_name="Thu ngân sách", indicator=cast.indicator, comparator=Comparator.EQ,
            value=1200.0 if n == 1 else 1.5, unit="tỷ đồng", period="2024",
        )
    return reading


def test_highlights_escape_the_document_text_and_mark_each_item(cast):
    reading = reading_of(cast)
    response = login("reporter_a", cast).get(reverse("reading:detail", args=[reading.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<b>1.200</b>" not in html
    first = reading.items.get(order=1)
    assert f'id="mark-{first.pk}"' in html
    # The mark holds exactly the item's words, escaped.
    assert "thu ngân sách đạt &lt;b&gt;1.200&lt;/b&gt; tỷ đồng</a></mark>" in html
    assert html.count('data-testid="item-mark"') == 2 and html.count('data-testid="item-row"') == 2


def test_a_viewer_and_a_leader_see_no_form_and_change_nothing(cast):
    reading = reading_of(cast)
    item = reading.items.first()
    for persona in ("viewer", "leader"):
        client = login(persona, cast)
        assert client.get(reverse("reading:new")).status_code == 403
        assert client.post(reverse("reading:new"), {"kind": "report", "text": TEXT}).status_code == 403
        assert client.post(reverse("reading:item-decide", args=[item.pk]), {"decision": "accept"}).status_code == 403
        assert client.post(reverse("reading:item-edit", args=[item.pk]), {"value": "1"}).status_code == 403
        assert client.post(reverse("reading:decide-all", args=[reading.pk])).status_code == 403
        assert client.post(reverse("reading:create-drafts", args=[reading.pk])).status_code == 403
    item.refresh_from_db()
    assert item.decision == Decision.PENDING and not Observation.objects.filter(state=EntryState.DRAFT).exists()
    assert login("leader", cast).get(reverse("reading:detail", args=[reading.pk])).status_code == 200
    assert login("viewer", cast).get(reverse("reading:detail", args=[reading.pk])).status_code == 403


def test_a_reporter_of_one_commune_cannot_read_into_or_open_another(cast):
    client = login("reporter_a", cast)
    response = client.post(reverse("reading:new"), {
        "kind": "report", "text": TEXT, "unit": str(cast.units["commune_b"].pk),
    })
    assert response.status_code == 403
    assert not DocumentReading.objects.exists()
    reading_b = reading_of(cast, unit_key="commune_b")
    assert client.get(reverse("reading:detail", args=[reading_b.pk])).status_code == 403
    item_b = reading_b.items.first()
    assert client.post(reverse("reading:item-decide", args=[item_b.pk]), {"decision": "accept"}).status_code == 403
    assert client.post(reverse("reading:create-drafts", args=[reading_b.pk])).status_code == 403
    listed = client.get(reverse("reading:list")).content.decode()
    assert reverse("reading:detail", args=[reading_b.pk]) not in listed


def test_a_reporter_cannot_read_a_resolution(cast):
    client = login("reporter_a", cast)
    assert client.post(reverse("reading:new"), {"kind": "resolution", "text": TEXT}).status_code == 403
    assert "resolution" not in client.get(reverse("reading:new")).content.decode().split('id="id_kind"')[1].split("</select>")[0]


def test_accepting_an_item_swaps_its_row_and_its_highlight(cast):
    reading = reading_of(cast)
    item = reading.items.get(order=1)
    response = login("reporter_a", cast).post(
        reverse("reading:item-decide", args=[item.pk]), {"decision": "accept"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<tr id="item-{item.pk}"' in html and 'data-decision="accepted"' in html
    assert f'id="mark-{item.pk}"' in html and 'hx-swap-oob="true"' in html and "decision-accepted" in html
    assert "2 mục · 1 chờ xem xét · 1 đã nhận chờ tạo bản nháp · 0 đã thành bản nháp" in html
    item.refresh_from_db()
    assert item.decision == Decision.ACCEPTED


def test_editing_a_row_shows_field_errors_in_the_row_and_saves_good_values(cast):
    reading = reading_of(cast)
    item = reading.items.get(order=1)
    client = login("reporter_a", cast)
    url = reverse("reading:item-edit", args=[item.pk])
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'name="value" value="1.200"' in form  # Vietnamese number, reads back the same
    bad = client.post(url, {"value": "một nghìn", "period": "2024", "kind": "result"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 200 and "«một nghìn» không phải là số" in bad.content.decode()
    good = client.post(url, {"value": "1.350,5", "period": "2024", "kind": "result", "comparator": "="},
                       HTTP_HX_REQUEST="true")
    assert 'data-decision="edited"' in good.content.decode()
    item.refresh_from_db()
    assert item.value == 1350.5 and item.decision == Decision.EDITED


def test_creating_drafts_from_the_page_writes_draft_figures_only(cast):
    reading = reading_of(cast, items=1)
    client = login("reporter_a", cast)
    client.post(reverse("reading:decide-all", args=[reading.pk]), {"decision": "accept"})
    response = client.post(reverse("reading:create-drafts", args=[reading.pk]), follow=True)
    assert response.status_code == 200
    assert "Chưa có gì được xác nhận" in response.content.decode()
    (obs,) = Observation.objects.all()
    assert obs.state == EntryState.DRAFT and obs.unit == cast.units["commune_a"]


def test_draft_errors_are_listed_by_item_and_nothing_is_written(cast):
    reading = reading_of(cast)
    reading.items.filter(order=2).update(unit="người")  # does not convert to tỷ đồng
    client = login("reporter_a", cast)
    client.post(reverse("reading:decide-all", args=[reading.pk]), {"decision": "accept"})
    response = client.post(reverse("reading:create-drafts", args=[reading.pk]))
    html = response.content.decode()
    assert response.status_code == 422
    assert 'data-testid="draft-errors"' in html and "mục 2.unit_of_measure" in html
    assert not Observation.objects.exists()


def test_a_resolution_drafted_by_the_office_can_be_confirmed_there(cast):
    reading = reading_of(cast, kind=DocumentKind.RESOLUTION, unit_key=None, items=1)
    client = login("office", cast)
    client.post(reverse("reading:decide-all", args=[reading.pk]), {"decision": "accept"})
    client.post(reverse("reading:create-drafts", args=[reading.pk]))
    draft = Target.objects.get(confirmed=False)
    page = client.get(reverse("reading:detail", args=[reading.pk])).content.decode()
    assert 'data-testid="confirm-targets"' in page
    client.post(reverse("reading:confirm", args=[reading.pk]))
    draft.refresh_from_db()
    assert draft.confirmed is True


def test_the_form_refuses_a_non_utf8_file_in_vietnamese(cast):
    client = login("reporter_a", cast)
    upload = SimpleUploadedFile("bao-cao.txt", "Thu ngân sách năm 2024: 1.200".encode("cp1258"), "text/plain")
    response = client.post(reverse("reading:new"), {"kind": "report", "file": upload})
    assert response.status_code == 422
    assert "không phải văn bản mã UTF-8" in response.content.decode()
    assert not DocumentReading.objects.exists()


def test_posting_without_the_csrf_token_is_refused(cast):
    reading = reading_of(cast)
    client = login("reporter_a", cast, enforce_csrf_checks=True)
    item = reading.items.first()
    assert client.post(reverse("reading:item-decide", args=[item.pk]), {"decision": "accept"}).status_code == 403
    item.refresh_from_db()
    assert item.decision == Decision.PENDING


def test_the_reading_page_query_count_does_not_grow_with_items(cast, django_assert_max_num_queries):
    reading = reading_of(cast)
    for n in range(3, 60):
        ExtractedItem.objects.create(reading=reading, order=n, start=0, end=4, text=TEXT[:4], kind=ItemKind.RESULT,
                                     indicator=cast.indicator, value=n, unit="tỷ đồng")
    client = login("reporter_a", cast)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("reading:detail", args=[reading.pk])).status_code == 200


def test_the_text_around_the_highlights_is_shown_unchanged(cast):
    reading = reading_of(cast)
    html = login("reporter_a", cast).get(reverse("reading:detail", args=[reading.pk])).content.decode()
    body = html.split('data-testid="doc-text">', 1)[1].split("</div>", 1)[0]
    # Strip the marks: what remains, unescaped, is the document exactly (no added line breaks).
    plain = html_lib.unescape(re.sub(r"<[^>]+>", "", body))
    assert plain == TEXT


def test_a_docx_bomb_uploaded_on_the_reading_page_is_refused_in_vietnamese_from_its_sizes(cast):
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30_000
            for _ in range(150 * 1024 * 1024 // len(block)):
                part.write(block)
    assert len(packed.getvalue()) < 1024 * 1024
    upload = SimpleUploadedFile("bao-cao.docx", packed.getvalue(), "application/octet-stream")
    response = login("reporter_a", cast).post(reverse("reading:new"), {"kind": "report", "file": upload})
    assert response.status_code == 422
    assert "Tệp giải nén ra 149,8 MB, quá giới hạn 100 MB; không xử lý." in html_lib.unescape(response.content.decode())
    assert not DocumentReading.objects.exists()


def test_creating_drafts_with_no_accepted_item_says_so_in_vietnamese(cast):
    reading = reading_of(cast)
    response = login("reporter_a", cast).post(reverse("reading:create-drafts", args=[reading.pk]))
    assert response.status_code == 422
    assert "Hãy nhận ít nhất một mục trước khi tạo bản nháp." in response.content.decode()
    assert not Observation.objects.exists()
