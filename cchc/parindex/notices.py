"""The notifications of a PAR assessment's round trip (found at start-up by the notifications
app, sent by `parindex/tell.py` from the actions).

Submitted: the upper level's reviewers have an assessment to appraise; it clears when they
act on it (reopen, explanation round, final score). Returned: the unit must finish and submit
again; it clears on submission. Explanation: the unit is asked to explain adjusted criteria; it
clears when the final score is published. Appraised: the final score is out — news, kept until
read."""

from django.utils.translation import gettext_lazy as _

from cchc.notifications.kinds import Kind, register_kind

PAR_SUBMITTED = "par_submitted"
PAR_RETURNED = "par_returned"
PAR_EXPLAIN = "par_explain"
PAR_APPRAISED = "par_appraised"

register_kind(Kind(PAR_SUBMITTED, _("PAR self-assessment to appraise"), clears_when_done=True))
register_kind(
    Kind(PAR_RETURNED, _("PAR self-assessment returned to the unit"), clears_when_done=True)
)
register_kind(Kind(PAR_EXPLAIN, _("PAR appraisal to explain"), clears_when_done=True))
register_kind(Kind(PAR_APPRAISED, _("PAR final score announced"), clears_when_done=False))
