"""The reference data every decision may need, loaded once by the caller."""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from orientest.forms.questions import Form, build_forms
from orientest.reference.school_calendar import SchoolCalendar
from orientest.reference.sectors import Sectors
from orientest.reference.territory import Communes


@dataclass(frozen=True)
class Referential:
    communes: Communes
    sectors: Sectors
    calendar: SchoolCalendar

    @cached_property
    def forms(self) -> Mapping[str, Form]:
        """Every form, whose sector questions offer the ROME domains of `sectors`."""
        return build_forms(self.sectors)
