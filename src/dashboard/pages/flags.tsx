import { Component } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf, request } from '../api.ts';
import { ArchiveFlagDialog, CreateFlagDialog, DeleteFlagDialog } from '../components/flag-dialogs.tsx';
import { ErrorMessage } from '../components/form.tsx';
import { Link } from '../components/link.tsx';
import { Switch } from '../components/switch.tsx';
import {
  type FlagDefinition,
  loadFlagRow,
  loadFlagTable,
  type RuleSummary,
  setEnabled,
} from '../flag-data.ts';
import { useLiveEvents } from '../live.ts';
import { type SessionEnvironment, usePermissions, useSession } from '../session.ts';

/** Rows in the first request: more than a tall screen shows (a row is about 3 lines). */
const firstScreenRows = 40;

/** Rules by environment slug, then flag slug. */
type Rules = Record<string, Record<string, RuleSummary>>;

const ruleWords: Record<string, string> = {
  NONE: 'no organizations',
  SOME: 'some organizations',
  ALL: 'all organizations',
  PERCENTAGE: '% of organizations',
};

function ruleSummary(rule: RuleSummary): string {
  if (rule.organizationRule === 'PERCENTAGE') return `${rule.percentage}${ruleWords.PERCENTAGE}`;
  return ruleWords[rule.organizationRule] ?? rule.organizationRule;
}

