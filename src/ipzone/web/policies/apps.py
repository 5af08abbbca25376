from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PoliciesConfig(AppConfig):
    name = "ipzone.web.policies"
    label = "policies"
    verbose_name = "政策兑现"

    def ready(self) -> None:
        from ipzone.web.policies.service import ensure_samples

        # The platform starts with the shipped sample policies; the office edits them from there.
        post_migrate.connect(ensure_samples, sender=self, dispatch_uid="ipzone_policy_samples")
