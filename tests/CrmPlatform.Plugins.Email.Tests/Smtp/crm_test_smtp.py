"""The SMTP server's handler in the email plugin's tests (run by aiosmtpd, see SmtpTestServer.cs).

Stores every accepted message in a Maildir, like aiosmtpd.handlers.Mailbox, but refuses
recipients whose local part starts with 'reject' (550 5.1.1, permanent) or 'busy'
(452 4.2.2, transient), as real servers do.
"""
from aiosmtpd.handlers import Mailbox


class RefusingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split('@', 1)[0].lower()
        if local.startswith('reject'):
            return '550 5.1.1 <%s>: Recipient address rejected: user unknown' % address
        if local.startswith('busy'):
            return '452 4.2.2 <%s>: Mailbox full, try again later' % address
        envelope.rcpt_tos.append(address)
        return '250 OK'
