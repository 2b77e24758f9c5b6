"""Document reading pages, mounted at /doc-van-ban/ (namespace `reading`)."""

from django.urls import path

from chitieu.reading import views

app_name = "reading"

urlpatterns = [
    path("", views.reading_list, name="list"),
    path("moi/", views.reading_new, name="new"),
    path("<int:pk>/", views.reading_detail, name="detail"),
    path("<int:pk>/nhan-tat-ca/", views.decide_all, name="decide-all"),
    path("<int:pk>/tao-ban-nhap/", views.create_drafts, name="create-drafts"),
    path("<int:pk>/xac-nhan/", views.confirm, name="confirm"),
    path("muc/<int:pk>/quyet-dinh/", views.item_decide, name="item-decide"),
    path("muc/<int:pk>/sua/", views.item_edit, name="item-edit"),
]
