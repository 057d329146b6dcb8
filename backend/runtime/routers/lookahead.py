"""What a ``getPost`` selection asks for below the post, read from the event's ``info`` (AppSync passes
``selectionSetList`` and ``selectionSetGraphQL`` to Lambda resolvers:
https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html, "info")."""

from __future__ import annotations

from ..dispatch import FieldEvent
from ..logic.post_page import CommentsPage, Lookahead
from . import selection

_COMMENTS_ARGUMENTS = frozenset({"limit", "nextToken"})


def post_page(event: FieldEvent) -> Lookahead:
    selected = set(event.selection_set_list)
    author = "author" in selected
    comments, only_page = _comments_arguments(event) if "comments" in selected else (None, False)
    return Lookahead(
        author=author,
        comments=comments,
        # With several comments pages, Comment.author batches all their authors in one request; reading the first
        # page's ahead then saves nothing unless they ride along with the post's author.
        comment_authors=comments is not None and "comments/items/author" in selected and (only_page or author),
    )


def _comments_arguments(event: FieldEvent) -> tuple[CommentsPage | None, bool]:
    """The arguments of the first unconditional ``comments`` field written out in the selection, if readable,
    and whether it is the only comments page the selection can ask for.

    Only a guess worth a Query: Post.comments uses the page only if its own arguments turn out the same.
    """
    root = selection.read(event.selection_set_graphql)
    if root is None:
        return None, False
    variables = event.variables
    pages: list[CommentsPage | None] = []
    for field in root.fields:
        if field.name != "comments":
            continue
        arguments = {name: selection.resolve(value, variables) for name, value in field.arguments.items()}
        usable = not field.has_directives and set(arguments) <= _COMMENTS_ARGUMENTS
        pages.append(CommentsPage(arguments.get("limit"), arguments.get("nextToken")) if usable else None)
    first = next((page for page in pages if page is not None), None)
    return first, first is not None and root.named_spreads == 0 and all(page == first for page in pages)
