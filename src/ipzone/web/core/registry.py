"""``@register_model_view(Model, "list")``: views declared next to their configuration, routed here.

Each app's ``urls.py`` is ``urlpatterns = model_urls("patents")``: for every model of the app, a
list at ``<model>/``, a detail page at ``<model>/<pk>/`` and its history at ``<model>/<pk>/history/``,
named ``<model>_list``, ``<model>`` and ``<model>_history`` in the app's namespace.
"""

from __future__ import annotations

from django.urls import path

_VIEWS: dict[tuple[str, str], dict[str, type]] = {}
ROUTES = {
    "list": ("{m}/", "{m}_list"),
    "detail": ("{m}/<int:pk>/", "{m}"),
    "history": ("{m}/<int:pk>/history/", "{m}_history"),
    "add": ("{m}/add/", "{m}_add"),
    "edit": ("{m}/<int:pk>/edit/", "{m}_edit"),
    "delete": ("{m}/<int:pk>/delete/", "{m}_delete"),
}


def register_model_view(model, action: str = "detail"):
    if action not in ROUTES:
        raise ValueError(f"unknown action {action!r}")

    def decorate(cls):
        _VIEWS.setdefault((model._meta.app_label, model._meta.model_name), {})[action] = cls
        return cls

    return decorate


def registered(app_label: str) -> dict[str, dict[str, type]]:
    return {m: views for (a, m), views in _VIEWS.items() if a == app_label}


def model_urls(app_label: str) -> list:
    """URL patterns of the app's registered views. A model with a detail view gets its history too,
    and a contract model (rows of a contract table) gets add, edit and delete pages as well."""
    from ipzone.web.core.views import ObjectDeleteView, ObjectEditView, ObjectHistoryView

    defaults = {"history": ObjectHistoryView}
    patterns = []
    for model_name, views in registered(app_label).items():
        if "detail" in views:
            queryset = views["detail"].queryset
            wanted = dict(defaults)
            if getattr(queryset.model, "contract_stem", ""):
                wanted.update(add=ObjectEditView, edit=ObjectEditView, delete=ObjectDeleteView)
            for action, base in wanted.items():
                if action not in views:
                    register_model_view(queryset.model, action)(type(f"{model_name}_{action}", (base,), {"queryset": queryset}))
        for action, view in registered(app_label)[model_name].items():
            route, name = ROUTES[action]
            patterns.append(path(route.format(m=model_name), view.as_view(), name=name.format(m=model_name)))
    return patterns
