"""Signing in in tests, as the admin pages expect."""

from __future__ import annotations


def admin_login(client, user):
    """Log `user` in and confirm their password as if just re-entered, so the admin's
    role-change and delete pages open (cchc/accounts/reauth.py; its own tests check the
    confirmation itself)."""
    from cchc.accounts.reauth import mark_confirmed

    client.force_login(user)
    request = type("Request", (), {"session": client.session})()
    mark_confirmed(request)
    request.session.save()
    return client
