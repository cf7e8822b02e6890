import {
  type DocumentNode,
  type FieldNode,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';

export interface RootField {
  /** The schema field, e.g. `refreshSession`. */
  name: string;
  /** Its alias or name: where its value and errors appear in the result. */
  responseKey: string;
  node: FieldNode;
}

/** The operation that will run, or null when the document does not pick exactly one. */
export function selectedOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | null {
  return getOperationAST(document, operationName ?? undefined) ?? null;
}

/** The fields selected directly on the root type (fragments on the root are followed once). */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): RootField[] {
  const fields: RootField[] = [];
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const visit = (selections: OperationDefinitionNode['selectionSet']['selections'], seen: Set<string>) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        fields.push({
          name: selection.name.value,
          responseKey: selection.alias?.value ?? selection.name.value,
          node: selection,
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet.selections, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) visit(fragment.selectionSet.selections, new Set(seen).add(name));
      }
    }
  };
  visit(operation.selectionSet.selections, new Set());
  return fields;
}

const plainName = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * A bounded label for an operation: its name when it is a plain GraphQL name, else `anonymous`.
 * Callers choose names, so the metrics module also caps how many distinct ones it keeps.
 */
export function operationLabel(operation: OperationDefinitionNode | null): string {
  const name = operation?.name?.value;
  return name && plainName.test(name) ? name : 'anonymous';
}
