/* eslint-disable */
// this is an auto generated file. This will be overwritten

export const me = /* GraphQL */ `
  query Me {
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
`;
export const getUser = /* GraphQL */ `
  query GetUser($id: ID!) {
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
`;
export const getPost = /* GraphQL */ `
  query GetPost($id: ID!) {
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
`;
export const listPosts = /* GraphQL */ `
  query ListPosts($limit: Int, $nextToken: String) {
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
`;
export const listPostsByAuthor = /* GraphQL */ `
  query ListPostsByAuthor($authorId: ID!, $limit: Int, $nextToken: String) {
    listPostsByAuthor(
      authorId: $authorId
      limit: $limit
      nextToken: $nextToken
    ) {
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
`;
export const listMyDevices = /* GraphQL */ `
  query ListMyDevices {
    listMyDevices {
      token
      platform
      createdAt
      __typename
    }
  }
`;
export const health = /* GraphQL */ `
  query Health {
    health {
      status
      version
      time
      __typename
    }
  }
`;
export const appConfig = /* GraphQL */ `
  query AppConfig($platform: ClientPlatform!, $version: String!) {
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
`;
