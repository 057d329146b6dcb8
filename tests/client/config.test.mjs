// The generated amplify_outputs.json as Amplify v6 itself reads it (the same parser Amplify.configure uses).
import { outputs, unexpectedWarnings } from './support/environment.mjs';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Amplify } from 'aws-amplify';
import { parseAmplifyConfig } from '@aws-amplify/core/internals/utils';
import { configureAmplify } from './support/amplify.mjs';

describe('amplify_outputs.json as Amplify reads it', () => {
  const config = parseAmplifyConfig(outputs);

  it('is recognised as Gen 2 outputs', () => {
    // Gen 1 (aws-exports) keys would mean Amplify did not recognise the version.
    assert.equal(config.aws_project_region, undefined);
    assert.ok(config.Auth && config.API && config.Storage);
  });

  it('sends GraphQL with user-pool tokens to the data URL', () => {
    assert.equal(config.API.GraphQL.endpoint, outputs.data.url);
    assert.equal(config.API.GraphQL.defaultAuthMode, 'userPool');
    assert.equal(config.API.GraphQL.region, outputs.data.aws_region);
  });

  it('knows the user pool, email sign-in, password policy, MFA and groups', () => {
    const cognito = config.Auth.Cognito;
    assert.equal(cognito.userPoolId, outputs.auth.user_pool_id);
    assert.equal(cognito.userPoolClientId, outputs.auth.user_pool_client_id);
    assert.equal(cognito.loginWith.email, true);
    assert.equal(cognito.loginWith.username, false);
    assert.deepEqual(cognito.userAttributes, { email: { required: true } });
    assert.ok(cognito.passwordFormat.minLength >= 8);
    assert.equal(cognito.mfa.status, 'optional');
    assert.equal(cognito.mfa.totpEnabled, true);
    assert.deepEqual(cognito.groups, [{ admins: { precedence: 0 } }]);
    // Guests (apps before sign-in) get identity-pool credentials for appConfig.
    assert.equal(cognito.allowGuestAccess, true);
  });

  it('points Storage at the media bucket', () => {
    assert.equal(config.Storage.S3.bucket, outputs.storage.bucket_name);
    assert.equal(config.Storage.S3.region, outputs.storage.aws_region);
  });

  it('configures without Pinpoint (its end-of-support warning) or any warning but the local endpoints', () => {
    configureAmplify();

    assert.equal(Amplify.getConfig().Analytics, undefined);
    assert.equal(Amplify.getConfig().Notifications, undefined);
    assert.deepEqual(unexpectedWarnings(), []);
  });
});
