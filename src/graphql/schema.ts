import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.ts';
import './scalars.ts';
import './environment.ts';
import './organization.ts';
import './flag.ts';
import './flag-archive.ts';
import './event.ts';
import './user.ts';
import './session.ts';
import './subscription.ts';
import './webhook.ts';
import './operator.ts';

/** The schema, sorted so that the printed `schema.graphql` diffs cleanly. */
export const schema = lexicographicSortSchema(builder.toSchema());
