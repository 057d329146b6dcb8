/* tslint:disable */
/* eslint-disable */
//  This file was automatically generated and should not be edited.

export type User = {
  __typename: "User",
  id: string,
  username: string,
  displayName?: string | null,
  bio?: string | null,
  avatarKey?: string | null,
  postCount: number,
  createdAt: string,
  updatedAt: string,
};

export type Post = {
  __typename: "Post",
  id: string,
  authorId: string,
  author: User,
  title: string,
  content: string,
  imageKey?: string | null,
  // Short-lived presigned GET for imageKey; null when the post has no image.
  imageUrl?: string | null,
  status: PostStatus,
  likeCount: number,
  commentCount: number,
  // Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
  version: number,
  // Whether the caller has liked this post.
  likedByMe?: boolean | null,
  createdAt: string,
  updatedAt: string,
  // Oldest first.
  comments: CommentConnection,
};

export enum PostStatus {
  PUBLISHED = "PUBLISHED",
  PENDING_REVIEW = "PENDING_REVIEW",
}


export type CommentConnection = {
  __typename: "CommentConnection",
  items:  Array<Comment >,
  nextToken?: string | null,
};

export type Comment = {
  __typename: "Comment",
  id: string,
  postId: string,
  authorId: string,
  author: User,
  content: string,
  createdAt: string,
};

export type PostConnection = {
  __typename: "PostConnection",
  items:  Array<Post >,
  nextToken?: string | null,
};

export type Device = {
  __typename: "Device",
  token: string,
  platform: Platform,
  createdAt: string,
};

export enum Platform {
  APNS = "APNS",
  APNS_SANDBOX = "APNS_SANDBOX",
  GCM = "GCM",
}


export type Health = {
  __typename: "Health",
  status: string,
  version: string,
  time: string,
};

// The app's platform, for appConfig.
export enum ClientPlatform {
  IOS = "IOS",
  ANDROID = "ANDROID",
  WEB = "WEB",
}


export type AppConfig = {
  __typename: "AppConfig",
  // false: this app version is below the platform's minimum; the app shows its forced-update screen.
  supported: boolean,
  // The platform's lowest supported version (MAJOR.MINOR.PATCH); null when none is set.
  minimumVersion?: string | null,
  // Every declared switch with this environment's value, sorted by name.
  switches:  Array<FeatureSwitch >,
};

export type FeatureSwitch = {
  __typename: "FeatureSwitch",
  name: string,
  enabled: boolean,
};

export type UpdateProfileInput = {
  displayName?: string | null,
  bio?: string | null,
  avatarKey?: string | null,
};

export type CreatePostInput = {
  title: string,
  content: string,
  imageKey?: string | null,
  // Compatibility only: must be the caller's own id when given.
  authorId?: string | null,
};

export type UpdatePostInput = {
  id: string,
  expectedVersion: number,
  title?: string | null,
  content?: string | null,
  imageKey?: string | null,
};

export type DeletedPost = {
  __typename: "DeletedPost",
  id: string,
};

export type CreateCommentInput = {
  postId: string,
  content: string,
};

export type UploadTarget = {
  __typename: "UploadTarget",
  // POST the form fields plus the file to this URL.
  url: string,
  fields: string,
  key: string,
  expiresAt: string,
};

export type MeQueryVariables = {
};

export type MeQuery = {
  me:  {
    __typename: "User",
    id: string,
    username: string,
    displayName?: string | null,
    bio?: string | null,
    avatarKey?: string | null,
    postCount: number,
    createdAt: string,
    updatedAt: string,
  },
};

export type GetUserQueryVariables = {
  id: string,
};

export type GetUserQuery = {
  // Unknown id: a NotFound error (data.getUser is null).
  getUser?:  {
    __typename: "User",
    id: string,
    username: string,
    displayName?: string | null,
    bio?: string | null,
    avatarKey?: string | null,
    postCount: number,
    createdAt: string,
    updatedAt: string,
  } | null,
};

export type GetPostQueryVariables = {
  id: string,
};

export type GetPostQuery = {
  // Unknown id: a NotFound error (data.getPost is null).
  getPost?:  {
    __typename: "Post",
    id: string,
    authorId: string,
    author:  {
      __typename: "User",
      id: string,
      username: string,
      displayName?: string | null,
      bio?: string | null,
      avatarKey?: string | null,
      postCount: number,
      createdAt: string,
      updatedAt: string,
    },
    title: string,
    content: string,
    imageKey?: string | null,
    // Short-lived presigned GET for imageKey; null when the post has no image.
    imageUrl?: string | null,
    status: PostStatus,
    likeCount: number,
    commentCount: number,
    // Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
    version: number,
    // Whether the caller has liked this post.
    likedByMe?: boolean | null,
    createdAt: string,
    updatedAt: string,
    // Oldest first.
    comments:  {
      __typename: "CommentConnection",
      nextToken?: string | null,
    },
  } | null,
};

