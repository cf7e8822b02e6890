import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf, request } from '../api.ts';
import { type FlagDefinition, slugFromName } from '../flag-data.ts';
import { graphql } from '../gql/index.ts';
import { useSession } from '../session.ts';
import { Dialog } from './dialog.tsx';
import { ErrorMessage, Field } from './form.tsx';

const createFlag = graphql(`
  mutation CreateFeatureFlag($input: CreateFeatureFlagInput!) {
    createFeatureFlag(input: $input) {
      featureFlag {
        ...FlagDefinition
      }
    }
  }
`);

const updateFlag = graphql(`
  mutation UpdateFeatureFlag($input: UpdateFeatureFlagInput!) {
    updateFeatureFlag(input: $input) {
      featureFlag {
        ...FlagDefinition
      }
    }
  }
`);

const deleteFlag = graphql(`
  mutation DeleteFeatureFlag($input: DeleteFeatureFlagInput!) {
    deleteFeatureFlag(input: $input) {
      deletedFeatureFlagId
    }
  }
`);

export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

export function CreateFlagDialog(props: {
  open: boolean;
  onClose: () => void;
  onCreated: (flag: FlagDefinition) => void;
}) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!props.open) return;
    setName('');
    setSlug('');
    setSlugEdited(false);
    setDescription('');
    setTags('');
    setError(null);
  }, [props.open]);
  const field = error instanceof ApiError ? error.errors[0]?.extensions?.field : undefined;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { createFeatureFlag } = await request(createFlag, {
        input: { name, slug, description, tags: parseTags(tags) },
      });
      props.onCreated(createFeatureFlag.featureFlag);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Create flag" open={props.open} onClose={props.onClose}>
      <form onSubmit={submit} class="stack">
        <ErrorMessage message={error && field !== 'slug' && field !== 'name' ? messageOf(error) : null} />
        <Field
          label="Name"
          required
          value={name}
          error={field === 'name' ? messageOf(error) : null}
          onInput={(e) => {
            setName(e.currentTarget.value);
            if (!slugEdited) setSlug(slugFromName(e.currentTarget.value));
          }}
        />
        <Field
          label="Slug"
          required
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          hint="Lower-case letters, digits and dashes; permanent: your code uses it."
          error={field === 'slug' ? messageOf(error) : null}
          value={slug}
          onInput={(e) => {
            setSlug(e.currentTarget.value);
            setSlugEdited(true);
          }}
        />
        <Field
          label="Description"
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
        <Field
          label="Tags"
          hint="Separated by commas."
          value={tags}
          onInput={(e) => setTags(e.currentTarget.value)}
        />
        <p class="hint">The flag starts off, for no organization, in every environment.</p>
        <div class="buttons">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={busy}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * A confirmed action on one flag (delete, archive): busy while it runs, the server's refusal
 * shown, cleared when the dialog opens for another flag.
 */
function useFlagAction(
  flag: FlagDefinition | null,
  run: (slug: string) => Promise<unknown>,
  done: (slug: string) => void,
) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [flag]);
  const confirm = async () => {
    if (!flag) return;
    setBusy(true);
    try {
      await run(flag.slug);
      done(flag.slug);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, confirm };
}

export function DeleteFlagDialog(props: {
  flag: FlagDefinition | null;
  enabledIn: string[];
  onClose: () => void;
  onDeleted: (slug: string) => void;
}) {
  const { environments } = useSession();
  const flag = props.flag;
  const { error, busy, confirm } = useFlagAction(
    flag,
    (slug) => request(deleteFlag, { input: { slug } }),
    props.onDeleted,
  );
  return (
    <Dialog
      title={flag ? `Delete ${flag.slug}?` : 'Delete flag'}
      open={flag !== null}
      onClose={props.onClose}
    >
      {flag && (
        <div class="stack">
          <ErrorMessage message={error} />
          <p>
            This deletes <strong>{flag.name}</strong> (<code>{flag.slug}</code>) and its rules in every
            environment: {environments.map((e) => e.slug).join(', ')}.
          </p>
          <p>
            {props.enabledIn.length > 0
              ? `It is on in ${props.enabledIn.join(', ')}: applications there will see it off.`
              : 'It is off in every environment.'}{' '}
            This cannot be undone.
          </p>
          <div class="buttons">
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
            <button type="button" class="danger" disabled={busy} onClick={() => void confirm()}>
              Delete {flag.slug}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** Edits a flag's name, description and tags (its slug is permanent). */
export function EditFlagDialog(props: {
  flag: FlagDefinition;
  open: boolean;
  onClose: () => void;
  onSaved: (flag: FlagDefinition) => void;
}) {
  const { flag } = props;
  const [name, setName] = useState(flag.name);
  const [description, setDescription] = useState(flag.description);
  const [tags, setTags] = useState(flag.tags.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!props.open) return;
    setName(flag.name);
    setDescription(flag.description);
    setTags(flag.tags.join(', '));
    setError(null);
  }, [props.open, flag]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { updateFeatureFlag } = await request(updateFlag, {
        input: { slug: flag.slug, name, description, tags: parseTags(tags) },
      });
      props.onSaved(updateFeatureFlag.featureFlag);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Edit ${flag.slug}`} open={props.open} onClose={props.onClose}>
      <form onSubmit={submit} class="stack">
        <ErrorMessage message={error} />
        <Field label="Name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <Field
          label="Description"
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
        <Field
          label="Tags"
          hint="Separated by commas."
          value={tags}
          onInput={(e) => setTags(e.currentTarget.value)}
        />
        <div class="buttons">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={busy}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const archiveFlag = graphql(`
  mutation ArchiveFeatureFlag($input: ArchiveFeatureFlagInput!) {
    archiveFeatureFlag(input: $input) {
      featureFlag {
        slug
        archivedAt
      }
    }
  }
`);

/**
 * Archiving leaves the flag's rules as they are but freezes them; the server refuses it while the
 * flag is on anywhere, so the dialog says where to turn it off first.
 */
export function ArchiveFlagDialog(props: {
  flag: FlagDefinition | null;
  enabledIn: string[];
  onClose: () => void;
  onArchived: (slug: string) => void;
}) {
  const { environments } = useSession();
  const flag = props.flag;
  const { error, busy, confirm } = useFlagAction(
    flag,
    (slug) => request(archiveFlag, { input: { slug } }),
    props.onArchived,
  );
  const on = props.enabledIn.length > 0;
  return (
    <Dialog
      title={flag ? `Archive ${flag.slug}?` : 'Archive flag'}
      open={flag !== null}
      onClose={props.onClose}
    >
      {flag && (
        <div class="stack">
          <ErrorMessage message={error} />
          <p>
            This archives <strong>{flag.name}</strong> (<code>{flag.slug}</code>) in every environment:{' '}
            {environments.map((e) => e.slug).join(', ')}. It leaves the flags list and its rules cannot change
            until it is unarchived; its rules and history are kept.
          </p>
          <p>
            {on
              ? `It is on in ${props.enabledIn.join(', ')}: turn it off there before archiving it.`
              : 'It is off in every environment, so applications see no change.'}
          </p>
          <div class="buttons">
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
            <button type="button" class="primary" disabled={busy || on} onClick={() => void confirm()}>
              Archive {flag.slug}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
