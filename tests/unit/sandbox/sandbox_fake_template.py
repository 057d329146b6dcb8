"""A small hand-made stage template with the resource types the sandbox provisions (shape as CDK emits)."""

from __future__ import annotations

import json

from backend.auth_settings import PASSWORD_POLICY, auth_settings_json
from backend.infra.schema_fields import guest_fields, resolved_fields

# The user pool's password policy as CloudFormation spells it, from the values backend/infra/auth.py builds it from.
_POLICY_PROPERTIES = {
    "MinimumLength": "min_length",
    "RequireLowercase": "require_lowercase",
    "RequireUppercase": "require_uppercase",
    "RequireNumbers": "require_numbers",
    "RequireSymbols": "require_symbols",
}


def _password_policy() -> dict[str, object]:
    return {prop: PASSWORD_POLICY[setting] for prop, setting in _POLICY_PROPERTIES.items()}


def _field_arn(type_name: str, field_name: str) -> dict:
    return {"Fn::Join": ["", [{"Fn::GetAtt": ["Api", "Arn"]}, f"/types/{type_name}/fields/{field_name}"]]}


def _identity_pool_roles() -> dict:
    """The guest and signed-in roles of the identity pool, as backend/infra/auth.py makes them (CDK's shapes)."""
    trust = {"Statement": [{"Action": "sts:AssumeRoleWithWebIdentity", "Effect": "Allow"}]}
    return {
        "AuthenticatedRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust}},
        "UnauthenticatedRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust}},
        "UnauthenticatedRoleDefaultPolicy": {
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyDocument": {
                    "Statement": [
                        {
                            "Sid": "GuestGraphQLFields",
                            "Action": "appsync:GraphQL",
                            "Effect": "Allow",
                            "Resource": [_field_arn(t, f) for t, f in guest_fields()],
                        }
                    ],
                    "Version": "2012-10-17",
                },
                "PolicyName": "UnauthenticatedRoleDefaultPolicy",
                "Roles": [{"Ref": "UnauthenticatedRole"}],
            },
        },
        "AuthenticatedRoleDefaultPolicy": {
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyDocument": {
                    "Statement": [
                        {
                            "Action": "s3:GetObject",
                            "Effect": "Allow",
                            "Resource": {"Fn::GetAtt": ["MediaBucket", "Arn"]},
                        }
                    ]
                },
                "PolicyName": "AuthenticatedRoleDefaultPolicy",
                "Roles": [{"Ref": "AuthenticatedRole"}],
            },
        },
        "IdentityPoolRoleAttachment": {
            "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
            "Properties": {
                "IdentityPoolId": {"Ref": "IdentityPool"},
                "Roles": {
                    "authenticated": {"Fn::GetAtt": ["AuthenticatedRole", "Arn"]},
                    "unauthenticated": {"Fn::GetAtt": ["UnauthenticatedRole", "Arn"]},
                },
            },
        },
    }


def _table(keys: list[tuple[str, str]], **extra):
    return {
        "Type": "AWS::DynamoDB::Table",
        "Properties": {
            "KeySchema": [{"AttributeName": name, "KeyType": kind} for name, kind in keys],
            "AttributeDefinitions": [{"AttributeName": name, "AttributeType": "S"} for name, _ in keys]
            + extra.pop("more_attributes", []),
            "BillingMode": "PAY_PER_REQUEST",
            **extra,
        },
    }


def _appsync_resolvers() -> dict:
    """Resolvers as infra wires them (same rule, backend/infra/schema_fields.py)."""
    return {
        f"Resolver{field.type_name}{field.field_name}": {
            "Type": "AWS::AppSync::Resolver",
            "Properties": {
                "TypeName": field.type_name,
                "FieldName": field.field_name,
                **({"MaxBatchSize": 100, "Code": "return {operation: 'BatchInvoke'}"} if field.batched else {}),
            },
        }
        for field in resolved_fields()
    }


