"""The web app's URLs (mounted at /)."""

from __future__ import annotations

from django.urls import path

from postguard.server.web.views import audit, auth, check, home, registry

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("signin/", auth.SignInView.as_view(), name="signin"),
    path("signout/", auth.SignOutView.as_view(), name="signout"),
    path("check/", check.check, name="check"),
    path("check/fix/", check.fix, name="check-fix"),
    path("check/photos/<str:sha>/", check.photo, name="check-photo"),
    path("check/photos/<str:sha>/download/", check.photo_download, name="check-photo-download"),
    path("registry/", registry.registry, name="registry"),
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
