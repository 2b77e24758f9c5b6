from django.urls import path

urlpatterns: list = []  # the API helper mounts the django-ninja API here
