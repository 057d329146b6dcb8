"""The self-mutating CDK Pipeline that deploys every environment of config/environments.yaml."""
