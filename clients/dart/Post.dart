/*
* Copyright 2021 Amazon.com, Inc. or its affiliates. All Rights Reserved.
*
* Licensed under the Apache License, Version 2.0 (the "License").
* You may not use this file except in compliance with the License.
* A copy of the License is located at
*
*  http://aws.amazon.com/apache2.0
*
* or in the "license" file accompanying this file. This file is distributed
* on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either
* express or implied. See the License for the specific language governing
* permissions and limitations under the License.
*/

// NOTE: This file is generated and may not follow lint rules defined in your app
// Generated files can be excluded from analysis in analysis_options.yaml
// For more info, see: https://dart.dev/guides/language/analysis-options#excluding-code-from-analysis

// ignore_for_file: public_member_api_docs, annotate_overrides, dead_code, dead_codepublic_member_api_docs, depend_on_referenced_packages, file_names, library_private_types_in_public_api, no_leading_underscores_for_library_prefixes, no_leading_underscores_for_local_identifiers, non_constant_identifier_names, null_check_on_nullable_type_parameter, override_on_non_overriding_member, prefer_adjacent_string_concatenation, prefer_const_constructors, prefer_if_null_operators, prefer_interpolation_to_compose_strings, slash_for_doc_comments, sort_child_properties_last, unnecessary_const, unnecessary_constructor_name, unnecessary_late, unnecessary_new, unnecessary_null_aware_assignments, unnecessary_nullable_for_final_variable_declarations, unnecessary_string_interpolations, use_build_context_synchronously

import 'ModelProvider.dart';
import 'package:amplify_core/amplify_core.dart' as amplify_core;


/** This is an auto generated class representing the Post type in your schema. */
class Post {
  final String id;
  final String? _authorId;
  final User? _author;
  final String? _title;
  final String? _content;
  final String? _imageKey;
  final String? _imageUrl;
  final PostStatus? _status;
  final int? _likeCount;
  final int? _commentCount;
  final int? _version;
  final bool? _likedByMe;
  final amplify_core.TemporalDateTime? _createdAt;
  final amplify_core.TemporalDateTime? _updatedAt;
  final CommentConnection? _comments;

