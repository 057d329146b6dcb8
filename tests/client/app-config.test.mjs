// An app at start-up, before anyone signs in: Amplify v6 configured from amplify_outputs.json, guest credentials
// from the identity pool, the generated appConfig query with authMode 'iam' (README, "Forced update and remote
// switches"). A guest reaches nothing else.
import { outputs, exchanges, unexpectedWarnings } from './support/environment.mjs';
import assert from 'node:assert/strict';
import { describe, it, before } from 'node:test';
import { fetchAuthSession } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/api';
import { configureAmplify } from './support/amplify.mjs';
import { graphqlErrorOf } from './support/graphql.mjs';
import { appConfig, health, listPosts } from '../../clients/javascript/queries.js';

const TIMEOUT = { timeout: 30_000 };

describe('appConfig before sign-in (guest credentials, authMode iam)', TIMEOUT, () => {
  let client;

  before(() => {
    configureAmplify();
    client = generateClient();
  });

  it('gets guest credentials from the identity pool, without tokens', TIMEOUT, async () => {
    assert.equal(outputs.auth.unauthenticated_identities_enabled, true);
    const session = await fetchAuthSession();

    assert.equal(session.tokens, undefined, 'nobody signed in');
    assert.ok(session.identityId?.startsWith(`${outputs.auth.aws_region}:`), session.identityId);
    assert.ok(session.credentials?.accessKeyId && session.credentials?.sessionToken);
    const targets = exchanges.map((e) => e.target);
    assert.ok(targets.includes('AWSCognitoIdentityService.GetId'), `${targets}`);
    assert.ok(targets.includes('AWSCognitoIdentityService.GetCredentialsForIdentity'), `${targets}`);
    const getId = exchanges.find((e) => e.target === 'AWSCognitoIdentityService.GetId');
    assert.deepEqual(Object.keys(JSON.parse(getId.requestBody).Logins ?? {}), [], 'a guest presents no logins');
  });

  it('answers the generated appConfig query: a far newer version is supported, with every switch', TIMEOUT, async () => {
    const { data } = await client.graphql({
      query: appConfig,
      variables: { platform: 'IOS', version: '999.0.0' },
      authMode: 'iam',
    });

    assert.equal(data.appConfig.__typename, 'AppConfig');
    assert.equal(data.appConfig.supported, true);
    const names = data.appConfig.switches.map((s) => s.name);
    assert.deepEqual(names, [...names].sort(), 'switches come sorted by name');
    for (const entry of data.appConfig.switches) {
      assert.equal(entry.__typename, 'FeatureSwitch');
      assert.equal(typeof entry.enabled, 'boolean');
    }
  });

  it('tells an app below the minimum to update', TIMEOUT, async () => {
    for (const platform of ['IOS', 'ANDROID', 'WEB']) {
      const { data } = await client.graphql({
        query: appConfig, variables: { platform, version: '0.0.0-0' }, authMode: 'iam',
      });
      // Unsupported exactly where the platform has a minimum (the lowest semver version is below any).
      assert.equal(data.appConfig.supported, data.appConfig.minimumVersion === null, platform);
    }
  });

  it('refuses a version that is not semver with BadRequest', TIMEOUT, async () => {
    const error = await graphqlErrorOf(client.graphql({
      query: appConfig, variables: { platform: 'ANDROID', version: '1.2' }, authMode: 'iam',
    }));

    assert.equal(error.errorType, 'BadRequest');
  });

  it('refuses a guest any other field, even an IAM-callable one', TIMEOUT, async () => {
    for (const [query, field] of [[health, 'health'], [listPosts, 'listPosts']]) {
      const error = await graphqlErrorOf(client.graphql({ query, authMode: 'iam' }));

      assert.equal(error.errorType, 'Unauthorized', field);
      assert.equal(error.message, `Not Authorized to access ${field} on type Query`);
    }
  });

  it('configured without any warning but the local endpoints', () => {
    assert.deepEqual(unexpectedWarnings(), []);
  });
});
