"""The cloud side of the mobile backend: one construct per capability, composed by MobileBackendStack."""
