// Amplify v6 auth against the sandbox: sign-up, confirmation, sign-in, refresh, attributes, sign-out.
import { exchanges, outputs, uniqueEmail, unexpectedWarnings, PASSWORD } from './support/environment.mjs';
import assert from 'node:assert/strict';
import { describe, it, before } from 'node:test';
import {
  confirmSignUp, fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut, signUp,
} from 'aws-amplify/auth';
import { configureAmplify, SIGN_IN_OPTIONS } from './support/amplify.mjs';
import { cognito, jwtClaims } from './support/cognito.mjs';

const TIMEOUT = { timeout: 30_000 };
const email = uniqueEmail('auth');

function targetsSince(index) {
  return exchanges.slice(index).map((exchange) => exchange.target).filter(Boolean);
}

describe('Amplify auth against the sandbox Cognito', TIMEOUT, () => {
  before(() => configureAmplify());

  it('signs up a user who must confirm', TIMEOUT, async () => {
    const result = await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });

    assert.equal(result.isSignUpComplete, false);
    assert.equal(result.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
    assert.ok(result.userId, 'Cognito returns the new user sub');
  });

  it('does not sign in before confirmation', TIMEOUT, async () => {
    // Amplify turns Cognito's UserNotConfirmedException into a next step.
    const result = await signIn({ username: email, password: PASSWORD, options: SIGN_IN_OPTIONS });

    assert.equal(result.isSignedIn, false);
    assert.equal(result.nextStep.signInStep, 'CONFIRM_SIGN_UP');
  });

  it('confirms the sign-up', TIMEOUT, async () => {
    const result = await confirmSignUp({ username: email, confirmationCode: '000000' });

    assert.equal(result.isSignUpComplete, true);
  });

  it('refuses a wrong password', TIMEOUT, async () => {
    await assert.rejects(
      signIn({ username: email, password: `${PASSWORD}-wrong`, options: SIGN_IN_OPTIONS }),
      (error) => error.name === 'NotAuthorizedException',
    );
  });

  it('signs in with USER_PASSWORD_AUTH', TIMEOUT, async () => {
    const result = await signIn({ username: email, password: PASSWORD, options: SIGN_IN_OPTIONS });

    assert.equal(result.isSignedIn, true);
    assert.equal(result.nextStep.signInStep, 'DONE');
    const user = await getCurrentUser();
    assert.ok(user.userId);
  });

  it('issues tokens for this user pool and app client', TIMEOUT, async () => {
    const { tokens } = await fetchAuthSession();

    const access = tokens.accessToken.payload;
    assert.equal(access.token_use, 'access');
    assert.equal(access.client_id, outputs.auth.user_pool_client_id);
    assert.ok(access.iss.endsWith(`/${outputs.auth.user_pool_id}`), access.iss);
    assert.equal(tokens.idToken.payload.aud, outputs.auth.user_pool_client_id);
    assert.equal(tokens.idToken.payload.sub, access.sub);
  });

  it('refreshes tokens through GetTokensFromRefreshToken', TIMEOUT, async () => {
    const before = (await fetchAuthSession()).tokens.accessToken;
    const mark = exchanges.length;

    const { tokens } = await fetchAuthSession({ forceRefresh: true });

    assert.ok(targetsSince(mark).includes('AWSCognitoIdentityProviderService.GetTokensFromRefreshToken'),
      `refresh used ${targetsSince(mark)}`);
    assert.notEqual(tokens.accessToken.toString(), before.toString());
    assert.notEqual(tokens.accessToken.payload.jti, before.payload.jti);
    assert.equal(tokens.accessToken.payload.sub, before.payload.sub);
    assert.ok(tokens.accessToken.payload.exp >= before.payload.exp);
  });

  it('reads the user attributes', TIMEOUT, async () => {
    const attributes = await fetchUserAttributes();
    const { userId } = await getCurrentUser();

    assert.equal(attributes.email, email);
    assert.equal(attributes.sub, userId);
  });

  it('gets AWS credentials from the identity pool when one is configured', TIMEOUT, async () => {
    const session = await fetchAuthSession();

    assert.equal(Boolean(outputs.auth.identity_pool_id), Boolean(session.identityId));
    if (outputs.auth.identity_pool_id) {
      assert.ok(session.identityId.startsWith(`${outputs.auth.aws_region}:`), session.identityId);
      assert.ok(session.credentials.accessKeyId && session.credentials.secretAccessKey);
    }
  });

  it('signs out by revoking the refresh token', TIMEOUT, async () => {
    const refreshRequest = exchanges.findLast((e) => e.target?.endsWith('.GetTokensFromRefreshToken'));
    const refreshToken = JSON.parse(refreshRequest.requestBody).RefreshToken;
    const mark = exchanges.length;

    await signOut();

    assert.ok(targetsSince(mark).includes('AWSCognitoIdentityProviderService.RevokeToken'),
      `sign-out used ${targetsSince(mark)}`);
    assert.equal((await fetchAuthSession()).tokens, undefined);
    await assert.rejects(getCurrentUser(), (error) => error.name === 'UserUnAuthenticatedException');
    // A revoked refresh token no longer yields tokens (Cognito's RevokeToken semantics).
    await assert.rejects(
      cognito('GetTokensFromRefreshToken', { ClientId: outputs.auth.user_pool_client_id, RefreshToken: refreshToken }),
      (error) => error.type === 'NotAuthorizedException',
    );
  });

  it('signs in again after signing out', TIMEOUT, async () => {
    const result = await signIn({ username: email, password: PASSWORD, options: SIGN_IN_OPTIONS });

    assert.equal(result.isSignedIn, true);
    assert.equal(jwtClaims((await fetchAuthSession()).tokens.accessToken.toString()).token_use, 'access');
    await signOut();
  });

  it('emitted no warning except the local-endpoint one', () => {
    assert.deepEqual(unexpectedWarnings(), []);
  });
});
