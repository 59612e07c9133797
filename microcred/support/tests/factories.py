from microcred.support import services


def ticket_about(submission, *, subject="My fee was charged twice", body="Can you check?"):
    """The earner's ticket about their submission, opened through the service."""
    return services.open_ticket(
        submission, by=submission.enrollment.earner, subject=subject, body=body
    )
