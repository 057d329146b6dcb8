// Direct Cognito user-pool calls (JSON 1.1 protocol, unauthenticated operations only) for a second user,
// since Amplify's auth is a process-wide singleton that belongs to the user under test.
import { sandbox, PASSWORD } from './environment.mjs';

export async function cognito(operation, body) {
  const response = await fetch(sandbox.cognito_idp_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let payload;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new Error(`${operation}: HTTP ${response.status}, not a Cognito JSON answer: ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    const error = new Error(`${operation}: ${payload.__type ?? response.status}: ${payload.message ?? ''}`);
    error.type = payload.__type;
    throw error;
  }
  return payload;
}

// Signs a fresh user up, confirms them (moto accepts any confirmation code) and signs them in.
export async function signedInUser(clientId, email) {
  await cognito('SignUp', {
    ClientId: clientId,
    Username: email,
    Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: email }],
  });
  await cognito('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: '000000' });
  const { AuthenticationResult: tokens } = await cognito('InitiateAuth', {
    ClientId: clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD },
  });
  return { email, accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken, sub: jwtClaims(tokens.AccessToken).sub };
}

export function jwtClaims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
