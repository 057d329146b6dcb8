// Amplify v6 GraphQL (queries, mutations, subscriptions) against the sandbox's AppSync stand-in.
// The Amplify singleton is signed in as "alice"; "bob" acts through plain HTTP with his own token.
import { outputs, uniqueEmail, unexpectedWarnings, PASSWORD } from './support/environment.mjs';
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { confirmSignUp, fetchAuthSession, signIn, signOut, signUp } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/api';
import { configureAmplify, SIGN_IN_OPTIONS } from './support/amplify.mjs';
import { signedInUser } from './support/cognito.mjs';
import {
  CREATE_COMMENT, CREATE_POST, CREATE_UPLOAD_URL, GET_POST, LIKE_POST, LIST_POSTS, ME, ON_CREATE_COMMENT,
  ON_CREATE_POST, UPDATE_POST, graphqlAs, graphqlErrorOf,
} from './support/graphql.mjs';
import { subscribe } from './support/subscriptions.mjs';

const TIMEOUT = { timeout: 30_000 };

describe('Amplify GraphQL against the sandbox', TIMEOUT, () => {
  let client;
  let alice; // { sub }
  let bob; // { sub, accessToken }
  let alicePost;
  let bobPost;

  before(async () => {
    configureAmplify();
    const email = uniqueEmail('alice');
    await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
    await confirmSignUp({ username: email, confirmationCode: '000000' });
    await signIn({ username: email, password: PASSWORD, options: SIGN_IN_OPTIONS });
    alice = { sub: (await fetchAuthSession()).tokens.accessToken.payload.sub };
    bob = await signedInUser(outputs.auth.user_pool_client_id, uniqueEmail('bob'));
    client = generateClient();
  });

  after(async () => {
    await signOut();
  });

  it('me returns the caller profile, created on first use', TIMEOUT, async () => {
    const { data } = await client.graphql({ query: ME });

    assert.equal(data.me.id, alice.sub);
    assert.equal(data.me.postCount, 0);
  });

  it('createPost makes the caller the author, version 1', TIMEOUT, async () => {
    const { data } = await client.graphql({
      query: CREATE_POST,
      variables: { input: { title: 'Hello from Amplify', content: 'first post' } },
    });

    alicePost = data.createPost;
    assert.equal(alicePost.authorId, alice.sub);
    assert.equal(alicePost.version, 1);
    assert.equal(alicePost.status, 'PUBLISHED');
    assert.equal(alicePost.likeCount, 0);
    const me = (await client.graphql({ query: ME })).data.me;
    assert.equal(me.postCount, 1);
  });

  it('getPost returns the post with its author', TIMEOUT, async () => {
    const { data } = await client.graphql({ query: GET_POST, variables: { id: alicePost.id } });

    assert.equal(data.getPost.title, 'Hello from Amplify');
    assert.equal(data.getPost.author.id, alice.sub);
    assert.deepEqual(data.getPost.comments.items, []);
  });

  it('updatePost with the current version bumps it by one', TIMEOUT, async () => {
    const { data } = await client.graphql({
      query: UPDATE_POST,
      variables: { input: { id: alicePost.id, expectedVersion: 1, title: 'Hello, edited' } },
    });

    assert.equal(data.updatePost.version, 2);
    assert.equal(data.updatePost.title, 'Hello, edited');
    assert.equal(data.updatePost.content, 'first post');
  });

  it('updatePost with a stale version is a ConflictError and changes nothing', TIMEOUT, async () => {
    const error = await graphqlErrorOf(client.graphql({
      query: UPDATE_POST,
      variables: { input: { id: alicePost.id, expectedVersion: 1, title: 'lost update' } },
    }));

    assert.equal(error.errorType, 'ConflictError');
    const { data } = await client.graphql({ query: GET_POST, variables: { id: alicePost.id } });
    assert.equal(data.getPost.title, 'Hello, edited');
    assert.equal(data.getPost.version, 2);
  });

  it('onCreatePost delivers another user\'s new post', TIMEOUT, async () => {
    const feed = await subscribe(client, ON_CREATE_POST);
    try {
      bobPost = (await graphqlAs(bob.accessToken, CREATE_POST, {
        input: { title: 'Bob was here', content: 'hi alice' },
      })).createPost;

      const event = await feed.next();

      assert.equal(event.onCreatePost.id, bobPost.id);
      assert.equal(event.onCreatePost.authorId, bob.sub);
      assert.equal(event.onCreatePost.title, 'Bob was here');
    } finally {
      feed.unsubscribe();
    }
  });

  it('updatePost of another user\'s post is Unauthorized (owner rule)', TIMEOUT, async () => {
    const error = await graphqlErrorOf(client.graphql({
      query: UPDATE_POST,
      variables: { input: { id: bobPost.id, expectedVersion: 1, title: 'hijacked' } },
    }));

    assert.equal(error.errorType, 'Unauthorized');
    const { data } = await client.graphql({ query: GET_POST, variables: { id: bobPost.id } });
    assert.equal(data.getPost.title, 'Bob was here');
    assert.equal(data.getPost.version, 1);
  });

  it('listPosts is newest first and includes both posts', TIMEOUT, async () => {
    const { data } = await client.graphql({ query: LIST_POSTS, variables: { limit: 100 } });

    const ids = data.listPosts.items.map((post) => post.id);
    assert.ok(ids.indexOf(bobPost.id) >= 0 && ids.indexOf(alicePost.id) > ids.indexOf(bobPost.id), ids.join());
    const times = data.listPosts.items.map((post) => post.createdAt);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  it('likePost counts one like per user', TIMEOUT, async () => {
    const first = (await client.graphql({ query: LIKE_POST, variables: { id: bobPost.id } })).data.likePost;
    const second = (await client.graphql({ query: LIKE_POST, variables: { id: bobPost.id } })).data.likePost;

    assert.equal(first.likeCount, 1);
    assert.equal(second.likeCount, 1);
  });

  it('onCreateComment(postId) delivers comments on that post only', TIMEOUT, async () => {
    const comments = await subscribe(client, ON_CREATE_COMMENT, { postId: alicePost.id });
    try {
      // Filtered out first: if it were (wrongly) delivered, it would arrive before the matching one.
      await graphqlAs(bob.accessToken, CREATE_COMMENT, { input: { postId: bobPost.id, content: 'on my own post' } });
      const expected = (await graphqlAs(bob.accessToken, CREATE_COMMENT, {
        input: { postId: alicePost.id, content: 'nice post, alice' },
      })).createComment;

      const event = await comments.next();

      assert.equal(event.onCreateComment.id, expected.id);
      assert.equal(event.onCreateComment.postId, alicePost.id);
      assert.equal(event.onCreateComment.authorId, bob.sub);
      assert.deepEqual(comments.pending, []);
    } finally {
      comments.unsubscribe();
    }
  });

  it('createComment through Amplify shows up on the post', TIMEOUT, async () => {
    const { data } = await client.graphql({
      query: CREATE_COMMENT,
      variables: { input: { postId: alicePost.id, content: 'thanks, bob' } },
    });

    assert.equal(data.createComment.authorId, alice.sub);
    const post = (await client.graphql({ query: GET_POST, variables: { id: alicePost.id } })).data.getPost;
    assert.deepEqual(post.comments.items.map((comment) => comment.content), ['nice post, alice', 'thanks, bob']);
    assert.equal(post.commentCount, 2);
  });

  it('uploads an image with a presigned POST and attaches it to a post', TIMEOUT, async () => {
    const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const target = (await client.graphql({
      query: CREATE_UPLOAD_URL,
      variables: { contentType: 'image/png', contentLength: image.length },
    })).data.createUploadUrl;
    assert.ok(target.key.startsWith(`private/${alice.sub}/`), target.key);

    const form = new FormData();
    const fields = typeof target.fields === 'string' ? JSON.parse(target.fields) : target.fields;
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([image], { type: 'image/png' }));
    const upload = await fetch(target.url, { method: 'POST', body: form });
    assert.ok(upload.status >= 200 && upload.status < 300, `upload answered ${upload.status}`);

    const post = (await client.graphql({
      query: CREATE_POST,
      variables: { input: { title: 'With a picture', content: 'see image', imageKey: target.key } },
    })).data.createPost;
    const { imageUrl } = (await client.graphql({ query: GET_POST, variables: { id: post.id } })).data.getPost;
    const download = await fetch(imageUrl);
    assert.equal(download.status, 200);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), image);
  });

  it('emitted no warning except the local-endpoint one', () => {
    assert.deepEqual(unexpectedWarnings(), []);
  });
});