  String get authorId {
    try {
      return _authorId!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  User get author {
    try {
      return _author!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  String get title {
    try {
      return _title!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  String get content {
    try {
      return _content!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  String? get imageKey {
    return _imageKey;
  }
  
  String? get imageUrl {
    return _imageUrl;
  }
  
  PostStatus get status {
    try {
      return _status!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  int get likeCount {
    try {
      return _likeCount!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  int get commentCount {
    try {
      return _commentCount!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  int get version {
    try {
      return _version!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  bool? get likedByMe {
    return _likedByMe;
  }
  
  amplify_core.TemporalDateTime get createdAt {
    try {
      return _createdAt!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  amplify_core.TemporalDateTime get updatedAt {
    try {
      return _updatedAt!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  CommentConnection get comments {
    try {
      return _comments!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  const Post._internal({required this.id, required authorId, required author, required title, required content, imageKey, imageUrl, required status, required likeCount, required commentCount, required version, likedByMe, required createdAt, required updatedAt, required comments}): _authorId = authorId, _author = author, _title = title, _content = content, _imageKey = imageKey, _imageUrl = imageUrl, _status = status, _likeCount = likeCount, _commentCount = commentCount, _version = version, _likedByMe = likedByMe, _createdAt = createdAt, _updatedAt = updatedAt, _comments = comments;
  
  factory Post({String? id, required String authorId, required User author, required String title, required String content, String? imageKey, String? imageUrl, required PostStatus status, required int likeCount, required int commentCount, required int version, bool? likedByMe, required amplify_core.TemporalDateTime createdAt, required amplify_core.TemporalDateTime updatedAt, required CommentConnection comments}) {
    return Post._internal(
      id: id == null ? amplify_core.UUID.getUUID() : id,
      authorId: authorId,
      author: author,
      title: title,
      content: content,
      imageKey: imageKey,
      imageUrl: imageUrl,
      status: status,
      likeCount: likeCount,
      commentCount: commentCount,
      version: version,
      likedByMe: likedByMe,
      createdAt: createdAt,
      updatedAt: updatedAt,
      comments: comments);
  }
  
  bool equals(Object other) {
    return this == other;
  }
  
  @override
  bool operator ==(Object other) {
    if (identical(other, this)) return true;
    return other is Post &&
      id == other.id &&
      _authorId == other._authorId &&
      _author == other._author &&
      _title == other._title &&
      _content == other._content &&
      _imageKey == other._imageKey &&
      _imageUrl == other._imageUrl &&
      _status == other._status &&
      _likeCount == other._likeCount &&
      _commentCount == other._commentCount &&
      _version == other._version &&
      _likedByMe == other._likedByMe &&
      _createdAt == other._createdAt &&
      _updatedAt == other._updatedAt &&
      _comments == other._comments;
  }
  
  @override
  int get hashCode => toString().hashCode;
  
  @override
  String toString() {
    var buffer = new StringBuffer();
    
    buffer.write("Post {");
    buffer.write("id=" + "$id" + ", ");
    buffer.write("authorId=" + "$_authorId" + ", ");
    buffer.write("author=" + (_author != null ? _author!.toString() : "null") + ", ");
    buffer.write("title=" + "$_title" + ", ");
    buffer.write("content=" + "$_content" + ", ");
    buffer.write("imageKey=" + "$_imageKey" + ", ");
    buffer.write("imageUrl=" + "$_imageUrl" + ", ");
    buffer.write("status=" + (_status != null ? amplify_core.enumToString(_status)! : "null") + ", ");
    buffer.write("likeCount=" + (_likeCount != null ? _likeCount!.toString() : "null") + ", ");
    buffer.write("commentCount=" + (_commentCount != null ? _commentCount!.toString() : "null") + ", ");
    buffer.write("version=" + (_version != null ? _version!.toString() : "null") + ", ");
    buffer.write("likedByMe=" + (_likedByMe != null ? _likedByMe!.toString() : "null") + ", ");
    buffer.write("createdAt=" + (_createdAt != null ? _createdAt!.format() : "null") + ", ");
    buffer.write("updatedAt=" + (_updatedAt != null ? _updatedAt!.format() : "null") + ", ");
    buffer.write("comments=" + (_comments != null ? _comments!.toString() : "null"));
    buffer.write("}");
    
    return buffer.toString();
  }
  
  Post copyWith({String? id, String? authorId, User? author, String? title, String? content, String? imageKey, String? imageUrl, PostStatus? status, int? likeCount, int? commentCount, int? version, bool? likedByMe, amplify_core.TemporalDateTime? createdAt, amplify_core.TemporalDateTime? updatedAt, CommentConnection? comments}) {
    return Post._internal(
      id: id ?? this.id,
      authorId: authorId ?? this.authorId,
      author: author ?? this.author,
      title: title ?? this.title,
      content: content ?? this.content,
      imageKey: imageKey ?? this.imageKey,
      imageUrl: imageUrl ?? this.imageUrl,
      status: status ?? this.status,
      likeCount: likeCount ?? this.likeCount,
      commentCount: commentCount ?? this.commentCount,
      version: version ?? this.version,
      likedByMe: likedByMe ?? this.likedByMe,
      createdAt: createdAt ?? this.createdAt,
      updatedAt: updatedAt ?? this.updatedAt,
      comments: comments ?? this.comments);
  }
  
  Post copyWithModelFieldValues({
    ModelFieldValue<String>? id,
    ModelFieldValue<String>? authorId,
    ModelFieldValue<User>? author,
    ModelFieldValue<String>? title,
    ModelFieldValue<String>? content,
    ModelFieldValue<String?>? imageKey,
    ModelFieldValue<String?>? imageUrl,
    ModelFieldValue<PostStatus>? status,
    ModelFieldValue<int>? likeCount,
    ModelFieldValue<int>? commentCount,
    ModelFieldValue<int>? version,
    ModelFieldValue<bool?>? likedByMe,
    ModelFieldValue<amplify_core.TemporalDateTime>? createdAt,
    ModelFieldValue<amplify_core.TemporalDateTime>? updatedAt,
    ModelFieldValue<CommentConnection>? comments
  }) {
    return Post._internal(
      id: id == null ? this.id : id.value,
      authorId: authorId == null ? this.authorId : authorId.value,
      author: author == null ? this.author : author.value,
      title: title == null ? this.title : title.value,
      content: content == null ? this.content : content.value,
      imageKey: imageKey == null ? this.imageKey : imageKey.value,
      imageUrl: imageUrl == null ? this.imageUrl : imageUrl.value,
      status: status == null ? this.status : status.value,
      likeCount: likeCount == null ? this.likeCount : likeCount.value,
      commentCount: commentCount == null ? this.commentCount : commentCount.value,
      version: version == null ? this.version : version.value,
      likedByMe: likedByMe == null ? this.likedByMe : likedByMe.value,
      createdAt: createdAt == null ? this.createdAt : createdAt.value,
      updatedAt: updatedAt == null ? this.updatedAt : updatedAt.value,
      comments: comments == null ? this.comments : comments.value
    );
  }
  
  Post.fromJson(Map<String, dynamic> json)  
    : id = json['id'],
      _authorId = json['authorId'],
      _author = json['author'] != null
          ? json['author']['serializedData'] != null
              ? User.fromJson(new Map<String, dynamic>.from(json['author']['serializedData']))
              : User.fromJson(new Map<String, dynamic>.from(json['author']))
        : null,
      _title = json['title'],
      _content = json['content'],
      _imageKey = json['imageKey'],
      _imageUrl = json['imageUrl'],
      _status = amplify_core.enumFromString<PostStatus>(json['status'], PostStatus.values),
      _likeCount = (json['likeCount'] as num?)?.toInt(),
      _commentCount = (json['commentCount'] as num?)?.toInt(),
      _version = (json['version'] as num?)?.toInt(),
      _likedByMe = json['likedByMe'],
      _createdAt = json['createdAt'] != null ? amplify_core.TemporalDateTime.fromString(json['createdAt']) : null,
      _updatedAt = json['updatedAt'] != null ? amplify_core.TemporalDateTime.fromString(json['updatedAt']) : null,
      _comments = json['comments'] != null
          ? json['comments']['serializedData'] != null
              ? CommentConnection.fromJson(new Map<String, dynamic>.from(json['comments']['serializedData']))
              : CommentConnection.fromJson(new Map<String, dynamic>.from(json['comments']))
        : null;
  
  Map<String, dynamic> toJson() => {
    'id': id, 'authorId': _authorId, 'author': _author?.toJson(), 'title': _title, 'content': _content, 'imageKey': _imageKey, 'imageUrl': _imageUrl, 'status': amplify_core.enumToString(_status), 'likeCount': _likeCount, 'commentCount': _commentCount, 'version': _version, 'likedByMe': _likedByMe, 'createdAt': _createdAt?.format(), 'updatedAt': _updatedAt?.format(), 'comments': _comments?.toJson()
  };
  
  Map<String, Object?> toMap() => {
    'id': id,
    'authorId': _authorId,
    'author': _author,
    'title': _title,
    'content': _content,
    'imageKey': _imageKey,
    'imageUrl': _imageUrl,
    'status': _status,
    'likeCount': _likeCount,
    'commentCount': _commentCount,
    'version': _version,
    'likedByMe': _likedByMe,
    'createdAt': _createdAt,
    'updatedAt': _updatedAt,
    'comments': _comments
  };

  static var schema = amplify_core.Model.defineSchema(define: (amplify_core.ModelSchemaDefinition modelSchemaDefinition) {
    modelSchemaDefinition.name = "Post";
    modelSchemaDefinition.pluralName = "Posts";
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'id',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'authorId',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.embedded(
      fieldName: 'author',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.embedded, ofCustomTypeName: 'User')
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'title',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'content',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'imageKey',
      isRequired: false,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'imageUrl',
      isRequired: false,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'status',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.enumeration)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'likeCount',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.int)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'commentCount',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.int)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'version',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.int)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'likedByMe',
      isRequired: false,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.bool)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'createdAt',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.dateTime)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'updatedAt',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.dateTime)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.embedded(
      fieldName: 'comments',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.embedded, ofCustomTypeName: 'CommentConnection')
    ));
  });
}