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


/** This is an auto generated class representing the FeatureSwitch type in your schema. */
class FeatureSwitch {
  final String? _name;
  final bool? _enabled;

  String get name {
    try {
      return _name!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  bool get enabled {
    try {
      return _enabled!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  const FeatureSwitch._internal({required name, required enabled}): _name = name, _enabled = enabled;
  
  factory FeatureSwitch({required String name, required bool enabled}) {
    return FeatureSwitch._internal(
      name: name,
      enabled: enabled);
  }
  
  bool equals(Object other) {
    return this == other;
  }
  
  @override
  bool operator ==(Object other) {
    if (identical(other, this)) return true;
    return other is FeatureSwitch &&
      _name == other._name &&
      _enabled == other._enabled;
  }
  
  @override
  int get hashCode => toString().hashCode;
  
  @override
  String toString() {
    var buffer = new StringBuffer();
    
    buffer.write("FeatureSwitch {");
    buffer.write("name=" + "$_name" + ", ");
    buffer.write("enabled=" + (_enabled != null ? _enabled!.toString() : "null"));
    buffer.write("}");
    
    return buffer.toString();
  }
  
  FeatureSwitch copyWith({String? name, bool? enabled}) {
    return FeatureSwitch._internal(
      name: name ?? this.name,
      enabled: enabled ?? this.enabled);
  }
  
  FeatureSwitch copyWithModelFieldValues({
    ModelFieldValue<String>? name,
    ModelFieldValue<bool>? enabled
  }) {
    return FeatureSwitch._internal(
      name: name == null ? this.name : name.value,
      enabled: enabled == null ? this.enabled : enabled.value
    );
  }
  
  FeatureSwitch.fromJson(Map<String, dynamic> json)  
    : _name = json['name'],
      _enabled = json['enabled'];
  
  Map<String, dynamic> toJson() => {
    'name': _name, 'enabled': _enabled
  };
  
  Map<String, Object?> toMap() => {
    'name': _name,
    'enabled': _enabled
  };

  static var schema = amplify_core.Model.defineSchema(define: (amplify_core.ModelSchemaDefinition modelSchemaDefinition) {
    modelSchemaDefinition.name = "FeatureSwitch";
    modelSchemaDefinition.pluralName = "FeatureSwitches";
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'name',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'enabled',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.bool)
    ));
  });
}