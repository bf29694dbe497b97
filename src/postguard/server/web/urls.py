"""The web app's URLs (mounted at /)."""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from postguard.server.web.views import approvals, audit, auth, check, dashboard, home, incidents, registry

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    # browsers ask for /favicon.ico on pages that name none (the admin's)
    path("favicon.ico", RedirectView.as_view(url=static("web/favicon.svg"), permanent=True)),
    path("signin/", auth.SignInView.as_view(), name="signin"),
    path("signout/", auth.SignOutView.as_view(), name="signout"),
    path("check/", check.check, name="check"),
    path("checks/<int:pk>/", check.check_detail, name="check-detail"),
    path("checks/<int:pk>/fix/", check.check_fix, name="check-fix"),
    path("checks/<int:pk>/submit/", check.check_submit, name="check-submit"),
    path("checks/<int:pk>/photos/<int:number>/", check.check_photo, name="check-photo"),
    path("checks/<int:pk>/photos/<int:number>/download/", check.check_photo_download, name="check-photo-download"),
    path("approvals/", approvals.queue, name="approvals"),
    path("approvals/<int:pk>/", approvals.approval, name="approval"),
    path("approvals/<int:pk>/decide/", approvals.decide, name="approval-decide"),
    path("approvals/<int:pk>/withdraw/", approvals.withdraw, name="approval-withdraw"),
    path("incidents/", incidents.incidents, name="incidents"),
    path("incidents/new/", incidents.report, name="incident-new"),
    path("incidents/<int:pk>/", incidents.incident, name="incident"),
    path("incidents/<int:pk>/act/", incidents.act, name="incident-act"),
    path("incidents/<int:pk>/photos/<int:number>/", incidents.photo, name="incident-photo"),
    path("withdrawals/", incidents.withdrawals, name="withdrawals"),
    path("withdrawals/<int:pk>/restore/", incidents.restore, name="withdrawal-restore"),
    path("withdrawals/export/", incidents.export, name="withdrawals-export"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("registry/", registry.registry, name="registry"),
    path("registry/organisation/", registry.organisation, name="organisation"),
    path("registry/divisions/new/", registry.division_new, name="division-new"),
    path("registry/divisions/<int:pk>/", registry.division_edit, name="division"),
    path("registry/departments/new/", registry.department_new, name="department-new"),
    path("registry/departments/<int:pk>/", registry.department_edit, name="department"),
    path("registry/accounts/", registry.accounts, name="accounts"),
    path("registry/accounts/new/", registry.account_new, name="account-new"),
    path("registry/accounts/<int:pk>/", registry.account, name="account"),
    path("registry/people/", registry.people, name="people"),
    path("registry/people/new/", registry.person_new, name="person-new"),
    path("registry/people/<int:pk>/", registry.person, name="person"),
    path("registry/consents/", registry.consents, name="consents"),
    path("registry/consents/new/", registry.consent_new, name="consent-new"),
    path("registry/consents/<int:pk>/", registry.consent, name="consent"),
    path("registry/consents/<int:pk>/evidence/", registry.consent_evidence, name="consent-evidence"),
    path("registry/consents/<int:pk>/revoke/", registry.consent_revoke, name="consent-revoke"),
    path("registry/permissions/", registry.permissions, name="permissions"),
    path("registry/permissions/new/", registry.permission_new, name="permission-new"),
    path("registry/authorisations/", registry.authorisations, name="authorisations"),
    path("registry/authorisations/new/", registry.authorisation_new, name="authorisation-new"),
    path("audit/", audit.audit, name="audit"),
]
