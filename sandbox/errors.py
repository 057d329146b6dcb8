"""Start-up errors meant for the developer, shared by the subpackages (imports nothing from the sandbox)."""

from __future__ import annotations


class TemplateError(RuntimeError):
    """The stage template is missing, cannot be synthesized, or is not a MobileBackend stack."""


class SandboxError(RuntimeError):
    """A startup problem with a message meant for the developer."""
