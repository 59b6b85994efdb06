from django.urls import path

from . import views

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
    path("khao-sat/dot/<int:pk>/", views.campaign_page, name="campaign"),
    path("khao-sat/dot/<int:pk>/dong/", views.close, name="close"),
]
