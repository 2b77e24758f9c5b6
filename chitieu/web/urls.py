"""Web pages under the site root; names live in the `web` namespace."""

from django.urls import path

from chitieu.web.views import auth, dashboard, entry, history, indicators, tasks

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
    path("nhiem-vu/", tasks.task_list, name="tasks"),
    path("nhiem-vu/minh-chung/<int:pk>/", tasks.evidence, name="evidence"),
    path("nhiem-vu/<slug:code>/", tasks.task_detail, name="task"),
    path("nhiem-vu/<slug:code>/cap-nhat/", tasks.task_update, name="task-update"),
    path("lich-su/", history.recent, name="history"),
    path("lich-su/<slug:key>/<int:pk>/", history.record_history, name="record-history"),
]
