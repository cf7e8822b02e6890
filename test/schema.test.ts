import { readFile } from 'node:fs/promises';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/schema.ts';

describe('schema.graphql', () => {
  it('is the printed schema', async () => {
    const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed, 'schema.graphql is stale: run `npm run schema` (then `npm run codegen`)').toBe(
      `${printSchema(schema)}\n`,
    );
  });

  it('gives every mutation one input of type <Name>Input and a <Name>Payload', () => {
    const mutations = schema.getMutationType()?.getFields() ?? {};
    for (const [name, field] of Object.entries(mutations)) {
      const pascal = name[0]?.toUpperCase() + name.slice(1);
      expect(
        field.args.map((arg) => `${arg.name}: ${String(arg.type)}`),
        name,
      ).toEqual([`input: ${pascal}Input!`]);
      expect(String(field.type), name).toBe(`${pascal}Payload!`);
    }
  });
});
