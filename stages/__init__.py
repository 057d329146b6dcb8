from .mobile_backend import MobileBackendStage

__all__ = ["MobileBackendStage"]
