from django.urls import path

from ipzone.web.core.importing import import_errors
from ipzone.web.core.registry import model_urls
from ipzone.web.programme import views
from ipzone.web.programme.models import AnnualTarget, GroupMember

app_name = "programme"
urlpatterns = [
    path("board/", views.board, name="board"),
    path("mine/", views.mine, name="mine"),
    path("assessment/", views.assessment_page, name="assessment"),
    path("assessment.xlsx", views.assessment_xlsx, name="assessment_xlsx"),
    path("seed/", views.seed_view, name="seed"),
    path("progressreport/<int:pk>/submit/", views.report_submit, name="progressreport_submit"),
    path("progressreport/<int:pk>/return/", views.report_return, name="progressreport_return"),
    path("meeting/<int:pk>/issue/", views.meeting_issue, name="meeting_issue"),
    path("progressreport/template.xlsx", views.progress_template, name="progress_template"),
    path("progressreport/import/", views.progress_import, name="progress_import"),
    path("progressreport/import/<str:token>/errors.xlsx", import_errors, {"filename": "季度进展导入错误清单.xlsx"}, name="progress_import_errors"),
    path("annualtarget/template.xlsx", views.list_template, {"model_name": "annualtarget"}, name="annualtarget_template"),
    path("annualtarget/import/", views.list_import, {"model_name": "annualtarget"}, name="annualtarget_import"),
    path("annualtarget/import/<str:token>/errors.xlsx", import_errors, {"model": AnnualTarget, "filename": "年度目标导入错误清单.xlsx"},
         name="annualtarget_import_errors"),
    path("groupmember/template.xlsx", views.list_template, {"model_name": "groupmember"}, name="groupmember_template"),
    path("groupmember/import/", views.list_import, {"model_name": "groupmember"}, name="groupmember_import"),
    path("groupmember/import/<str:token>/errors.xlsx", import_errors, {"model": GroupMember, "filename": "领导小组成员导入错误清单.xlsx"},
         name="groupmember_import_errors"),
    path("<str:model_name>/export.xlsx", views.export, name="export"),
    *model_urls(app_name),
]
