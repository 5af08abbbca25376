from django.urls import path

from ipzone.web.policies import views

app_name = "policies"
urlpatterns = [
    path("", views.policy_list, name="policy_list"),
    path("policy/<int:pk>/", views.policy_detail, name="policy"),
    path("policy/<int:pk>/edit/", views.policy_edit, name="policy_edit"),
    path("policy/<int:pk>/history/", views.policy_versions, name="policy_history"),
    path("policy/<int:pk>/compute/", views.compute_view, name="compute"),
    path("computation/<int:pk>/", views.computation_detail, name="computation"),
    path("computation/<int:pk>/review/", views.review_view, name="review"),
    path("computation/<int:pk>/announce/", views.announce_view, name="announce"),
    path("computation/<int:pk>/pay/", views.pay_view, name="pay"),
    path("computation/<int:pk>/payment-list.xlsx", views.payment_list_xlsx, name="payment_list_xlsx"),
    path("objection/<int:pk>/resolve/", views.resolve_view, name="resolve"),
    path("entitlement/", views.entitlement_list, name="entitlement_list"),
    path("entitlement/<int:pk>/", views.entitlement_detail, name="entitlement"),
    path("entitlement/<int:pk>/confirm/", views.confirm_view, name="confirm"),
    path("entitlement/<int:pk>/dispute/", views.dispute_view, name="dispute"),
    path("attachment/<int:pk>/", views.attachment_download, name="attachment"),
    path("payment/", views.payment_list, name="payment_list"),
    path("spending/", views.spending, name="spending"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_announcement, name="public_announcement"),
]
