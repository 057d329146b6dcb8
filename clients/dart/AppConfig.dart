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
import 'package:collection/collection.dart';


/** This is an auto generated class representing the AppConfig type in your schema. */
class AppConfig {
  final bool? _supported;
  final String? _minimumVersion;
  final List<FeatureSwitch>? _switches;

  bool get supported {
    try {
      return _supported!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  String? get minimumVersion {
    return _minimumVersion;
  }
  
  List<FeatureSwitch> get switches {
    try {
      return _switches!;
    } catch(e) {
      throw amplify_core.AmplifyCodeGenModelException(
          amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastExceptionMessage,
          recoverySuggestion:
            amplify_core.AmplifyExceptionMessages.codeGenRequiredFieldForceCastRecoverySuggestion,
          underlyingException: e.toString()
          );
    }
  }
  
  const AppConfig._internal({required supported, minimumVersion, required switches}): _supported = supported, _minimumVersion = minimumVersion, _switches = switches;
  
  factory AppConfig({required bool supported, String? minimumVersion, required List<FeatureSwitch> switches}) {
    return AppConfig._internal(
      supported: supported,
      minimumVersion: minimumVersion,
      switches: switches != null ? List<FeatureSwitch>.unmodifiable(switches) : switches);
  }
  
  bool equals(Object other) {
    return this == other;
  }
  
  @override
  bool operator ==(Object other) {
    if (identical(other, this)) return true;
    return other is AppConfig &&
      _supported == other._supported &&
      _minimumVersion == other._minimumVersion &&
      DeepCollectionEquality().equals(_switches, other._switches);
  }
  
  @override
  int get hashCode => toString().hashCode;
  
  @override
  String toString() {
    var buffer = new StringBuffer();
    
    buffer.write("AppConfig {");
    buffer.write("supported=" + (_supported != null ? _supported!.toString() : "null") + ", ");
    buffer.write("minimumVersion=" + "$_minimumVersion" + ", ");
    buffer.write("switches=" + (_switches != null ? _switches!.toString() : "null"));
    buffer.write("}");
    
    return buffer.toString();
  }
  
  AppConfig copyWith({bool? supported, String? minimumVersion, List<FeatureSwitch>? switches}) {
    return AppConfig._internal(
      supported: supported ?? this.supported,
      minimumVersion: minimumVersion ?? this.minimumVersion,
      switches: switches ?? this.switches);
  }
  
  AppConfig copyWithModelFieldValues({
    ModelFieldValue<bool>? supported,
    ModelFieldValue<String?>? minimumVersion,
    ModelFieldValue<List<FeatureSwitch>>? switches
  }) {
    return AppConfig._internal(
      supported: supported == null ? this.supported : supported.value,
      minimumVersion: minimumVersion == null ? this.minimumVersion : minimumVersion.value,
      switches: switches == null ? this.switches : switches.value
    );
  }
  
  AppConfig.fromJson(Map<String, dynamic> json)  
    : _supported = json['supported'],
      _minimumVersion = json['minimumVersion'],
      _switches = json['switches'] is List
        ? (json['switches'] as List)
          .where((e) => e != null)
          .map((e) => FeatureSwitch.fromJson(new Map<String, dynamic>.from(e['serializedData'] ?? e)))
          .toList()
        : null;
  
  Map<String, dynamic> toJson() => {
    'supported': _supported, 'minimumVersion': _minimumVersion, 'switches': _switches?.map((FeatureSwitch? e) => e?.toJson()).toList()
  };
  
  Map<String, Object?> toMap() => {
    'supported': _supported,
    'minimumVersion': _minimumVersion,
    'switches': _switches
  };

  static var schema = amplify_core.Model.defineSchema(define: (amplify_core.ModelSchemaDefinition modelSchemaDefinition) {
    modelSchemaDefinition.name = "AppConfig";
    modelSchemaDefinition.pluralName = "AppConfigs";
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'supported',
      isRequired: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.bool)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.customTypeField(
      fieldName: 'minimumVersion',
      isRequired: false,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.string)
    ));
    
    modelSchemaDefinition.addField(amplify_core.ModelFieldDefinition.embedded(
      fieldName: 'switches',
      isRequired: true,
      isArray: true,
      ofType: amplify_core.ModelFieldType(amplify_core.ModelFieldTypeEnum.embeddedCollection, ofCustomTypeName: 'FeatureSwitch')
    ));
  });
}