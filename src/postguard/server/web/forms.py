"""The registry's forms. Their choices come from the selectors (a form offers only what its user may
see); what a form's values mean is decided by the service it is handed to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from postguard.server.access import Actor
from postguard.server.registry import selectors
from postguard.server.registry.models import (
    AccountKind,
    AuthorisationBasis,
    AuthorisationKind,
    Department,
    PermissionKind,
    PersonKind,
    Platform,
)
from postguard.server.registry.records import WRITTEN_PERMISSION_CODES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.ref})"


class PeopleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.ref})"


class RefChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _people(actor: Actor) -> Any:
    return selectors.people_visible_to(actor).filter(erased_at__isnull=True).order_by("name")


class PersonForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=PersonKind.choices)
    email = forms.EmailField(required=False)
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False)
    minor = forms.BooleanField(required=False, label="Under 18 (their consent needs a guardian)")
    username = forms.CharField(
        max_length=150, required=False, label="User name", help_text="The user who signs in as this person, if any."
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from postguard.server.web.selectors import departments

        self.fields["department"].queryset = departments()  # type: ignore[attr-defined]

    def clean_username(self) -> Any:
        name = self.cleaned_data["username"].strip()
        if not name:
            return None
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise forms.ValidationError("There is no user with this name.")
        if getattr(user, "person", None) is not None:
            raise forms.ValidationError("This user is already linked to a person.")
        return user


class AccountForm(forms.Form):
    platform = forms.ChoiceField(choices=Platform.choices)
    handle = forms.CharField(max_length=200, help_text="As the platform shows it, e.g. @oxphysics.")
    kind = forms.ChoiceField(choices=AccountKind.choices)
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False)
    owners = PeopleChoice(queryset=None, required=False)
    admins = PeopleChoice(
        queryset=None, required=False, label="Administrators", help_text="An official account needs two staff."
    )
    two_factor = forms.BooleanField(required=False, label="Two-factor authentication is on")
    recovery_contact = forms.CharField(max_length=200, required=False)
    last_reviewed = forms.DateField(required=False, widget=DATE, label="Security settings last reviewed")

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from postguard.server.web.selectors import departments

        self.fields["department"].queryset = departments()  # type: ignore[attr-defined]
        self.fields["owners"].queryset = _people(actor)  # type: ignore[attr-defined]
        self.fields["admins"].queryset = _people(actor)  # type: ignore[attr-defined]


class ConsentForm(forms.Form):
    subject = PersonChoice(queryset=None, label="Whose consent")
    guardian = PersonChoice(queryset=None, required=False, help_text="Needed when the person is under 18.")
    given = forms.DateField(widget=DATE)
    expires = forms.DateField(widget=DATE, required=False)
    channels = forms.MultipleChoiceField(
        choices=Platform.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None ticked: any platform.",
    )
    purposes = forms.CharField(max_length=500, required=False, help_text="Separate purposes with commas.")
    evidence = forms.FileField(required=False, help_text="The signed form or the email that gives consent.")
    photo = forms.FileField(required=False, label="The photo it covers", help_text="Only its fingerprint is kept.")

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = _people(actor)  # type: ignore[attr-defined]
        self.fields["guardian"].queryset = _people(actor)  # type: ignore[attr-defined]

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if upload is not None and upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError("The evidence file is over 20 MB.")
        return upload

    def clean_purposes(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data["purposes"].split(",") if p.strip()]


class WrittenPermissionForm(forms.Form):
    kind = forms.ChoiceField(choices=PermissionKind.choices)
    scope = forms.MultipleChoiceField(
        choices=[(c, c) for c in WRITTEN_PERMISSION_CODES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The rule codes it lifts; the kind's own code is always included.",
    )
    granted_by = PersonChoice(queryset=None, help_text="Yourself, or a member of the communications office (G32).")
    granted_to = PersonChoice(queryset=None, required=False)
    account = RefChoice(queryset=None, required=False)
    given = forms.DateField(widget=DATE)
    expires = forms.DateField(widget=DATE, required=False)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # exactly those the service accepts as the grantor (PG619 for anyone else)
        self.fields["granted_by"].queryset = selectors.grantors_for(actor).order_by("name")  # type: ignore[attr-defined]
        self.fields["granted_to"].queryset = _people(actor)  # type: ignore[attr-defined]
        self.fields["account"].queryset = selectors.accounts_visible_to(actor).order_by("platform", "handle")  # type: ignore[attr-defined]


class AuthorisationForm(forms.Form):
    kind = forms.ChoiceField(choices=AuthorisationKind.choices)
    basis = forms.ChoiceField(choices=AuthorisationBasis.choices)
    authorised_by = PersonChoice(queryset=None, required=False)
    sponsor_terms = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="When the grant's terms authorise it."
    )
    given = forms.DateField(widget=DATE)
    expires = forms.DateField(widget=DATE, required=False)
    photo = forms.FileField(required=False, label="The photo it covers", help_text="Only its fingerprint is kept.")
    consents: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Photos of children: the consent of every party shown.",
    )
    nspcc_followed = forms.BooleanField(required=False, label="The NSPCC guidelines were followed")
    account = RefChoice(queryset=None, required=False)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authorised_by"].queryset = _people(actor)  # type: ignore[attr-defined]
        self.fields["consents"].queryset = selectors.consents_visible_to(actor).order_by("pk")  # type: ignore[attr-defined]
        self.fields["account"].queryset = selectors.accounts_visible_to(actor).order_by("platform", "handle")  # type: ignore[attr-defined]


class RevokeForm(forms.Form):
    reason = forms.CharField(max_length=500, required=False)


class _UnitForm(forms.Form):
    """A division or department: its code and name (when made) and its HR Business Partners."""

    code = forms.SlugField(max_length=40, help_text="Short, lower case, e.g. physics.")
    name = forms.CharField(max_length=200)
    hr_business_partners = PeopleChoice(
        queryset=None,
        required=False,
        label="HR Business Partners",
        help_text="Misuse of the unit's accounts and by its people is taken to them first (G30).",
    )
    model: Any = None

    def __init__(self, *args: Any, actor: Actor, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hr_business_partners"].queryset = _people(actor)  # type: ignore[attr-defined]
        if editing:  # a unit's code and name are set when it is made; here its partners change
            del self.fields["code"], self.fields["name"]

    def clean_code(self) -> Any:
        code = self.cleaned_data["code"]
        if self.model.objects.filter(code=code).exists():
            raise forms.ValidationError("A unit with this code exists already.")
        return code


class DivisionForm(_UnitForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from postguard.server.registry.models import Division

        self.model = Division
        super().__init__(*args, **kwargs)


class DepartmentForm(_UnitForm):
    division = forms.ModelChoiceField(queryset=None)  # type: ignore[var-annotated]
    field_order = ["code", "name", "division", "hr_business_partners"]

    def __init__(self, *args: Any, actor: Actor, editing: bool = False, **kwargs: Any) -> None:
        self.model = Department
        super().__init__(*args, actor=actor, editing=editing, **kwargs)
        if editing:
            del self.fields["division"]
        else:
            self.fields["division"].queryset = selectors.divisions_visible_to(actor).order_by("name")  # type: ignore[attr-defined]
