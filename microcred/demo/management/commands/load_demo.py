from django.core.management.base import BaseCommand

from microcred.demo import loader


class Command(BaseCommand):
    help = (
        "Load the demo platform: issuers, micro-credentials, stacks, people and backpacks. "
        "Safe to run again: what exists is kept."
    )

    def handle(self, *args, **options):
        report = loader.load()
        if report.created:
            created = ", ".join(f"{n} {what}" for what, n in report.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {created}."))
        else:
            self.stdout.write("Demo data already present; nothing changed.")
        self.stdout.write("\nDemo sign-ins (every password is the same):\n")
        width = max(len(role) for role, _email, _password in loader.logins())
        for role, address, password in loader.logins():
            self.stdout.write(f"  {role.ljust(width)}  {address:<42} {password}")
        self.stdout.write("")
