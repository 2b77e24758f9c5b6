"""Web pages under the site root; names live in the `web` namespace."""

from django.urls import path

from chitieu.web.views import (
    auth,
    dashboard,
    entry,
    history,
    indicators,
    setup,
    setup_org,
    shares,
    tasks,
)

app_name = "web"

urlpatterns = [
    path("", dashboard.dashboard, name="home"),
    path("dang-nhap/", auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth.LogoutView.as_view(), name="logout"),
    path("chi-tieu/", indicators.indicator_list, name="indicators"),
    path("chi-tieu/<slug:code>/", indicators.indicator_detail, name="indicator"),
    path("nhap-so-lieu/", entry.grid, name="entry"),
    path("nhap-so-lieu/o/", entry.save_cell, name="entry-cell"),
    path("nhap-so-lieu/gui/", entry.submit_drafts, name="entry-submit"),
    path("nhap-so-lieu/duyet/", entry.approvals, name="approvals"),
    path("nhap-so-lieu/day-du/", entry.completeness_page, name="completeness"),
    path("nhap-so-lieu/duyet/<int:pk>/", entry.decide, name="decide"),
    path("nhap-so-lieu/dieu-chinh/<int:pk>/", entry.correction, name="correction"),
    path("nghi-quyet/<slug:code>/chi-tieu/<str:number>/giao/", shares.give, name="shares"),
    path("nhiem-vu/", tasks.task_list, name="tasks"),
    path("nhiem-vu/minh-chung/<int:pk>/", tasks.evidence, name="evidence"),
    path("nhiem-vu/<slug:code>/", tasks.task_detail, name="task"),
    path("nhiem-vu/<slug:code>/cap-nhat/", tasks.task_update, name="task-update"),
    path("thiet-lap/", setup.home, name="setup"),
    path("thiet-lap/nghi-quyet/moi/", setup.resolution_new, name="setup-resolution-new"),
    path("thiet-lap/nghi-quyet/<slug:code>/", setup.resolution_page, name="setup-resolution"),
    path("thiet-lap/nghi-quyet/<slug:code>/chi-tieu-moi/", setup.target_new, name="setup-target-new"),
    path("thiet-lap/chi-tieu/<int:pk>/", setup.target_page, name="setup-target"),
    path("thiet-lap/nhiem-vu/moi/", setup.task_new, name="setup-task-new"),
    path("thiet-lap/nhiem-vu/<slug:code>/", setup.task_page, name="setup-task"),
    path("thiet-lap/danh-muc/", setup.indicator_list, name="setup-indicators"),
    path("thiet-lap/danh-muc/moi/", setup.indicator_new, name="setup-indicator-new"),
    path("thiet-lap/danh-muc/<slug:code>/", setup.indicator_page, name="setup-indicator"),
    path("thiet-lap/don-vi/", setup_org.unit_list, name="setup-units"),
    path("thiet-lap/don-vi/moi/", setup_org.unit_new, name="setup-unit-new"),
    path("thiet-lap/don-vi/<slug:code>/", setup_org.unit_page, name="setup-unit"),
    path("thiet-lap/can-bo/", setup_org.people_list, name="setup-people"),
    path("thiet-lap/can-bo/moi/", setup_org.person_new, name="setup-person-new"),
    path("thiet-lap/can-bo/<int:pk>/", setup_org.person_page, name="setup-person"),
    path("thiet-lap/nhiem-ky/moi/", setup_org.term_new, name="setup-term-new"),
    path("thiet-lap/nhiem-ky/<slug:code>/", setup_org.term_page, name="setup-term"),
    path("thiet-lap/ma-truy-cap/", setup_org.token_list, name="setup-tokens"),
    path("thiet-lap/ma-truy-cap/<int:pk>/thu-hoi/", setup_org.token_revoke, name="setup-token-revoke"),
    path("lich-su/", history.recent, name="history"),
    path("lich-su/<slug:key>/<int:pk>/", history.record_history, name="record-history"),
]