def stage_template() -> dict:
    posts = _table(
        [("id", "HASH")],
        more_attributes=[
            {"AttributeName": "feed", "AttributeType": "S"},
            {"AttributeName": "createdAt", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "byFeed",
                "KeySchema": [
                    {"AttributeName": "feed", "KeyType": "HASH"},
                    {"AttributeName": "createdAt", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        StreamSpecification={"StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    comments = _table(
        [("postId", "HASH"), ("commentKey", "RANGE")], StreamSpecification={"StreamViewType": "NEW_AND_OLD_IMAGES"}
    )
    return {
        "Resources": {
            **_appsync_resolvers(),
            **_identity_pool_roles(),
            "UsersTable9725E9C8": _table([("id", "HASH")]),
            "PostsTableC82B36F0": posts,
            "CommentsTableBB7E4D5A": comments,
            "UserPool6BA7E5F2": {
                "Type": "AWS::Cognito::UserPool",
                "Properties": {
                    "Policies": {"PasswordPolicy": _password_policy()},
                    "UsernameAttributes": ["email"],
                    "AutoVerifiedAttributes": ["email"],
                    "MfaConfiguration": "OPTIONAL",
                    "EnabledMfas": ["SOFTWARE_TOKEN_MFA"],
                    "LambdaConfig": {"PostConfirmation": {"Fn::GetAtt": ["CognitoTriggerFn", "Arn"]}},
                },
            },
            "UserPoolClient2F5918F7": {
                "Type": "AWS::Cognito::UserPoolClient",
                "Properties": {
                    "UserPoolId": {"Ref": "UserPool6BA7E5F2"},
                    "ExplicitAuthFlows": [
                        "ALLOW_USER_PASSWORD_AUTH",
                        "ALLOW_USER_SRP_AUTH",
                        "ALLOW_REFRESH_TOKEN_AUTH",
                    ],
                    "GenerateSecret": False,
                },
            },
            "AdminsGroup": {
                "Type": "AWS::Cognito::UserPoolGroup",
                "Properties": {"GroupName": "admins", "UserPoolId": {"Ref": "UserPool6BA7E5F2"}},
            },
            "IdentityPool": {
                "Type": "AWS::Cognito::IdentityPool",
                "Properties": {
                    "AllowUnauthenticatedIdentities": True,
                    "CognitoIdentityProviders": [
                        {
                            "ClientId": {"Ref": "UserPoolClient2F5918F7"},
                            "ProviderName": {"Fn::GetAtt": ["UserPool6BA7E5F2", "ProviderName"]},
                        }
                    ],
                },
            },
            "MediaBucket": {
                "Type": "AWS::S3::Bucket",
                "Properties": {
                    "CorsConfiguration": {
                        "CorsRules": [
                            {
                                "AllowedMethods": ["GET", "POST"],
                                "AllowedOrigins": ["http://localhost:3000"],
                                "AllowedHeaders": ["*"],
                                "ExposedHeaders": ["ETag"],
                                "MaxAge": 3000,
                            }
                        ]
                    }
                },
            },
            "AnalyticsBucket": {"Type": "AWS::S3::Bucket", "Properties": {}},
            "FirehoseRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}},
            "AnalyticsStream": {
                "Type": "AWS::KinesisFirehose::DeliveryStream",
                "Properties": {
                    "ExtendedS3DestinationConfiguration": {
                        "BucketARN": {"Fn::GetAtt": ["AnalyticsBucket", "Arn"]},
                        "RoleARN": {"Fn::GetAtt": ["FirehoseRole", "Arn"]},
                    }
                },
            },
            "PaginationSecret": {
                "Type": "AWS::SecretsManager::Secret",
                "Properties": {"GenerateSecretString": {"PasswordLength": 64, "ExcludePunctuation": True}},
            },
            "PushApp": {"Type": "AWS::Pinpoint::App", "Properties": {"Name": "mobile-backend"}},
            "Api": {
                "Type": "AWS::AppSync::GraphQLApi",
                "Properties": {"Name": "api", "AuthenticationType": "AMAZON_COGNITO_USER_POOLS"},
            },
            "GraphqlFn": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "Handler": "runtime.graphql_handler.handler",
                    "Environment": {
                        "Variables": {
                            "USERS_TABLE": {"Ref": "UsersTable9725E9C8"},
                            "POSTS_TABLE": {"Ref": "PostsTableC82B36F0"},
                            "COMMENTS_TABLE": {"Ref": "CommentsTableBB7E4D5A"},
                            "MEDIA_BUCKET": {"Ref": "MediaBucket"},
                            "PAGINATION_SECRET_ARN": {"Ref": "PaginationSecret"},
                            "PUSH_APP_ID": {"Ref": "PushApp"},
                            "APP_VERSION": "1.2.3",
                            "POSTS_INDEX_NOTE": {"Fn::Join": ["/", [{"Ref": "PostsTableC82B36F0"}, "byFeed"]]},
                        }
                    },
                },
            },
            "StreamFn": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "Handler": "runtime.stream_handler.handler",
                    "Environment": {"Variables": {"COMMENTS_TABLE": {"Ref": "CommentsTableBB7E4D5A"}}},
                },
            },
            "PostsStreamMapping": {
                "Type": "AWS::Lambda::EventSourceMapping",
                "Properties": {
                    "FunctionName": {"Ref": "StreamFn"},
                    "EventSourceArn": {"Fn::GetAtt": ["PostsTableC82B36F0", "StreamArn"]},
                    "StartingPosition": "LATEST",
                    "FilterCriteria": {"Filters": [{"Pattern": json.dumps({"eventName": ["REMOVE"]})}]},
                },
            },
            "CommentsStreamMapping": {
                "Type": "AWS::Lambda::EventSourceMapping",
                "Properties": {
                    "FunctionName": {"Ref": "StreamFn"},
                    "EventSourceArn": {"Fn::GetAtt": ["CommentsTableBB7E4D5A", "StreamArn"]},
                    "StartingPosition": "LATEST",
                    "MaximumRetryAttempts": 4,
                },
            },
            "CognitoTriggerFn": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "Handler": "runtime.cognito_trigger.handler",
                    "Environment": {"Variables": {"USERS_TABLE": {"Ref": "UsersTable9725E9C8"}}},
                },
            },
        },
        "Outputs": {
            "GraphQLUrl": {"Value": {"Fn::GetAtt": ["Api", "GraphQLUrl"]}},
            "Region": {"Value": {"Ref": "AWS::Region"}},
            "UserPoolId": {"Value": {"Ref": "UserPool6BA7E5F2"}},
            "UserPoolClientId": {"Value": {"Ref": "UserPoolClient2F5918F7"}},
            "IdentityPoolId": {"Value": {"Ref": "IdentityPool"}},
            "MediaBucketName": {"Value": {"Ref": "MediaBucket"}},
            "AnalyticsStreamName": {"Value": {"Ref": "AnalyticsStream"}},
            "PushAppId": {"Value": {"Ref": "PushApp"}},
            "AuthSettings": {"Value": auth_settings_json()},
        },
    }
