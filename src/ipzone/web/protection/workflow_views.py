"""The case workflow in the browser: requests, registration, the case page and its actions.

Who may do what is decided by ``Proceeding.objects.restrict(user, action)`` (an enterprise: its own
online requests; office and admin: all; leaders: read) and, per action, by the role:

=====================  ===========================================================================
enterprise             file a request (维权援助 / 纠纷调解), add files to its open request, withdraw it
                       before acceptance; sees its requests' steps, deadlines and non-internal files
office, admin          register cases, accept or reject requests, assign, move, record transfers,
                       close, add files (internal or not)
leader                 read everything
=====================  ===========================================================================
"""

from __future__ import annotations

import django_filters
from django import forms as dj_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ipzone.protection import workflow as wf
from ipzone.web.core import roles
from ipzone.web.core import views as generic
from ipzone.web.core.filtersets import SearchFilterSet
from ipzone.web.core.models import choices
from ipzone.web.protection import casework, forms
from ipzone.web.protection.models import SOURCES, Document, Proceeding
from ipzone.web.protection.plain import LabelledTable, OfficeListView, csv_response, field_rows


class ProceedingFilterSet(SearchFilterSet):
    search_fields = ("case__case_no", "holder", "respondent", "respondent_uscc", "facts")
    stage = django_filters.ChoiceFilter(choices=list(wf.STAGES.items()), label="当前阶段")
    kind = django_filters.ChoiceFilter(choices=choices(wf.KINDS), label="案件类型")
    source = django_filters.ChoiceFilter(choices=list(SOURCES.items()), label="来源")
    status = django_filters.ChoiceFilter(
        choices=[("open", "办理中"), ("overdue", "已逾期"), ("finished", "已办结")], method="by_status", label="状态"
    )
    mine = django_filters.BooleanFilter(method="by_handler", label="我承办的", widget=dj_forms.CheckboxInput)

    class Meta:
        model = Proceeding
        fields = ["q", "stage", "kind", "source", "status", "mine"]

    def by_status(self, queryset, name, value):
        if value == "open":
            return queryset.open()
        if value == "overdue":
            return queryset.overdue(casework.today())
        if value == "finished":
            return queryset.filter(stage__in=wf.FINAL)
        return queryset

    def by_handler(self, queryset, name, value):
        return queryset.filter(handler=self.request.user) if value and self.request is not None else queryset


class ProceedingTable(LabelledTable):
    model = Proceeding
    columns = ("title", "kind", "right_kind", "holder", "respondent", "stage_label", "submitted_on", "handler", "due_text")
    labels = {"title": "案件", "stage_label": "当前阶段", "due_text": "期限"}
    select_related = ("handler", "case")


class ProceedingListView(OfficeListView):
    also = frozenset({roles.ENTERPRISE})
    queryset = Proceeding.objects.all()
    filterset = ProceedingFilterSet
    table = ProceedingTable
    template_name = "protection/proceeding_list.html"

    def get(self, request):
        if request.GET.get("export") != "csv":
            return super().get(request)
        if roles.role_of(request.user) not in roles.ALL_DATA | self.also:
            raise PermissionDenied
        qs = self.filterset(request.GET, queryset=self.restricted().select_related("handler", "case"), request=request).qs
        header = ["案件编号", "申请编号", "来源", "案件类型", "客体", "权利人", "被诉方", "被诉方统一社会信用代码", "当前阶段",
                  "提交日期", "受理日期", "结案日期", "结果", "承办人", "本阶段期限", "办结期限", "期限"]
        rows = (
            [p.case_id, p.reference, p.get_source_display(), p.kind, p.right_kind, p.holder, p.respondent, p.respondent_uscc,
             p.stage_label, p.submitted_on, p.accepted_on, p.closed_on, p.outcome, p.handler.get_username() if p.handler else "",
             p.stage_due, p.case_due, p.due_text]
            for p in qs
        )
        return csv_response(f"案件办理-{casework.today():%Y%m%d}.csv", header, rows)


