"""What a run writes once the mailer has answered: delivery results, the day's cap, interrupted runs."""

from orientest.sending.settled import settled_plans

__all__ = ["settled_plans"]
