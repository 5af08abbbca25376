from django import forms

from ipzone.web.core.forms import ModelForm
from ipzone.web.publicity.models import EventParticipant, EventReport
from ipzone.web.services.models import Event


class EventChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.held_on} {obj.name}"


class EventReportForm(ModelForm):
    event = EventChoice(queryset=Event.objects.order_by("-held_on", "name"), label="活动")

    class Meta:
        model = EventReport
        fields = ["event", "campaign", "organiser", "co_organisers", "venue", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}


class EventParticipantForm(ModelForm):
    event = EventChoice(queryset=Event.objects.order_by("-held_on", "name"), label="活动")
    hours = forms.IntegerField(label="培训学时", min_value=0, required=False, help_text="整学时（与导入相同）")

    class Meta:
        model = EventParticipant
        fields = ["event", "kind", "name", "entity", "talent", "organisation", "hours", "certificate_no"]
        widgets = {"entity": forms.TextInput(), "talent": forms.TextInput()}

    def clean(self):
        data = super().clean()
        if data.get("kind") == EventParticipant.UNIT and data.get("talent"):
            self.add_error("talent", "单位参与者不填人员编号 / a unit has no person id")
        return data
