"""The policy guard: code, never a prompt, decides what compensation a role may give.

An option is on the spot when the role is at or above the option's lowest role and the case's
total stays within the role's limit (and within the ratio of what the customer paid, when
known); escalating scenarios give nothing on the spot. Anything else needs approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.money import format_money
from bot.playbook import CompensationOption, Playbook, Role, Scenario


@dataclass(frozen=True, slots=True)
class Decision:
    option: CompensationOption
    index: int
    on_the_spot: bool
    reason: str


class EmpowermentPolicy:
    def __init__(self, playbook: Playbook) -> None:
        self.playbook = playbook

    def decide(self, scenario: Scenario, index: int, role: Role, given: Decimal,
               paid: Decimal | None) -> Decision:
        option = scenario.compensation[index]
        reason = self._blocker(scenario, option, role, given, paid)
        return Decision(option=option, index=index, on_the_spot=reason == "", reason=reason)

    def decide_all(self, scenario: Scenario, role: Role, given: Decimal,
                   paid: Decimal | None) -> list[Decision]:
        return [self.decide(scenario, index, role, given, paid)
                for index in range(len(scenario.compensation))]

    def may_approve(self, option: CompensationOption, approver: Role, given: Decimal) -> str:
        """Empty when `approver` may approve; otherwise why not, for the approver to read."""
        lowest = self.playbook.role(option.lowest_role)
        if approver.rank < lowest.rank or approver.rank == 0:
            return f"only a {self._at_least(lowest)} can approve this"
        total = given + option.value
        if total > approver.limit:
            limit = format_money(approver.limit, self.playbook.currency)
            return f"it would bring the case to {self._money(total)}, above your {limit} limit"
        return ""

    def _blocker(self, scenario: Scenario, option: CompensationOption, role: Role,
                 given: Decimal, paid: Decimal | None) -> str:
        if scenario.escalate:
            return "this scenario always goes to a manager"
        lowest = self.playbook.role(option.lowest_role)
        if role.rank < lowest.rank:
            return f"needs a {self._at_least(lowest)}"
        total = given + option.value
        if total > role.limit:
            return f"above your {self._money(role.limit)} limit for a case"
        if paid is not None and total > paid * self.playbook.max_ratio_of_paid:
            ratio = int(self.playbook.max_ratio_of_paid * 100)
            return f"above {ratio}% of the {self._money(paid)} they paid"
        return ""

    def _at_least(self, role: Role) -> str:
        return role.name if role.rank == len(self.playbook.roles) - 1 else f"{role.name} or above"

    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self.playbook.currency)
