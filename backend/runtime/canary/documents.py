"""The journey's GraphQL operations, as in clients/graphql/*.graphql with the selections cut to what the
canary checks (the id it follows and the title it compares)."""

from __future__ import annotations

CREATE_POST = """mutation CreatePost($input: CreatePostInput!) {
  createPost(input: $input) {
    id
    title
  }
}"""

GET_POST = """query GetPost($id: ID!) {
  getPost(id: $id) {
    id
    title
  }
}"""

DELETE_POST = """mutation DeletePost($id: ID!) {
  deletePost(id: $id) {
    id
  }
}"""

# Unfiltered: every new post reaches it, so the journey waits for the one it created (by id). A subscriber
# receives only the fields the mutation selected, which is why createPost selects `title` as well.
ON_CREATE_POST = """subscription OnCreatePost {
  onCreatePost {
    id
    title
  }
}"""
