// Configures the Amplify singleton from the generated amplify_outputs.json plus the local endpoint overrides.
import { Amplify } from 'aws-amplify';
import { parseAmplifyConfig } from '@aws-amplify/core/internals/utils';
import { outputs, sandbox } from './environment.mjs';

export function configureAmplify() {
  const config = parseAmplifyConfig(outputs);
  const cognito = { ...config.Auth.Cognito, userPoolEndpoint: sandbox.cognito_idp_endpoint };
  if (cognito.identityPoolId) {
    // Without an override, fetchAuthSession would ask cognito-identity.<region>.amazonaws.com for credentials.
    const identityEndpoint = sandbox.cognito_identity_endpoint ?? sandbox.aws_endpoint;
    if (!identityEndpoint) {
      throw new Error('auth.identity_pool_id is set but custom.sandbox has no aws_endpoint for Cognito Identity');
    }
    cognito.identityPoolEndpoint = identityEndpoint;
  }
  Amplify.configure({ ...config, Auth: { ...config.Auth, Cognito: cognito } });
}

// USER_PASSWORD_AUTH: moto completes SRP without checking the password (README, "Known differences from
// AWS"), so locally the password flow is the one that actually verifies credentials.
export const SIGN_IN_OPTIONS = { authFlowType: 'USER_PASSWORD_AUTH' };
