// The generated client code (clients/, `make codegen`) against the sandbox, through Amplify v6: the statements
// an app would ship, with their full default selections (nested author, __typename), as Amplify sends them.
// tests/unit/test_codegen.py shows the TypeScript statements are these same documents, and clients/ is fresh.
import { outputs, uniqueEmail, unexpectedWarnings, PASSWORD } from './support/environment.mjs';
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { confirmSignUp, fetchAuthSession, signIn, signOut, signUp } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/api';
import { configureAmplify, SIGN_IN_OPTIONS } from './support/amplify.mjs';
import { signedInUser } from './support/cognito.mjs';
import { graphqlAs } from './support/graphql.mjs';
import { subscribe } from './support/subscriptions.mjs';
import { getPost, listPostsByAuthor, me } from '../../clients/javascript/queries.js';
import { createComment, createPost, likePost } from '../../clients/javascript/mutations.js';
import { onCreateComment, onUpdatePost } from '../../clients/javascript/subscriptions.js';

const TIMEOUT = { timeout: 30_000 };

describe('generated statements against the sandbox', TIMEOUT, () => {
  let client;
  let alice; // { sub }
  let bob; // { sub, accessToken }
  let post;

  before(async () => {
    configureAmplify();
    const email = uniqueEmail('gen-alice');
    await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
    await confirmSignUp({ username: email, confirmationCode: '000000' });
    await signIn({ username: email, password: PASSWORD, options: SIGN_IN_OPTIONS });
    alice = { sub: (await fetchAuthSession()).tokens.accessToken.payload.sub };
    bob = await signedInUser(outputs.auth.user_pool_client_id, uniqueEmail('gen-bob'));
    client = generateClient();
  });

  after(async () => {
    await signOut();
  });

  it('mutation createPost returns the whole default selection', TIMEOUT, async () => {
    const { data } = await client.graphql({
      query: createPost,
      variables: { input: { title: 'Generated', content: 'from clients/javascript' } },
    });

    post = data.createPost;
    assert.equal(post.__typename, 'Post');
    assert.equal(post.authorId, alice.sub);
    assert.equal(post.author.__typename, 'User');
    assert.equal(post.author.id, alice.sub);
    assert.equal(post.version, 1);
    assert.equal(post.likedByMe, false);
    assert.equal(post.imageUrl, null);
    assert.deepEqual(post.comments, { __typename: 'CommentConnection', nextToken: null });
  });

  it('queries getPost, listPostsByAuthor and me agree with the mutation', TIMEOUT, async () => {
    const fetched = (await client.graphql({ query: getPost, variables: { id: post.id } })).data.getPost;
    const listed = (await client.graphql({ query: listPostsByAuthor, variables: { authorId: alice.sub } })).data;
    const profile = (await client.graphql({ query: me })).data.me;

    assert.deepEqual(fetched, post);
    assert.deepEqual(listed.listPostsByAuthor.items.map((item) => item.id), [post.id]);
    assert.equal(profile.postCount, 1);
    assert.deepEqual(fetched.author, profile);
  });

  it('subscription onCreateComment(postId) delivers the mutation\'s result as selected', TIMEOUT, async () => {
    const comments = await subscribe(client, onCreateComment, { postId: post.id });
    try {
      const created = (await graphqlAs(bob.accessToken, createComment, {
        input: { postId: post.id, content: 'generated hello' },
      })).createComment;

      const event = await comments.next();

      assert.equal(created.authorId, bob.sub);
      assert.deepEqual(event.onCreateComment, created);
    } finally {
      comments.unsubscribe();
    }
  });

  it('subscription onUpdatePost(id) delivers likePost with the new count', TIMEOUT, async () => {
    const updates = await subscribe(client, onUpdatePost, { id: post.id });
    try {
      const liked = (await graphqlAs(bob.accessToken, likePost, { id: post.id })).likePost;

      const event = await updates.next();

      assert.equal(liked.likeCount, 1);
      assert.equal(event.onUpdatePost.id, post.id);
      assert.equal(event.onUpdatePost.likeCount, 1);
      assert.equal(event.onUpdatePost.commentCount, 1);
    } finally {
      updates.unsubscribe();
    }
  });

  it('emitted no warning except the local-endpoint one', () => {
    assert.deepEqual(unexpectedWarnings(), []);
  });
});