export function FlagsPage() {
  const { environments } = useSession();
  const can = usePermissions();
  const [flags, setFlags] = useState<FlagDefinition[]>([]);
  const [rules, setRules] = useState<Rules>({});
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FlagDefinition | null>(null);
  const [archiving, setArchiving] = useState<FlagDefinition | null>(null);

  useEffect(() => {
    let cancelled = false;
    const definitions: FlagDefinition[] = [];
    const slugs = environments.map((environment) => environment.slug);
    const arrived: Rules = Object.fromEntries(slugs.map((slug) => [slug, {}]));
    // Pages that arrive within one frame are drawn together: one render, not one per request.
    let frame = 0;
    const draw = () => {
      frame = 0;
      if (cancelled) return;
      setFlags([...definitions]);
      setRules((current) => {
        const next = { ...current };
        for (const [environment, page] of Object.entries(arrived))
          next[environment] = { ...next[environment], ...page };
        return next;
      });
    };
    let firstPage = true;
    // One request per page with every environment's rule: the first screen's rows come first
    // and are drawn at once (their switches work while the rest loads), then pages of 100.
    loadFlagTable(
      slugs,
      firstScreenRows,
      (rows) => {
        for (const { flag, rules: flagRules } of rows) {
          definitions.push(flag);
          for (const [index, slug] of slugs.entries()) {
            const rule = flagRules[index];
            const inEnvironment = arrived[slug];
            if (rule && inEnvironment) inEnvironment[flag.slug] = rule;
          }
        }
        if (firstPage) {
          firstPage = false;
          draw();
        } else frame ||= requestAnimationFrame(draw);
      },
      () => cancelled,
    )
      .then(() => {
        if (cancelled) return;
        cancelAnimationFrame(frame);
        draw();
        setLoaded(true);
      })
      .catch((failure) => !cancelled && setError(messageOf(failure)));
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [environments]);

  const refreshRow = async (slug: string, environment: string) => {
    const row = await loadFlagRow(slug, environment);
    if (!row) {
      setFlags((current) => current.filter((flag) => flag.slug !== slug));
      return;
    }
    const { rule, ...definition } = row;
    setFlags((current) =>
      current.some((flag) => flag.slug === slug)
        ? current.map((flag) => (flag.slug === slug ? definition : flag))
        : [...current, definition],
    );
    setRules((current) => ({ ...current, [environment]: { ...current[environment], [slug]: rule } }));
  };

  useLiveEvents((event) => {
    if (!event.flagSlug) return;
    if (event.type === 'flag.deleted') {
      setFlags((current) => current.filter((flag) => flag.slug !== event.flagSlug));
      return;
    }
    const environment = event.environment?.slug;
    // A definition change concerns every environment: one row read is enough for it, and the
    // rules of a new flag are read in each environment.
    const targets = environment
      ? [environment]
      : event.type === 'flag.created' || event.type === 'flag.unarchived'
        ? environments.map((e) => e.slug)
        : [environments[0]?.slug ?? 'sandbox'];
    for (const slug of targets) void refreshRow(event.flagSlug, slug).catch(() => {});
  });

  const toggle = async (flag: FlagDefinition, environment: string, enabled: boolean) => {
    const rule = rules[environment]?.[flag.slug];
    if (!rule) return;
    const key = `${flag.slug}/${environment}`;
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      const { setFeatureFlagEnabled } = await request(setEnabled, {
        input: { slug: flag.slug, environment, enabled, expectedVersion: rule.version },
      });
      setRules((current) => ({
        ...current,
        [environment]: { ...current[environment], [flag.slug]: setFeatureFlagEnabled.rule },
      }));
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'CONFLICT') {
        setNotice(
          `${flag.slug} in ${environment} was changed by someone else meanwhile; the switch now shows their change.`,
        );
        void refreshRow(flag.slug, environment);
      } else setError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  };

  // Stable across renders, so that rows whose data did not change skip their diff.
  const actions = useRef({ toggle, remove: setDeleting, archive: setArchiving });
  actions.current.toggle = toggle;
  const editable = environments
    .map((environment) => (can.canChangeRules(environment.slug) ? '1' : '0'))
    .join('');

  const tags = useMemo(() => [...new Set(flags.flatMap((flag) => flag.tags))].sort(), [flags]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return flags.filter(
      (flag) =>
        (!tag || flag.tags.includes(tag)) &&
        (!needle ||
          flag.slug.includes(needle) ||
          flag.name.toLowerCase().includes(needle) ||
          flag.description.toLowerCase().includes(needle)),
    );
  }, [flags, search, tag]);

  return (
    <>
      <div class="page-head">
        <h1>Flags</h1>
        <Link href="/archived-flags">Archived flags</Link>
        {can.canDefineFlags && (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            Create flag
          </button>
        )}
      </div>
      <search class="filters">
        <label>
          Search
          <input
            type="search"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
            placeholder="Name, slug or description"
          />
        </label>
        <label>
          Tag
          <select value={tag} onChange={(e) => setTag(e.currentTarget.value)}>
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </search>
      <ErrorMessage message={error} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p class="count" aria-live="polite">
        {loaded ? `${shown.length} of ${flags.length} flags` : `Loading… ${flags.length} flags so far`}
      </p>
      <div class="table-wrap">
        <table class="flags">
          <thead>
            <tr>
              <th scope="col">Flag</th>
              {environments.map((environment) => (
                <th scope="col" key={environment.slug} class="env-col">
                  {environment.name}
                </th>
              ))}
              {can.isAdmin && (
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {shown.map((flag) => {
              const busyHere = busy?.startsWith(`${flag.slug}/`) ? busy.slice(flag.slug.length + 1) : null;
              return (
                <FlagRow
                  key={flag.slug}
                  flag={flag}
                  rules={environments.map((environment) => rules[environment.slug]?.[flag.slug])}
                  environments={environments}
                  editable={editable}
                  isAdmin={can.isAdmin}
                  busyEnvironment={busyHere}
                  actions={actions}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      {loaded && flags.length === 0 && <p>No flags yet.{can.canDefineFlags && ' Create the first one.'}</p>}
      {loaded && flags.length > 0 && shown.length === 0 && <p>No flag matches.</p>}
      <CreateFlagDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(flag) => {
          setCreating(false);
          setFlags((current) => (current.some((f) => f.slug === flag.slug) ? current : [...current, flag]));
          for (const environment of environments)
            void refreshRow(flag.slug, environment.slug).catch(() => {});
        }}
      />
      <ArchiveFlagDialog
        flag={archiving}
        enabledIn={
          archiving
            ? environments.filter((e) => rules[e.slug]?.[archiving.slug]?.enabled).map((e) => e.slug)
            : []
        }
        onClose={() => setArchiving(null)}
        onArchived={(slug) => {
          setArchiving(null);
          setFlags((current) => current.filter((flag) => flag.slug !== slug));
        }}
      />
      <DeleteFlagDialog
        flag={deleting}
        enabledIn={
          deleting
            ? environments.filter((e) => rules[e.slug]?.[deleting.slug]?.enabled).map((e) => e.slug)
            : []
        }
        onClose={() => setDeleting(null)}
        onDeleted={(slug) => {
          setDeleting(null);
          setFlags((current) => current.filter((flag) => flag.slug !== slug));
        }}
      />
    </>
  );
}

interface FlagRowProps {
  flag: FlagDefinition;
  /** The flag's rule in each environment, in the order of `environments` (undefined: not loaded yet). */
  rules: (RuleSummary | undefined)[];
  environments: SessionEnvironment[];
  /** '1' or '0' per environment: whether the operator may change rules there. */
  editable: string;
  isAdmin: boolean;
  busyEnvironment: string | null;
  actions: {
    current: {
      toggle: (flag: FlagDefinition, environment: string, enabled: boolean) => Promise<void>;
      remove: (flag: FlagDefinition) => void;
      archive: (flag: FlagDefinition) => void;
    };
  };
}

/**
 * One flag's row. With 500 flags × 3 environments, redrawing every row for each change costs
 * more than the change: a row is drawn again only when its own data changed.
 */
class FlagRow extends Component<FlagRowProps> {
  override shouldComponentUpdate(next: FlagRowProps): boolean {
    const current = this.props;
    return (
      next.flag !== current.flag ||
      next.editable !== current.editable ||
      next.isAdmin !== current.isAdmin ||
      next.busyEnvironment !== current.busyEnvironment ||
      next.environments !== current.environments ||
      next.rules.some((rule, index) => rule !== current.rules[index])
    );
  }

  override render() {
    const { flag, rules, environments, editable, isAdmin, busyEnvironment, actions } = this.props;
    return (
      <tr>
        <th scope="row" class="flag-cell">
          <Link href={`/flags/${encodeURIComponent(flag.slug)}`}>{flag.name}</Link>
          <code class="slug">{flag.slug}</code>
          {flag.tags.length > 0 && (
            <ul class="tags" aria-label="Tags">
              {flag.tags.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          )}
        </th>
        {environments.map((environment, index) => {
          const rule = rules[index];
          const busy = busyEnvironment === environment.slug;
          return (
            <td key={environment.slug} class="env-cell" data-label={environment.name}>
              {rule ? (
                <>
                  <Switch
                    checked={rule.enabled}
                    label={`${flag.slug} in ${environment.slug}`}
                    disabled={editable[index] !== '1' || busy}
                    busy={busy}
                    onChange={(enabled) => void actions.current.toggle(flag, environment.slug, enabled)}
                  />
                  <span class="rule-summary">{ruleSummary(rule)}</span>
                </>
              ) : (
                <span class="muted">…</span>
              )}
            </td>
          );
        })}
        {isAdmin && (
          <td class="actions">
            <button
              type="button"
              class="link-button"
              aria-label={`Archive ${flag.slug}`}
              onClick={() => actions.current.archive(flag)}
            >
              Archive
            </button>{' '}
            <button
              type="button"
              class="danger-link"
              aria-label={`Delete ${flag.slug}`}
              onClick={() => actions.current.remove(flag)}
            >
              Delete
            </button>
          </td>
        )}
      </tr>
    );
  }
}
