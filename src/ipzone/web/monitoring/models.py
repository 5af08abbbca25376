"""The zone's yearly statistics, and the record of every import."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ipzone.web.core.models import ContractModel


class ZoneYear(ContractModel):
    contract_stem = "zone_year"
    natural_key_fields = ("year",)

    year = models.PositiveSmallIntegerField("年度", unique=True)
    population = models.PositiveBigIntegerField("常住人口", null=True, blank=True, help_text="人，年末")
    gdp = models.FloatField("地区生产总值", null=True, blank=True, help_text="万元")
    rd_expenditure = models.FloatField("R&D经费支出", null=True, blank=True, help_text="万元")
    budget_expenditure = models.FloatField("一般公共预算支出", null=True, blank=True, help_text="万元")
    ip_budget = models.FloatField("知识产权专项经费", null=True, blank=True, help_text="万元")
    ip_staff = models.PositiveIntegerField("知识产权专职人员", null=True, blank=True, help_text="人")

    class Meta:
        verbose_name = "区域年度统计"
        verbose_name_plural = "区域年度统计"
        ordering = ["-year"]


class ImportRun(models.Model):
    """One ``ipzone load`` or import-page upload: who, when, what, and what it changed."""

    started = models.DateTimeField("开始时间", default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="操作人")
    source = models.CharField("数据来源", max_length=500)
    ok = models.BooleanField("成功", default=False)
    dry_run = models.BooleanField("仅预演", default=False)
    pruned = models.BooleanField("删除文件中没有的记录", default=False)
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    changes = models.JSONField("变更", default=list)
    version = models.PositiveBigIntegerField("数据版本", null=True, blank=True)

    class Meta:
        verbose_name = "数据导入记录"
        verbose_name_plural = "数据导入记录"
        ordering = ["-started"]

    def __str__(self) -> str:
        return f"{self.started:%Y-%m-%d %H:%M} {self.source}"


class ZoneConfigVersion(models.Model):
    """One version of the zone configuration (``ipzone.toml``) kept with the data.

    ``ipzone load`` (or the import page) stores the dataset's ``ipzone.toml``, and the office may
    upload a new one; a version is never edited: a change is a new version, and the newest is the
    one in force (unless ``IPZONE_CONFIG`` or ``--config`` names a file: ``ipzone.web.zoneconfig``).
    The reference tables the file names by ``{path = …}`` are kept with it (:class:`ZoneConfigFile`).
    """

    version = models.PositiveIntegerField("版本", unique=True)
    text = models.TextField("配置文件（TOML）")
    sha256 = models.CharField("SHA-256", max_length=64)
    source = models.CharField("来源", max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="操作人")
    created = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "园区配置版本"
        verbose_name_plural = "园区配置版本"
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"园区配置第 {self.version} 版"


class ZoneConfigFile(models.Model):
    """A reference table a configuration version names by ``{path = …}``: its bytes, kept as given."""

    config = models.ForeignKey(ZoneConfigVersion, on_delete=models.CASCADE, related_name="files", verbose_name="园区配置版本")
    role = models.CharField("参照表用途", max_length=32)
    path = models.CharField("配置中的路径", max_length=500)
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("字节数")
    data = models.BinaryField("内容")

    class Meta:
        verbose_name = "园区配置参照表文件"
        verbose_name_plural = "园区配置参照表文件"
        ordering = ["config", "role"]
        constraints = [models.UniqueConstraint(fields=["config", "role"], name="zone_config_file_role_unique")]

    def __str__(self) -> str:
        return f"{self.role}: {self.name}"
