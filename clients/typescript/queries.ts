/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "./API";
type GeneratedQuery<InputType, OutputType> = string & {
  __generatedQueryInput: InputType;
  __generatedQueryOutput: OutputType;
};

export const me = /* GraphQL */ `query Me {
  me {
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
` as GeneratedQuery<APITypes.MeQueryVariables, APITypes.MeQuery>;
export const getUser = /* GraphQL */ `query GetUser($id: ID!) {
  getUser(id: $id) {
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
` as GeneratedQuery<APITypes.GetUserQueryVariables, APITypes.GetUserQuery>;
export const getPost = /* GraphQL */ `query GetPost($id: ID!) {
  getPost(id: $id) {
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
` as GeneratedQuery<APITypes.GetPostQueryVariables, APITypes.GetPostQuery>;
export const listPosts = /* GraphQL */ `query ListPosts($limit: Int, $nextToken: String) {
  listPosts(limit: $limit, nextToken: $nextToken) {
    items {
      id
      authorId
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
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<APITypes.ListPostsQueryVariables, APITypes.ListPostsQuery>;
export const listPostsByAuthor = /* GraphQL */ `query ListPostsByAuthor($authorId: ID!, $limit: Int, $nextToken: String) {
  listPostsByAuthor(authorId: $authorId, limit: $limit, nextToken: $nextToken) {
    items {
      id
      authorId
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
      __typename
    }
    nextToken
    __typename
  }
}
` as GeneratedQuery<
  APITypes.ListPostsByAuthorQueryVariables,
  APITypes.ListPostsByAuthorQuery
>;
export const listMyDevices = /* GraphQL */ `query ListMyDevices {
  listMyDevices {
    token
    platform
    createdAt
    __typename
  }
}
` as GeneratedQuery<
  APITypes.ListMyDevicesQueryVariables,
  APITypes.ListMyDevicesQuery
>;
export const health = /* GraphQL */ `query Health {
  health {
    status
    version
    time
    __typename
  }
}
` as GeneratedQuery<APITypes.HealthQueryVariables, APITypes.HealthQuery>;
export const appConfig = /* GraphQL */ `query AppConfig($platform: ClientPlatform!, $version: String!) {
  appConfig(platform: $platform, version: $version) {
    supported
    minimumVersion
    switches {
      name
      enabled
      __typename
    }
    __typename
  }
}
` as GeneratedQuery<APITypes.AppConfigQueryVariables, APITypes.AppConfigQuery>;
