"""Who is calling and what they may reach: Cognito JWTs and SigV4, auth directives, the Cognito front."""
