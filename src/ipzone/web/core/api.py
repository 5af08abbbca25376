"""The API at ``/api/`` (docs at ``/api/docs``): session or bearer-token auth, anonymous → 401.

Each app declares its endpoints in its own ``api.py`` router; public endpoints (``/api/public/…``)
are those of the public portal and need no login.
"""

from ninja import NinjaAPI

from ipzone.web.core.auth import api_auth

api = NinjaAPI(
    title="ipzone 平台 API",
    version="1",
    description="园区知识产权数据与指标。记录字段即数据规范（data contract）的英文列名；权限与页面相同。",
    urls_namespace="api",
    docs_url="/docs",
    auth=api_auth(),
)


def _routers() -> None:
    from ipzone.web.entities.api import router as entities
    from ipzone.web.finance.api import router as finance
    from ipzone.web.marks.api import router as marks
    from ipzone.web.monitoring.api import public_router, router as monitoring
    from ipzone.web.notices.api import router as notices
    from ipzone.web.operation.api import router as operation
    from ipzone.web.publicity.api import public_router as publicity_public, router as publicity
    from ipzone.web.patents.api import router as patents
    from ipzone.web.policies.api import public_router as policies_public
    from ipzone.web.policies.api import router as policies
    from ipzone.web.programme.api import router as programme
    from ipzone.web.protection.api import router as protection
    from ipzone.web.services.api import router as services

    api.add_router("/", monitoring)
    api.add_router("/", entities)
    api.add_router("/", patents)
    api.add_router("/", finance)
    api.add_router("/", marks)
    api.add_router("/", protection)
    api.add_router("/", services)
    api.add_router("/", policies)
    api.add_router("/", programme)
    api.add_router("/", operation)
    api.add_router("/", publicity)
    api.add_router("/", notices)
    api.add_router("/public", public_router)
    api.add_router("/public", policies_public)
    api.add_router("/public", publicity_public)


_routers()
