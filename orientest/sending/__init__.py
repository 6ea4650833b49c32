"""What a run writes once the mailer has answered: delivery results, the day's cap, interrupted runs."""
