// The GraphQL documents of the contract (backend/schema.graphql) used by the client tests, and a plain
// HTTP caller for the second user (AppSync's wire format: raw access token in Authorization, no Bearer).
import { outputs } from './environment.mjs';

// Subscriptions carry only what the triggering mutation selected, so mutations select at least this.
export const POST_FIELDS = 'id authorId title content imageKey status likeCount commentCount version createdAt updatedAt';
export const COMMENT_FIELDS = 'id postId authorId content createdAt';

export const ME = /* GraphQL */ `query Me { me { id username postCount } }`;
export const CREATE_POST = `mutation CreatePost($input: CreatePostInput!) { createPost(input: $input) { ${POST_FIELDS} } }`;
export const UPDATE_POST = `mutation UpdatePost($input: UpdatePostInput!) { updatePost(input: $input) { ${POST_FIELDS} } }`;
export const GET_POST = `query GetPost($id: ID!) {
  getPost(id: $id) { ${POST_FIELDS} imageUrl author { id username } comments { items { ${COMMENT_FIELDS} } nextToken } }
}`;
export const LIST_POSTS = `query ListPosts($limit: Int, $nextToken: String) {
  listPosts(limit: $limit, nextToken: $nextToken) { items { ${POST_FIELDS} author { id } } nextToken }
}`;
export const CREATE_COMMENT = `mutation CreateComment($input: CreateCommentInput!) { createComment(input: $input) { ${COMMENT_FIELDS} } }`;
export const LIKE_POST = `mutation LikePost($id: ID!) { likePost(id: $id) { ${POST_FIELDS} } }`;
export const CREATE_UPLOAD_URL = `mutation CreateUploadUrl($contentType: String!, $contentLength: Int!) {
  createUploadUrl(contentType: $contentType, contentLength: $contentLength) { url fields key expiresAt }
}`;
export const ON_CREATE_POST = `subscription OnCreatePost { onCreatePost { ${POST_FIELDS} } }`;
export const ON_CREATE_COMMENT = `subscription OnCreateComment($postId: ID) { onCreateComment(postId: $postId) { ${COMMENT_FIELDS} } }`;

export async function graphqlAs(accessToken, query, variables = {}) {
  const response = await fetch(outputs.data.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: accessToken },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) {
    throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

// Amplify's client.graphql rejects with the GraphQL result ({data, errors}) when errors come back.
export async function graphqlErrorOf(promise) {
  try {
    const result = await promise;
    throw new Error(`expected a GraphQL error, got ${JSON.stringify(result.data)}`);
  } catch (error) {
    if (!Array.isArray(error?.errors)) throw error;
    return error.errors[0];
  }
}
