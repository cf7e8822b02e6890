import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** Readable, sortable ids in WorkOS's style: `org_01J…`, `flag_01J…`. */
export type IdPrefix =
  | 'env'
  | 'key'
  | 'org'
  | 'flag'
  | 'rule'
  | 'user'
  | 'om'
  | 'session'
  | 'rt'
  | 'we'
  | 'wd'
  | 'client'
  | 'op'
  | 'opsess'
  | 'optok';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${nextUlid()}`;
}
