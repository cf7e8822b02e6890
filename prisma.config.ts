import { defineConfig } from 'prisma/config';

// Prisma 7 keeps connection details out of schema.prisma. Pennant connects through driver
// adapters at run time (src/db/client.ts), and applies migrations with the WebAssembly schema
// engine (src/db/migrations.ts), so this file only tells the CLI where the schema lives.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