def _role(request) -> str | None:
    return roles.role_of(request.user)


def _proceeding(request, pk: int, action: str = "view") -> Proceeding:
    return get_object_or_404(Proceeding.objects.restrict(request.user, action).select_related("case", "handler", "applicant"), pk=pk)


def _fail(request, e: wf.WorkflowError) -> None:
    messages.error(request, f"{e.zh} / {e.en}")


@login_required
def request_new(request):
    """An enterprise asks for 维权援助 or a mediation."""
    if _role(request) != roles.ENTERPRISE or not roles.uscc_of(request.user):
        raise PermissionDenied
    from ipzone.web.entities.models import Entity

    uscc = roles.uscc_of(request.user)
    entity = Entity.objects.filter(uscc=uscc).first()
    form = forms.RequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        p = form.save(commit=False)
        p.holder = entity.name if entity else request.user.get_username()
        p.holder_uscc = uscc
        casework.submit(p, request.user, form.cleaned_data["files"])
        messages.success(request, f"申请已提交，编号 {p.reference}。办公室将在受理期限内答复。")
        return redirect(p.get_absolute_url())
    return render(request, "protection/proceeding_form.html", {"form": form, "title": "在线申请维权援助或纠纷调解", "holder": entity})


@login_required
def register(request):
    """The office registers a case (its own, or one a court or authority sends)."""
    if not roles.can(request.user, "add"):
        raise PermissionDenied
    form = forms.RegisterForm(request.POST or None, request.FILES or None, initial={"accepted_on": casework.today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        p = form.save(commit=False)
        try:
            casework.register(p, request.user, case_no=d["case_no"], on=d["accepted_on"], handler=d.get("handler"),
                              transfer=form.transfer(), uploads=d["files"])
        except wf.WorkflowError as e:
            form.add_error(None, f"{e.zh} / {e.en}")
        else:
            messages.success(request, f"已登记受理：{p.case_id}")
            return redirect(p.get_absolute_url())
    return render(request, "protection/proceeding_form.html", {"form": form, "title": "登记案件"})


def _actions(request, p: Proceeding) -> dict:
    """The forms of the actions this user may take on ``p`` now."""
    role = _role(request)
    today = casework.today()
    out: dict = {}
    if role in roles.WRITERS and p.is_open:
        day = {"on": today}
        if p.stage == wf.SUBMITTED:
            out["accept"] = forms.AcceptForm(initial={**day, "handler": p.handler_id or request.user.pk}, prefix="accept")
            out["reject"] = forms.RejectForm(initial=day, prefix="reject")
        else:
            moves = forms.MoveForm(initial=day, stage=p.stage, prefix="move")
            if moves.fields["to"].choices:
                out["move"] = moves
            if wf.can_move(p.stage, wf.CLOSED):
                out["close"] = forms.CloseForm(initial={**day, "amount": p.amount}, prefix="close")
        out["assign"] = forms.AssignForm(initial={**day, "handler": p.handler_id}, prefix="assign")
    if role == roles.ENTERPRISE and p.stage == wf.SUBMITTED:
        out["withdraw"] = forms.WithdrawForm(prefix="withdraw")
    if p.is_open and (role in roles.WRITERS or role == roles.ENTERPRISE):
        doc = forms.DocumentForm(prefix="document", initial={"kind": "证据材料"})
        if role == roles.ENTERPRISE:
            del doc.fields["internal"]
        out["document"] = doc
    return out


@login_required
def proceeding_detail(request, pk: int):
    p = _proceeding(request, pk)
    role = _role(request)
    office = role in roles.ALL_DATA
    today = casework.today()
    docs = Document.objects.restrict(request.user).filter(proceeding=p).select_related("uploaded_by")
    exclude = ("stage_due", "case_due", "holder_uscc") if office else ("stage_due", "case_due", "applicant", "assigned_on")
    context = {
        "object": p,
        "opts": Proceeding._meta,
        "fields": field_rows(p, exclude + ("created", "updated"), first=("case",)),
        "overdue": any(d.overdue(today) for d in p.deadlines(today)),
        "deadlines": [{"label": d.label, "due_on": d.due_on, "limit": d.limit, "since": d.since, "approximate": d.approximate,
                       "left": d.days_left(today), "overdue": d.overdue(today), "over": d.days_over(today)} for d in p.deadlines(today)],
        "steps": p.steps.select_related("by"),
        "transfers": p.transfers.all(),
        "documents": docs,
        "actions": _actions(request, p),
        "office": office,
        "can_history": office,
        "typical": getattr(p.case, "typical_case", None) if (p.case and office) else None,
    }
    return render(request, "protection/proceeding.html", context)


ACTIONS = ("accept", "reject", "assign", "move", "close", "withdraw", "document")


@login_required
@require_POST
def proceeding_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    role = _role(request)
    office_action = action not in ("withdraw", "document")
    if office_action and role not in roles.WRITERS:
        raise PermissionDenied
    if action == "withdraw" and role != roles.ENTERPRISE:
        raise PermissionDenied
    if action == "document" and role not in roles.WRITERS and role != roles.ENTERPRISE:
        raise PermissionDenied
    p = _proceeding(request, pk, "change")
    form_class = {
        "accept": forms.AcceptForm, "reject": forms.RejectForm, "assign": forms.AssignForm, "close": forms.CloseForm,
        "withdraw": forms.WithdrawForm, "document": forms.DocumentForm,
    }.get(action)
    if action == "move":
        form = forms.MoveForm(request.POST, stage=p.stage, prefix="move")
    else:
        form = form_class(request.POST, request.FILES, prefix=action)
        if action == "document" and role == roles.ENTERPRISE:
            del form.fields["internal"]
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errors:
                messages.error(request, f"{label}：{e}" if label else e)
        return redirect(p.get_absolute_url())
    d = form.cleaned_data
    try:
        if action == "accept":
            casework.accept(p, request.user, case_no=d["case_no"], on=d["on"], handler=d.get("handler"), note=d.get("note", ""))
            messages.success(request, f"已受理，案件编号 {p.case_id}")
        elif action == "reject":
            casework.reject(p, request.user, on=d["on"], note=d["note"])
            messages.success(request, "已决定不予受理")
        elif action == "assign":
            casework.assign(p, request.user, handler=d["handler"], on=d["on"])
            messages.success(request, f"承办人：{d['handler'].get_username()}")
        elif action == "move":
            casework.move(p, request.user, to=d["to"], on=d["on"], note=d.get("note", ""), transfer=form.transfer())
            messages.success(request, f"已转入{wf.STAGES[d['to']]}")
        elif action == "close":
            casework.close(p, request.user, on=d["on"], outcome=d["outcome"], amount=d.get("amount"), note=d.get("note", ""))
            messages.success(request, f"已结案：{d['outcome']}")
        elif action == "withdraw":
            casework.withdraw(p, request.user, note=d.get("note", ""))
            messages.success(request, "申请已撤回")
        elif action == "document":
            if not p.is_open:
                raise wf.WorkflowError("已办结的案件不能再添加材料", "a finished case takes no more files")
            if p.documents.count() + len(d["files"]) > forms.MAX_PER_CASE:
                raise wf.WorkflowError(f"每个案件最多 {forms.MAX_PER_CASE} 个文件", f"at most {forms.MAX_PER_CASE} files per case")
            for upload in d["files"]:
                casework.add_document(p, request.user, d["kind"], upload, internal=bool(d.get("internal")))
            messages.success(request, f"已上传 {len(d['files'])} 个文件")
    except wf.WorkflowError as e:
        _fail(request, e)
    return redirect(p.get_absolute_url())


@login_required
def document_download(request, pk: int, doc: int):
    p = _proceeding(request, pk)
    d = get_object_or_404(Document.objects.restrict(request.user), pk=doc, proceeding=p)
    try:
        handle = d.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=d.name)


class ProceedingHistoryView(generic.ObjectHistoryView):
    queryset = Proceeding.objects.all()