export type ListPostsQueryVariables = {
  limit?: number | null,
  nextToken?: string | null,
};

export type ListPostsQuery = {
  // Global feed, newest first.
  listPosts:  {
    __typename: "PostConnection",
    items:  Array< {
      __typename: "Post",
      id: string,
      authorId: string,
      title: string,
      content: string,
      imageKey?: string | null,
      // Short-lived presigned GET for imageKey; null when the post has no image.
      imageUrl?: string | null,
      status: PostStatus,
      likeCount: number,
      commentCount: number,
      // Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
      version: number,
      // Whether the caller has liked this post.
      likedByMe?: boolean | null,
      createdAt: string,
      updatedAt: string,
    } >,
    nextToken?: string | null,
  },
};

export type ListPostsByAuthorQueryVariables = {
  authorId: string,
  limit?: number | null,
  nextToken?: string | null,
};

export type ListPostsByAuthorQuery = {
  // One author's posts, newest first.
  listPostsByAuthor:  {
    __typename: "PostConnection",
    items:  Array< {
      __typename: "Post",
      id: string,
      authorId: string,
      title: string,
      content: string,
      imageKey?: string | null,
      // Short-lived presigned GET for imageKey; null when the post has no image.
      imageUrl?: string | null,
      status: PostStatus,
      likeCount: number,
      commentCount: number,
      // Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
      version: number,
      // Whether the caller has liked this post.
      likedByMe?: boolean | null,
      createdAt: string,
      updatedAt: string,
    } >,
    nextToken?: string | null,
  },
};

export type ListMyDevicesQueryVariables = {
};

export type ListMyDevicesQuery = {
  // The caller's registered push devices.
  listMyDevices:  Array< {
    __typename: "Device",
    token: string,
    platform: Platform,
    createdAt: string,
  } >,
};

export type HealthQueryVariables = {
};

export type HealthQuery = {
  health:  {
    __typename: "Health",
    status: string,
    version: string,
    time: string,
  },
};

export type AppConfigQueryVariables = {
  platform: ClientPlatform,
  version: string,
};

export type AppConfigQuery = {
  // Forced update and remote switches, before sign-in too (IAM guest credentials). version: semver MAJOR.MINOR.PATCH with optional -prerelease or +build; anything else is a BadRequest error.
  appConfig:  {
    __typename: "AppConfig",
    // false: this app version is below the platform's minimum; the app shows its forced-update screen.
    supported: boolean,
    // The platform's lowest supported version (MAJOR.MINOR.PATCH); null when none is set.
    minimumVersion?: string | null,
    // Every declared switch with this environment's value, sorted by name.
    switches:  Array< {
      __typename: "FeatureSwitch",
      name: string,
      enabled: boolean,
    } >,
  },
};

export type UpdateProfileMutationVariables = {
  input: UpdateProfileInput,
};

export type UpdateProfileMutation = {
  updateProfile:  {
    __typename: "User",
    id: string,
    username: string,
    displayName?: string | null,
    bio?: string | null,
    avatarKey?: string | null,
    postCount: number,
    createdAt: string,
    updatedAt: string,
  },
};

export type CreatePostMutationVariables = {
  input: CreatePostInput,
};

export type CreatePostMutation = {
  createPost:  {
    __typename: "Post",
    id: string,
    authorId: string,
    author:  {
      __typename: "User",
      id: string,
      username: string,
      displayName?: string | null,
      bio?: string | null,
      avatarKey?: string | null,
      postCount: number,
      createdAt: string,
      updatedAt: string,
    },
    title: string,
    content: string,
    imageKey?: string | null,
    // Short-lived presigned GET for imageKey; null when the post has no image.
    imageUrl?: string | null,
    status: PostStatus,
    likeCount: number,
    commentCount: number,
    // Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
    version: number,
    // Whether the caller has liked this post.
    likedByMe?: boolean | null,
    createdAt: string,
    updatedAt: string,
    // Oldest first.
    comments:  {
      __typename: "CommentConnection",
      nextToken?: string | null,
    },
  },
};

export type UpdatePostMutationVariables = {
  input: UpdatePostInput,
};

export type UpdatePostMutation = {
  updatePost:  {
    __typename: "Post",
    id: string,
    authorId: string,
    author:  {
      __typename: "User",
      id: string,
      username: string,
      displayName?: string | null,
      bio?: string | null,
      avatarKey?: string | null,
      postCount: number,
      createdAt: string,
      updatedAt: string,
    },
    title: string,
    content: string,
    imageKey?: string | null,
    // Short-lived presigned GET for imageKey; null when the post has no image.
    imageUrl?: string | null,
    status: PostStatus,
    likeCount: number,
    commentCount: number,
    // Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
    version: number,
    // Whether the caller has liked this post.
    likedByMe?: boolean | null,
    createdAt: string,
    updatedAt: string,
    // Oldest first.
    comments:  {
      __typename: "CommentConnection",
      nextToken?: string | null,
    },
  },
};

export type DeletePostMutationVariables = {
  id: string,
};

