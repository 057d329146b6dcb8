"""DynamoDB tables with exactly the keys and indexes the contract's access patterns need (no Scan)."""

from __future__ import annotations

from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct

from .settings import BackendSettings

_S = dynamodb.AttributeType.STRING


def _attr(name: str) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=name, type=_S)


class DataTables(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, settings: BackendSettings) -> None:
        super().__init__(scope, construct_id)
        self._settings = settings
        self.users = self._table("Users", pk="id")
        self.posts = self._table("Posts", pk="id", stream=True)
        # Global feed newest first: a constant partition ("ALL") sorted by createdAt.
        self.posts.add_global_secondary_index(
            index_name="byFeed", partition_key=_attr("feed"), sort_key=_attr("createdAt")
        )
        self.posts.add_global_secondary_index(
            index_name="byAuthor", partition_key=_attr("authorId"), sort_key=_attr("createdAt")
        )
        self.comments = self._table("Comments", pk="postId", sk="commentKey", stream=True)
        self.likes = self._table("Likes", pk="postId", sk="userId")
        self.devices = self._table("Devices", pk="userId", sk="token")
        self.devices.add_global_secondary_index(
            index_name="byToken", partition_key=_attr("token"), projection_type=dynamodb.ProjectionType.KEYS_ONLY
        )

    @property
    def all(self) -> list[dynamodb.Table]:
        return [self.users, self.posts, self.comments, self.likes, self.devices]

    def _table(self, construct_id: str, *, pk: str, sk: str | None = None, stream: bool = False) -> dynamodb.Table:
        protect = self._settings.protect_data
        return dynamodb.Table(
            self,
            construct_id,
            partition_key=_attr(pk),
            sort_key=_attr(sk) if sk else None,
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            encryption=dynamodb.TableEncryption.AWS_MANAGED,
            stream=dynamodb.StreamViewType.NEW_AND_OLD_IMAGES if stream else None,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=protect
            ),
            deletion_protection=protect,
            removal_policy=self._settings.removal_policy,
        )
