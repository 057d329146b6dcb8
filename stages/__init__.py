from .mobile_backend import MobileBackendStage, test_runner_role_name, test_user_role_name

__all__ = ["MobileBackendStage", "test_runner_role_name", "test_user_role_name"]
