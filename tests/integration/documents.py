"""The GraphQL documents the suite sends (backend/schema.graphql).

Mutations select every field a subscription selects: AppSync fills a subscription's payload only from the
fields the triggering mutation selected.
"""

USER_FIELDS = "id username displayName bio avatarKey postCount createdAt updatedAt"
POST_FIELDS = (
    "id authorId title content imageKey imageUrl status likeCount commentCount version likedByMe createdAt updatedAt"
)
COMMENT_FIELDS = "id postId authorId content createdAt"

HEALTH = "query Health { health { status version time } }"
ME = f"query Me {{ me {{ {USER_FIELDS} }} }}"
GET_USER = f"query GetUser($id: ID!) {{ getUser(id: $id) {{ {USER_FIELDS} }} }}"
UPDATE_PROFILE = (
    f"mutation UpdateProfile($input: UpdateProfileInput!) {{ updateProfile(input: $input) {{ {USER_FIELDS} }} }}"
)

GET_POST = f"query GetPost($id: ID!) {{ getPost(id: $id) {{ {POST_FIELDS} author {{ id }} }} }}"
GET_POST_COMMENTS = f"""query GetPostComments($id: ID!, $limit: Int, $nextToken: String) {{
  getPost(id: $id) {{ id commentCount comments(limit: $limit, nextToken: $nextToken) {{
    items {{ {COMMENT_FIELDS} author {{ id }} }} nextToken }} }} }}"""
LIST_POSTS = f"""query ListPosts($limit: Int, $nextToken: String) {{
  listPosts(limit: $limit, nextToken: $nextToken) {{ items {{ {POST_FIELDS} author {{ id }} }} nextToken }} }}"""
LIST_POSTS_BY_AUTHOR = f"""query ListPostsByAuthor($authorId: ID!, $limit: Int, $nextToken: String) {{
  listPostsByAuthor(authorId: $authorId, limit: $limit, nextToken: $nextToken) {{
    items {{ {POST_FIELDS} author {{ id displayName }} }} nextToken }} }}"""

CREATE_POST = f"mutation CreatePost($input: CreatePostInput!) {{ createPost(input: $input) {{ {POST_FIELDS} }} }}"
UPDATE_POST = f"mutation UpdatePost($input: UpdatePostInput!) {{ updatePost(input: $input) {{ {POST_FIELDS} }} }}"
DELETE_POST = "mutation DeletePost($id: ID!) { deletePost(id: $id) { id } }"
LIKE_POST = f"mutation LikePost($id: ID!) {{ likePost(id: $id) {{ {POST_FIELDS} }} }}"
CREATE_COMMENT = (
    f"mutation CreateComment($input: CreateCommentInput!) {{ createComment(input: $input) {{ {COMMENT_FIELDS} }} }}"
)

CREATE_UPLOAD_URL = """mutation CreateUploadUrl($contentType: String!, $contentLength: Int!) {
  createUploadUrl(contentType: $contentType, contentLength: $contentLength) { url fields key expiresAt } }"""

REGISTER_DEVICE = """mutation RegisterDevice($token: String!, $platform: Platform!) {
  registerDevice(token: $token, platform: $platform) { token platform createdAt } }"""
UNREGISTER_DEVICE = "mutation UnregisterDevice($token: String!) { unregisterDevice(token: $token) }"
LIST_MY_DEVICES = "query ListMyDevices { listMyDevices { token platform createdAt } }"

ON_CREATE_POST = "subscription OnCreatePost { onCreatePost { id authorId title content } }"
ON_UPDATE_POST = "subscription OnUpdatePost($id: ID) { onUpdatePost(id: $id) { id title likeCount version } }"
ON_DELETE_POST = "subscription OnDeletePost($id: ID) { onDeletePost(id: $id) { id } }"
ON_CREATE_COMMENT = (
    "subscription OnCreateComment($postId: ID) { onCreateComment(postId: $postId) { id postId content } }"
)
