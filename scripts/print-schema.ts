// npm run schema: prints the sorted GraphQL schema to schema.graphql (committed; a test checks it).
import { writeFile } from 'node:fs/promises';
import { printSchema } from 'graphql';
import { schema } from '../src/graphql/schema.ts';

await writeFile(new URL('../schema.graphql', import.meta.url), `${printSchema(schema)}\n`);
console.log('schema.graphql written');
