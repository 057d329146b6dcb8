/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "./API";
type GeneratedMutation<InputType, OutputType> = string & {
  __generatedMutationInput: InputType;
  __generatedMutationOutput: OutputType;
};

export const updateProfile = /* GraphQL */ `mutation UpdateProfile($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    id
    username
    displayName
    bio
    avatarKey
    postCount
    createdAt
    updatedAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.UpdateProfileMutationVariables,
  APITypes.UpdateProfileMutation
>;
export const createPost = /* GraphQL */ `mutation CreatePost($input: CreatePostInput!) {
  createPost(input: $input) {
    id
    authorId
    author {
      id
      username
      displayName
      bio
      avatarKey
      postCount
      createdAt
      updatedAt
      __typename
    }
    title
    content
    imageKey
    imageUrl
    status
    likeCount
    commentCount
    version
    likedByMe
    createdAt
    updatedAt
    comments {
      nextToken
      __typename
    }
    __typename
  }
}
` as GeneratedMutation<
  APITypes.CreatePostMutationVariables,
  APITypes.CreatePostMutation
>;
export const updatePost = /* GraphQL */ `mutation UpdatePost($input: UpdatePostInput!) {
  updatePost(input: $input) {
    id
    authorId
    author {
      id
      username
      displayName
      bio
      avatarKey
      postCount
      createdAt
      updatedAt
      __typename
    }
    title
    content
    imageKey
    imageUrl
    status
    likeCount
    commentCount
    version
    likedByMe
    createdAt
    updatedAt
    comments {
      nextToken
      __typename
    }
    __typename
  }
}
` as GeneratedMutation<
  APITypes.UpdatePostMutationVariables,
  APITypes.UpdatePostMutation
>;
export const deletePost = /* GraphQL */ `mutation DeletePost($id: ID!) {
  deletePost(id: $id) {
    id
    __typename
  }
}
` as GeneratedMutation<
  APITypes.DeletePostMutationVariables,
  APITypes.DeletePostMutation
>;
export const createComment = /* GraphQL */ `mutation CreateComment($input: CreateCommentInput!) {
  createComment(input: $input) {
    id
    postId
    authorId
    author {
      id
      username
      displayName
      bio
      avatarKey
      postCount
      createdAt
      updatedAt
      __typename
    }
    content
    createdAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.CreateCommentMutationVariables,
  APITypes.CreateCommentMutation
>;
export const likePost = /* GraphQL */ `mutation LikePost($id: ID!) {
  likePost(id: $id) {
    id
    authorId
    author {
      id
      username
      displayName
      bio
      avatarKey
      postCount
      createdAt
      updatedAt
      __typename
    }
    title
    content
    imageKey
    imageUrl
    status
    likeCount
    commentCount
    version
    likedByMe
    createdAt
    updatedAt
    comments {
      nextToken
      __typename
    }
    __typename
  }
}
` as GeneratedMutation<
  APITypes.LikePostMutationVariables,
  APITypes.LikePostMutation
>;
export const createUploadUrl = /* GraphQL */ `mutation CreateUploadUrl($contentType: String!, $contentLength: Int!) {
  createUploadUrl(contentType: $contentType, contentLength: $contentLength) {
    url
    fields
    key
    expiresAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.CreateUploadUrlMutationVariables,
  APITypes.CreateUploadUrlMutation
>;
export const registerDevice = /* GraphQL */ `mutation RegisterDevice($token: String!, $platform: Platform!) {
  registerDevice(token: $token, platform: $platform) {
    token
    platform
    createdAt
    __typename
  }
}
` as GeneratedMutation<
  APITypes.RegisterDeviceMutationVariables,
  APITypes.RegisterDeviceMutation
>;
export const unregisterDevice = /* GraphQL */ `mutation UnregisterDevice($token: String!) {
  unregisterDevice(token: $token)
}
` as GeneratedMutation<
  APITypes.UnregisterDeviceMutationVariables,
  APITypes.UnregisterDeviceMutation
>;
