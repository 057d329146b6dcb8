from .mobile_backend import MobileBackendStage, integration_test_role_name, integration_test_runner_role_name

__all__ = ["MobileBackendStage", "integration_test_role_name", "integration_test_runner_role_name"]
