import { parseArgs } from 'node:util';
import { OperatorRole } from '../src/generated/prisma/enums.ts';

/**
 * The command line of `npm run operators:create`, checked before anything heavy loads: a usage
 * error is answered at once (exit code 2) and without touching the data folder. Kept apart from
 * the script so that every usage case is tested in-process (test/operators-cli.test.ts).
 */
export const operatorsCreateUsage =
  'usage: npm run -s operators:create -- --email <e-mail> --role owner|admin|editor|viewer [--environments <slug,slug>] --password-stdin   (the password on standard input)';

export interface OperatorsCreateArgs {
  email: string;
  role: OperatorRole;
  environments: string[] | undefined;
}

/** The arguments, or the usage error to print (ending with the usage line). */
export function parseOperatorsCreateArgs(args: string[]): OperatorsCreateArgs | { usageError: string } {
  let values: { email?: string; role?: string; environments?: string; 'password-stdin'?: boolean };
  try {
    values = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        environments: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return {
      usageError: `${error instanceof Error ? error.message : String(error)}\n${operatorsCreateUsage}`,
    };
  }
  if (!values.email || !values.role) return { usageError: operatorsCreateUsage };
  const role = Object.values(OperatorRole).find((name) => name === values.role?.trim().toUpperCase());
  if (!role) {
    return {
      usageError: `--role must be owner, admin, editor or viewer, not ${JSON.stringify(values.role)}.\n${operatorsCreateUsage}`,
    };
  }
  if (!values['password-stdin']) {
    return {
      usageError: `--password-stdin is required: the password is read from standard input.\n${operatorsCreateUsage}`,
    };
  }
  const environments = values.environments
    ?.split(',')
    .map((slug) => slug.trim())
    .filter(Boolean);
  return { email: values.email, role, environments };
}

/** The password from standard input's text: one line, its newline not part of it. */
export function passwordFromStdin(text: string): string | { usageError: string } {
  const password = text.replace(/\r?\n$/, '');
  return password === '' ? { usageError: 'No password on standard input.' } : password;
}
