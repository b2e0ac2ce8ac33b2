"""The connection problem in the operator's words, with what to check (translated). The
connector's own technical text goes to the tooltip, for the PBX administrator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..asterisk.problems import LinkProblem


def problem_text(problem: LinkProblem, server: str) -> str:
    texts = {
        LinkProblem.REFUSED: QCoreApplication.translate(
            "Problem",
            "Nothing answers at %s. Check the host and the port, that AMI is enabled on the "
            "PBX (manager.conf: enabled = yes, and its port) and that no firewall rejects "
            "this computer.",
        ),
        LinkProblem.TIMEOUT: QCoreApplication.translate(
            "Problem",
            "%s does not answer. Check the host name or address and the port, and that no "
            "firewall drops the connection.",
        ),
        LinkProblem.UNKNOWN_HOST: QCoreApplication.translate(
            "Problem", "The host name of %s is not known. Check the host in the settings."
        ),
        LinkProblem.UNREACHABLE: QCoreApplication.translate(
            "Problem", "There is no route to %s. Check the network and the host address."
        ),
        LinkProblem.TLS: QCoreApplication.translate(
            "Problem",
            "The secure (TLS) connection to %s failed. Check the TLS settings (port, CA file, "
            "certificate fingerprint) and the PBX's certificate.",
        ),
        LinkProblem.LOGIN: QCoreApplication.translate(
            "Problem",
            "Asterisk at %s refused the login. Check the user name and the secret in the "
            "settings; on the PBX, this user in manager.conf and its permit/deny for this "
            "computer's address.",
        ),
        LinkProblem.PERMISSION: QCoreApplication.translate(
            "Problem",
            "Asterisk at %s accepted the login but this AMI user may not do what the panel "
            "needs. Check the user's read and write classes in manager.conf.",
        ),
        LinkProblem.SETTING: QCoreApplication.translate(
            "Problem", "The settings for %s cannot work as they are. Check them in the settings."
        ),
        LinkProblem.LOST: QCoreApplication.translate(
            "Problem",
            "The connection to %s was lost (the PBX restarted or the network dropped).",
        ),
    }
    return texts[problem] % server
