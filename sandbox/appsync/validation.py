"""Document validation with graphql-java's error kinds, which is how AppSync words validation failures."""

from __future__ import annotations

from graphql import DocumentNode, GraphQLError, GraphQLSchema, specified_rules, validate

_KINDS = {
    "FieldsOnCorrectTypeRule": "FieldUndefined",
    "KnownArgumentNamesRule": "UnknownArgument",
    "ValuesOfCorrectTypeRule": "WrongType",
    "ProvidedRequiredArgumentsRule": "MissingFieldArgument",
    "KnownTypeNamesRule": "UnknownType",
    "VariablesInAllowedPositionRule": "VariableTypeMismatch",
    "NoUndefinedVariablesRule": "UndefinedVariable",
    "NoUnusedVariablesRule": "UnusedVariable",
    "KnownDirectivesRule": "UnknownDirective",
    "UniqueOperationNamesRule": "DuplicateOperationName",
    "NoUnusedFragmentsRule": "UnusedFragment",
    "KnownFragmentNamesRule": "UndefinedFragment",
    "PossibleFragmentSpreadsRule": "InvalidFragmentType",
    "FragmentsOnCompositeTypesRule": "InvalidFragmentType",
    "OverlappingFieldsCanBeMergedRule": "FieldsConflict",
    "LoneAnonymousOperationRule": "LoneAnonymousOperationViolation",
    "VariablesAreInputTypesRule": "NonInputTypeOnVariable",
    "UniqueArgumentNamesRule": "DuplicateArgumentNames",
}


def _kind(rule: type, error: GraphQLError) -> str:
    if rule.__name__ == "ScalarLeafsRule":
        return "SubSelectionRequired" if "must have a selection" in error.message else "SubSelectionNotAllowed"
    return _KINDS.get(rule.__name__, rule.__name__.removesuffix("Rule"))


def validation_errors(schema: GraphQLSchema, document: DocumentNode) -> list[GraphQLError]:
    """Errors whose message starts `Validation error of type <Kind>: ...`; empty when the document is valid."""
    if not validate(schema, document):
        return []
    named: list[GraphQLError] = []
    for rule in specified_rules:  # only on failure: name each error after the rule that found it
        for error in validate(schema, document, [rule]):
            named.append(
                GraphQLError(f"Validation error of type {_kind(rule, error)}: {error.message}", nodes=error.nodes)
            )
    return named
