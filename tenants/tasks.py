"""A Celery task base that carries the tenant in the message headers.

Tasks receive ids, never objects. Sending a tenant task records the current tenant in the
headers; running it restores that tenant, and a tenant task without one fails. Tasks that work
for no single tenant declare `cross_tenant = True`.
"""

from __future__ import annotations

from celery import Task

from .context import NoTenantError, current_tenant_id, tenant_context

TENANT_HEADER = "asskomm_tenant_id"


class TenantTask(Task):
    abstract = True
    cross_tenant: bool = False

    def apply_async(self, args=None, kwargs=None, task_id=None, producer=None, link=None, link_error=None,
                    shadow=None, **options):
        headers = dict(options.pop("headers", None) or {})
        if not self.cross_tenant and TENANT_HEADER not in headers:  # sent after the commit, it names its tenant
            headers[TENANT_HEADER] = current_tenant_id()
        return super().apply_async(args, kwargs, task_id, producer, link, link_error, shadow,
                                   headers=headers, **options)

    def message_tenant_id(self) -> int | None:
        request = self.request
        value = getattr(request, TENANT_HEADER, None)
        if value is None and isinstance(getattr(request, "headers", None), dict):
            value = request.headers.get(TENANT_HEADER)  # eager runs keep headers in a dict
        return int(value) if value is not None else None

    def __call__(self, *args, **kwargs):
        if self.cross_tenant:
            return super().__call__(*args, **kwargs)
        tenant_id = self.message_tenant_id()
        if tenant_id is None:
            raise NoTenantError(f"Task {self.name} braucht einen Mandanten in den Nachrichten-Headern.")
        with tenant_context(tenant_id):
            return super().__call__(*args, **kwargs)
