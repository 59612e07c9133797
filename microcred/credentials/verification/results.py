"""What a verification found: each check by name, its outcome and a message a person can
read, and for a presentation the result of every credential in it.

A failed check is an error, and the credential does not verify, where a standard says
MUST; it is a warning, and the credential still verifies, where 1EdTech's validator only
warns (a single value where plain JSON wants an array, which JSON-LD allows; a status
type this verifier does not read). `pinned_keys` names the keys that were trusted because
this platform's operator pinned them, not because they were fetched from the issuer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Check:
    name: str
    ok: bool
    message: str
    warning: bool = False

    def as_dict(self) -> dict:
        return {"check": self.name, "ok": self.ok, "message": self.message}


@dataclass
class Result:
    checks: list[Check] = field(default_factory=list)
    credential: dict | None = None
    kind: str = "credential"
    revoked: bool = False
    credentials: list[Result] = field(default_factory=list)
    pinned_keys: list[str] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return all(c.ok or c.warning for c in self.checks) and all(
            r.verified for r in self.credentials
        )

    @property
    def errors(self) -> list[Check]:
        return [c for c in self.checks if not c.ok and not c.warning]

    @property
    def warnings(self) -> list[Check]:
        return [c for c in self.checks if not c.ok and c.warning]

    def add(self, name: str, ok: bool, message: str, *, warning: bool = False) -> bool:
        self.checks.append(Check(name, ok, message, warning))
        return ok

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    def as_dict(self) -> dict:
        return {
            "verified": self.verified,
            "checks": [c.name for c in self.checks if c.ok],
            "warnings": [c.as_dict() for c in self.warnings],
            "errors": [c.as_dict() for c in self.errors],
            "pinnedKeys": list(dict.fromkeys(self.pinned_keys)),
        }
