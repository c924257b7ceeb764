"""The policy guard: code, never a prompt, decides what compensation a role may give.

An option is on the spot when the role is at or above the option's lowest role and the case's
total stays within the role's limit (and within the ratio of what the customer paid, when
known); escalating scenarios give nothing on the spot. Anything else needs approval.

Amounts fit the case: an option is priced as a fixed amount, a share of what was paid or the
amount in question, each capped. A correction (refunding a double charge) puts an error right
rather than giving goodwill: it is capped by the disputed amount and the role's correction
limit, and never counts against the goodwill limit or the ratio of what was paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.money import CENT, format_money
from bot.playbook import CompensationOption, Playbook, Role, Scenario


@dataclass(frozen=True, slots=True)
class Decision:
    option: CompensationOption
    index: int
    on_the_spot: bool
    reason: str
    amount: Decimal = Decimal(0)
    """What the option comes to on this case (its fixed value, or priced from the amounts)."""
    estimated: bool = False
    """Priced from what was paid or disputed, which nobody said: `amount` is the playbook's
    fallback, and the answer says how to get the exact one."""

    @property
    def correction(self) -> bool:
        return self.option.correction


def estimated(option: CompensationOption, paid: Decimal | None, disputed: Decimal | None) -> bool:
    """Whether `price` fell back to the fixed value for want of an amount."""
    if option.pricing == "share_of_paid":
        return paid is None
    if option.pricing == "amount_in_question":
        return disputed is None and paid is None
    return False


def price(option: CompensationOption, paid: Decimal | None, disputed: Decimal | None) -> Decimal:
    """The option's amount on a case: a remake costs what was paid, a refund of an error the
    amount in question; the fixed value when that amount is unknown; never above the cap."""
    amount = option.value
    if option.pricing == "share_of_paid" and paid is not None:
        amount = paid * option.share
    elif option.pricing == "amount_in_question":
        known = disputed if disputed is not None else paid
        amount = amount if known is None else known
    if option.cap is not None and option.pricing != "fixed":
        amount = min(amount, option.cap)
    return amount.quantize(CENT)


class EmpowermentPolicy:
    def __init__(self, playbook: Playbook) -> None:
        self.playbook = playbook

    def decide(self, scenario: Scenario, index: int, role: Role, given: Decimal,
               paid: Decimal | None, *, disputed: Decimal | None = None,
               corrected: Decimal = Decimal(0)) -> Decision:
        option = scenario.compensation[index]
        amount = price(option, paid, disputed)
        if option.correction:
            reason = self._correction_blocker(scenario, option, role, amount, corrected)
        else:
            reason = self._blocker(scenario, option, role, given + amount, paid)
        return Decision(option=option, index=index, on_the_spot=reason == "", reason=reason,
                        amount=amount, estimated=estimated(option, paid, disputed))

    def decide_all(self, scenario: Scenario, role: Role, given: Decimal,
                   paid: Decimal | None, *, disputed: Decimal | None = None,
                   corrected: Decimal = Decimal(0)) -> list[Decision]:
        return [self.decide(scenario, index, role, given, paid, disputed=disputed,
                            corrected=corrected)
                for index in range(len(scenario.compensation))]

    def correction_limit(self, role: Role) -> Decimal:
        return self.playbook.correction_limits.get(role.name, role.limit)

    def may_approve(self, option: CompensationOption, approver: Role, given: Decimal,
                    amount: Decimal | None = None, corrected: Decimal = Decimal(0)) -> str:
        """Empty when `approver` may approve `amount` (the option's value when None);
        otherwise why not, for the approver to read."""
        lowest = self.playbook.role(option.lowest_role)
        if approver.rank < lowest.rank or approver.rank == 0:
            return f"only a {self._at_least(lowest)} can approve this"
        value = option.value if amount is None else amount
        if option.correction:
            limit_value = self.correction_limit(approver)
            if corrected + value > limit_value:
                return (f"it would bring the corrections on this case to "
                        f"{self._money(corrected + value)}, above your "
                        f"{self._money(limit_value)} correction limit")
            return ""
        total = given + value
        if total > approver.limit:
            limit = format_money(approver.limit, self.playbook.currency)
            return f"it would bring the case to {self._money(total)}, above your {limit} limit"
        return ""

    def _blocker(self, scenario: Scenario, option: CompensationOption, role: Role,
                 total: Decimal, paid: Decimal | None) -> str:
        if scenario.escalate:
            return "this scenario always goes to a manager"
        lowest = self.playbook.role(option.lowest_role)
        if role.rank < lowest.rank:
            return f"needs a {self._at_least(lowest)}"
        if total > role.limit:
            return f"above your {self._money(role.limit)} limit for a case"
        if paid is not None and total > paid * self.playbook.max_ratio_of_paid:
            ratio = int(self.playbook.max_ratio_of_paid * 100)
            return f"above {ratio}% of the {self._money(paid)} they paid"
        return ""

    def _correction_blocker(self, scenario: Scenario, option: CompensationOption, role: Role,
                            amount: Decimal, corrected: Decimal) -> str:
        if scenario.escalate:
            return "this scenario always goes to a manager"
        lowest = self.playbook.role(option.lowest_role)
        if role.rank < lowest.rank:
            return f"needs a {self._at_least(lowest)}"
        limit = self.correction_limit(role)
        if corrected + amount > limit:
            return f"above your {self._money(limit)} correction limit for a case"
        return ""

    def _at_least(self, role: Role) -> str:
        return role.name if role.rank == len(self.playbook.roles) - 1 else f"{role.name} or above"

    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self.playbook.currency)
