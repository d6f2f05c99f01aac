"""What beteiligung tells the rest of the portal (following sends the mails).

Both are sent after the transaction commits (transaction.on_commit), so a receiver reads what
is stored and no mail goes out for a change that was rolled back.
"""

from django.dispatch import Signal

# A public state change or a public answer of an entry (a Herausforderung): entry=, change= (the
# ModerationChange history row). Not sent while an entry is "eingegangen" (not public).
entry_changed = Signal()

# An entry hidden for breaking the rules: entry=, reason= (a HidingReason; `.label` says it in the
# active language) and hiding= (the Hiding row, with staff's explanation). The author is told.
entry_hidden = Signal()
