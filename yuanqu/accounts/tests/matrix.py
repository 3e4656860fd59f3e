"""Permission matrix of the account pages: only the security admin manages users."""

from yuanqu.testing.matrix import EVERYONE, Case


def _user(w):
    return {"pk": w["nobody"].pk}


def _assignment(w):
    return {"pk": w["leader_b"].pk, "assignment_pk": w["leader_b"].roles.get().pk}


SEC = {"secadmin"}

CASES = [
    Case("accounts:login", ok=set(), anon_status=200, special={p: 302 for p in EVERYONE}),
    Case("accounts:logout", method="post", ok=EVERYONE, ok_status=302),
    Case("accounts:profile", ok=EVERYONE),
    Case("accounts:password_change", ok=EVERYONE),
    Case("accounts:user_list", ok=SEC),
    Case("accounts:user_create", ok=SEC),
    Case("accounts:user_detail", ok=SEC, kwargs=_user),
    Case("accounts:user_edit", method="post", ok=SEC, ok_status=302, kwargs=_user,
         data=lambda w: {"version": w["nobody"].version, "name": "新名字", "phone": "", "email": ""}),
    Case("accounts:user_password", method="post", ok=SEC, ok_status=302, kwargs=_user,
         data=lambda w: {"password": "Xiangtan#2021"}),
    Case("accounts:user_active", method="post", ok=SEC, ok_status=302, kwargs=_user, data=lambda w: {"active": "0"}),
    Case("accounts:role_assign", method="post", ok=SEC, ok_status=302, kwargs=_user, data=lambda w: {"role": "city"}),
    Case("accounts:role_revoke", method="post", ok=SEC, ok_status=302, kwargs=_assignment),
    # Two-factor pages: anyone signed in binds its own authenticator; with none bound, the verify
    # page has nothing to ask and sends the user on.
    Case("accounts:twofactor_setup", ok=EVERYONE),
    Case("accounts:twofactor_verify", ok=EVERYONE, ok_status=302),
    Case("accounts:twofactor_remove", method="post", ok=EVERYONE, ok_status=302),
    Case("accounts:twofactor_reset", method="post", ok=SEC, ok_status=302, kwargs=_user),
]
