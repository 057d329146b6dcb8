/* eslint-disable */
// this is an auto generated file. This will be overwritten

export const onCreatePost = /* GraphQL */ `
  subscription OnCreatePost {
    onCreatePost {
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
export const onUpdatePost = /* GraphQL */ `
  subscription OnUpdatePost($id: ID) {
    onUpdatePost(id: $id) {
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
export const onDeletePost = /* GraphQL */ `
  subscription OnDeletePost($id: ID) {
    onDeletePost(id: $id) {
      id
      __typename
    }
  }
`;
export const onCreateComment = /* GraphQL */ `
  subscription OnCreateComment($postId: ID) {
    onCreateComment(postId: $postId) {
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
`;
