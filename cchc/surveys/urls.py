from django.urls import path

from . import campaign_views, views

app_name = "surveys"

urlpatterns = [
    # public, no login
    path("y-kien/cam-on/", views.thanks, name="thanks"),
    path("y-kien/kiosk/<str:token>/", views.kiosk, name="kiosk"),
    path("y-kien/kiosk/<str:token>/cam-on/", views.kiosk_thanks, name="kiosk_thanks"),
    path("y-kien/<int:campaign>/<slug:unit>/", views.answer, name="answer"),
    # staff
    path("khao-sat/don-vi/<slug:code>/", views.results_page, name="results"),
    path("khao-sat/don-vi/<slug:code>/excel/", views.results_excel, name="results_excel"),
    path("khao-sat/don-vi/<slug:code>/thiet-bi/", views.devices, name="devices"),
    path("khao-sat/don-vi/<slug:code>/ap-phich/<int:campaign>/", views.poster, name="poster"),
    path("khao-sat/don-vi/<slug:code>/dot-moi/", campaign_views.campaign_new, name="campaign_new"),
    path("khao-sat/dot/<int:pk>/", campaign_views.campaign_page, name="campaign"),
    path("khao-sat/dot/<int:pk>/sua/", campaign_views.campaign_edit, name="campaign_edit"),
    path("khao-sat/dot/<int:pk>/dong/", campaign_views.close, name="close"),
]
