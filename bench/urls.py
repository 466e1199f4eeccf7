"""The project's URLs plus /bench/floor/needs/ (mounted only when settings.BENCHMARK_FLOOR)."""

from django.conf import settings
from django.urls import path

from bench.floor import floor_needs
from ccm_portal.urls import urlpatterns as project_urls

urlpatterns = list(project_urls)
if getattr(settings, "BENCHMARK_FLOOR", False):
    urlpatterns.append(path("bench/floor/needs/", floor_needs, name="bench-floor-needs"))