export type DeletePostMutation = {
  deletePost:  {
    __typename: "DeletedPost",
    id: string,
  },
};

export type CreateCommentMutationVariables = {
  input: CreateCommentInput,
};

export type CreateCommentMutation = {
  createComment:  {
    __typename: "Comment",
    id: string,
    postId: string,
    authorId: string,
    author:  {
      __typename: "User",
      id: string,
      username: string,
      displayName?: string | null,
      bio?: string | null,
      avatarKey?: string | null,
      postCount: number,
      createdAt: string,
      updatedAt: string,
    },
    content: string,
    createdAt: string,
  },
};

export type LikePostMutationVariables = {
  id: string,
};

export type LikePostMutation = {
  // Idempotent per user: liking twice counts once.
  likePost:  {
    __typename: "Post",
    id: string,
    authorId: string,
    author:  {
      __typename: "User",
      id: string,
      username: string,
      displayName?: string | null,
      bio?: string | null,
      avatarKey?: string | null,
      postCount: number,
      createdAt: string,
      updatedAt: string,
    },
    title: string,
    content: string,
    imageKey?: string | null,
    // Short-lived presigned GET for imageKey; null when the post has no image.
    imageUrl?: string | null,
    status: PostStatus,
    likeCount: number,
    commentCount: number,
    // Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
    version: number,
    // Whether the caller has liked this post.
    likedByMe?: boolean | null,
    createdAt: string,
    updatedAt: string,
    // Oldest first.
    comments:  {
      __typename: "CommentConnection",
      nextToken?: string | null,
    },
  },
};

export type CreateUploadUrlMutationVariables = {
  contentType: string,
  contentLength: number,
};

export type CreateUploadUrlMutation = {
  createUploadUrl:  {
    __typename: "UploadTarget",
    // POST the form fields plus the file to this URL.
    url: string,
    fields: string,
    key: string,
    expiresAt: string,
  },
};

export type RegisterDeviceMutationVariables = {
  token: string,
  platform: Platform,
};

export type RegisterDeviceMutation = {
  registerDevice:  {
    __typename: "Device",
    token: string,
    platform: Platform,
    createdAt: string,
  },
};

export type UnregisterDeviceMutationVariables = {
  token: string,
};

export type UnregisterDeviceMutation = {
  unregisterDevice: boolean,
};

export type OnCreatePostSubscriptionVariables = {
};

export type OnCreatePostSubscription = {
  onCreatePost?:  {
    __typename: "Post",
    id: string,
    authorId: string,
    author:  {
      __typename: "User",
      id: string,
      username: string,
      displayName?: string | null,
      bio?: string | null,
      avatarKey?: string | null,
      postCount: number,
      createdAt: string,
      updatedAt: string,
    },
    title: string,
    content: string,
    imageKey?: string | null,
    // Short-lived presigned GET for imageKey; null when the post has no image.
    imageUrl?: string | null,
    status: PostStatus,
    likeCount: number,
    commentCount: number,
    // Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
    version: number,
    // Whether the caller has liked this post.
    likedByMe?: boolean | null,
    createdAt: string,
    updatedAt: string,
    // Oldest first.
    comments:  {
      __typename: "CommentConnection",
      nextToken?: string | null,
    },
  } | null,
};

export type OnUpdatePostSubscriptionVariables = {
  id?: string | null,
};

export type OnUpdatePostSubscription = {
  onUpdatePost?:  {
    __typename: "Post",
    id: string,
    authorId: string,
    author:  {
      __typename: "User",
      id: string,
      username: string,
      displayName?: string | null,
      bio?: string | null,
      avatarKey?: string | null,
      postCount: number,
      createdAt: string,
      updatedAt: string,
    },
    title: string,
    content: string,
    imageKey?: string | null,
    // Short-lived presigned GET for imageKey; null when the post has no image.
    imageUrl?: string | null,
    status: PostStatus,
    likeCount: number,
    commentCount: number,
    // Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
    version: number,
    // Whether the caller has liked this post.
    likedByMe?: boolean | null,
    createdAt: string,
    updatedAt: string,
    // Oldest first.
    comments:  {
      __typename: "CommentConnection",
      nextToken?: string | null,
    },
  } | null,
};

export type OnDeletePostSubscriptionVariables = {
  id?: string | null,
};

export type OnDeletePostSubscription = {
  onDeletePost?:  {
    __typename: "DeletedPost",
    id: string,
  } | null,
};

export type OnCreateCommentSubscriptionVariables = {
  postId?: string | null,
};

export type OnCreateCommentSubscription = {
  onCreateComment?:  {
    __typename: "Comment",
    id: string,
    postId: string,
    authorId: string,
    author:  {
      __typename: "User",
      id: string,
      username: string,
      displayName?: string | null,
      bio?: string | null,
      avatarKey?: string | null,
      postCount: number,
      createdAt: string,
      updatedAt: string,
    },
    content: string,
    createdAt: string,
  } | null,
};
