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


/** This is an auto generated class representing the UploadTarget type in your schema. */
class UploadTarget {
  final String? _url;
  final String? _fields;
  final String? _key;
  final amplify_core.TemporalDateTime? _expiresAt;

  String get url {
    try {
      return _url!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  String get fields {
    try {
      return _fields!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  String get key {
    try {
      return _key!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  amplify_core.TemporalDateTime get expiresAt {
    try {
      return _expiresAt!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  const UploadTarget._internal({required url, required fields, required key, required expiresAt}): _url = url, _fields = fields, _key = key, _expiresAt = expiresAt;
  
  factory UploadTarget({required String url, required String fields, required String key, required amplify_core.TemporalDateTime expiresAt}) {
    return UploadTarget._internal(
      url: url,
      fields: fields,
      key: key,
      expiresAt: expiresAt);
  }
  
  bool equals(Object other) {
    return this == other;
  }
  
  @override
  bool operator ==(Object other) {
    if (identical(other, this)) return true;
    return other is UploadTarget &&
      _url == other._url &&
      _fields == other._fields &&
      _key == other._key &&
      _expiresAt == other._expiresAt;
  }
  
  @override
  int get hashCode => toString().hashCode;
  
  @override
  String toString() {
    var buffer = new StringBuffer();
    
    buffer.write("UploadTarget {");
    buffer.write("url=" + "$_url" + ", ");
    buffer.write("fields=" + "$_fields" + ", ");
    buffer.write("key=" + "$_key" + ", ");
    buffer.write("expiresAt=" + (_expiresAt != null ? _expiresAt!.format() : "null"));
    buffer.write("}");
    
    return buffer.toString();
  }
  
  UploadTarget copyWith({String? url, String? fields, String? key, amplify_core.TemporalDateTime? expiresAt}) {
    return UploadTarget._internal(
      url: url ?? this.url,
      fields: fields ?? this.fields,
      key: key ?? this.key,
      expiresAt: expiresAt ?? this.expiresAt);
  }
  
  UploadTarget copyWithModelFieldValues({
    ModelFieldValue<String>? url,
    ModelFieldValue<String>? fields,
    ModelFieldValue<String>? key,
    ModelFieldValue<amplify_core.TemporalDateTime>? expiresAt
  }) {
    return UploadTarget._internal(
      url: url == null ? this.url : url.value,
      fields: fields == null ? this.fields : fields.value,
      key: key == null ? this.key : key.value,
      expiresAt: expiresAt == null ? this.expiresAt : expiresAt.value
    );
  }
  
  UploadTarget.fromJson(Map<String, dynamic> json)  
    : _url = json['url'],
      _fields = json['fields'],
      _key = json['key'],
      _expiresAt = json['expiresAt'] != null ? amplify_core.TemporalDateTime.fromString(json['expiresAt']) : null;
  
  Map<String, dynamic> toJson() => {
    'url': _url, 'fields': _fields, 'key': _key, 'expiresAt': _expiresAt?.format()
  };
  
  Map<String, Object?> toMap() => {
    'url': _url,
    'fields': _fields,
    'key': _key,
    'expiresAt': _expiresAt
  };

  static var schema = amplify_core.Model.defineSchema(define: (amplify_core.ModelSchemaDefinition modelSchemaDefinition) {
    modelSchemaDefinition.name = "UploadTarget";
    modelSchemaDefinition.pluralName = "UploadTargets";
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'url',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'fields',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'key',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'expiresAt',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.dateTime)
    ));
  });
}