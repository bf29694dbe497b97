"""The service's URLs: the REST API at /api/v1/, the web app at / (:mod:`postguard.server.web`) and the admin
at /admin/."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from postguard.server.api.main import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("postguard.server.web.urls")),
]

handler404 = "postguard.server.web.views.auth.not_found"
