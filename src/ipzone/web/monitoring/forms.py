from django import forms

from ipzone.web.core.forms import Form


class ImportForm(Form):
    file = forms.FileField(label="数据文件", help_text="一个 .xlsx 工作簿（每张表一个工作表），或 CSV 文件的 .zip 压缩包（可含 ipzone.toml）")
    dry_run = forms.BooleanField(label="只检查并预演，不写入", required=False)
    prune = forms.BooleanField(label="删除数据库中有、文件中没有的记录", required=False)


class YearForm(Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
    counting = forms.ChoiceField(
        label="计数规则",
        choices=[("first", "第一权利人"), ("whole", "整体计数"), ("fractional", "分数计数")],
        required=False,
    )


CONFIG_MAX_BYTES = 1024 * 1024  # a configuration file is a few lines


class ReferenceFilesField(forms.FileField):
    """The reference tables a configuration names by ``{path = …}`` (several files, each checked)."""

    def __init__(self, *args, **kwargs):
        from ipzone.web.uploads import MultipleFileInput

        kwargs.setdefault("widget", MultipleFileInput)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        from django.conf import settings

        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        out = []
        for f in files:
            f = super().clean(f, initial)
            if f.size > settings.UPLOAD_MAX_BYTES:
                mb = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
                raise forms.ValidationError(f"参照表文件「{f.name}」超过 {mb} MB 上限 / {f.name} is larger than the {mb} MB limit")
            out.append(f)
        return out


class ZoneConfigForm(Form):
    """A new zone configuration: the TOML, and the reference tables it names by ``{path = …}``.

    A table the file names but that is not uploaded is taken from the stored version when that
    version keeps a file of the same name for the same role."""

    file = forms.FileField(label="园区配置文件（ipzone.toml）")
    references = ReferenceFilesField(label="配置中 {path = …} 指定的参照表文件（可选，按文件名对应）", required=False)

    unchanged: int | None = None

    def clean(self):
        from pathlib import PurePosixPath

        from ipzone.config import ConfigError
        from ipzone.web import zoneconfig

        data = super().clean()
        upload = data.get("file")
        if upload is None:
            return data
        name = PurePosixPath(upload.name or "ipzone.toml").name
        if upload.size > CONFIG_MAX_BYTES:
            raise forms.ValidationError(f"{name}：配置文件超过 1 MB / the configuration file is larger than 1 MB")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(f"{name}：配置文件不是 UTF-8 文本 / the configuration file is not UTF-8 text") from None
        given = {PurePosixPath(f.name).name: f for f in data.get("references") or []}
        current = zoneconfig.current()
        kept = {(f.role, f.name): f for f in current.files.all()} if current is not None else {}

        def supply(role: str, written: str, resolved) -> bytes | None:
            base = PurePosixPath(written.replace("\\", "/")).name
            if base in given:
                given[base].seek(0)
                return given[base].read()
            if (role, base) in kept:
                return bytes(kept[(role, base)].data)
            return None

        try:
            data["pending"] = zoneconfig.prepare(text, name, supply)
        except ConfigError as e:
            raise forms.ValidationError(f"{name}：{e.zh} / {e.en}") from None
        return data
