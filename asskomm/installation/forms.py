"""The form of a new alliance; its checks are the service's (the command line gives the same messages)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField

from tenants.districts import LAENDER

from ..accounts.alliances import LIMITS, AllianceSpec, problems
from ..forms import ListField

LAND_CHOICES = [("", "– bitte wählen –")] + [(name, name) for name in sorted(LAENDER.values())]


class AllianceForm(FlaskForm):
    name = StringField("Name des Netzwerks", render_kw={"maxlength": LIMITS["name"]})
    short_name = StringField("Kurzform", render_kw={"maxlength": LIMITS["short_name"]})
    slug = StringField("Kurzname (in Adressen und auf der Kommandozeile)", render_kw={"maxlength": 40})
    federal_state = ListField("Bundesland", choices=LAND_CHOICES)
    host = StringField("Hostname", render_kw={"maxlength": 253, "autocapitalize": "none", "spellcheck": "false"})
    operator_name = StringField("Betreiber (der Landespräventionsrat)",
                                render_kw={"maxlength": LIMITS["operator_name"]})
    admin_name = StringField("Name der ersten Landesadministration",
                             render_kw={"maxlength": LIMITS["admin_name"], "autocomplete": "off"})
    admin_email = EmailField("E-Mail-Adresse der ersten Landesadministration",
                             render_kw={"maxlength": LIMITS["admin_email"], "autocomplete": "off"})

    def spec(self) -> AllianceSpec:
        return AllianceSpec(**{name: self[name].data or "" for name in (
            "slug", "name", "short_name", "federal_state", "host", "operator_name", "admin_email", "admin_name")}
        ).cleaned()

    def validate(self, extra_validators=None) -> bool:
        """The service's problems at their fields, every one at once; a field that already has a
        message (an unknown Land from the list) keeps only that one."""
        valid = super().validate(extra_validators)
        found = problems(self.spec())
        for name, message in found.items():
            if not self[name].errors:
                self[name].errors.append(message)
        return valid and not found
