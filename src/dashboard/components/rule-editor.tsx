import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import { ApiError, messageOf, request } from '../api.ts';
import { setEnabled } from '../flag-data.ts';
import type { OrganizationRule, RuleEditorQuery } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { useLiveEvents } from '../live.ts';
import { type SessionEnvironment, usePermissions } from '../session.ts';
import { ErrorMessage } from './form.tsx';
import { SearchPicker } from './search-picker.tsx';
import { Switch } from './switch.tsx';
import { UserTargets } from './user-targets.tsx';

const ruleQuery = graphql(`
  query RuleEditor($slug: String!, $environment: String!) {
    featureFlag(slug: $slug) {
      rule(environment: $environment) {
        ...RuleFields
      }
    }
  }
  fragment RuleFields on FeatureFlagRule {
    enabled
    version
    organizationRule
    percentage
    updatedAt
    organizations {
      id
      name
    }
    users {
      id
      email
    }
  }
`);

const setRule = graphql(`
  mutation SetOrganizationRule($input: SetOrganizationRuleInput!) {
    setOrganizationRule(input: $input) {
      rule {
        ...RuleFields
      }
    }
  }
`);

const searchOrganizations = graphql(`
  query SearchOrganizations($environment: String!, $search: String!) {
    organizations(environment: $environment, search: $search, first: 8) {
      edges {
        node {
          id
          name
          externalId
        }
      }
    }
  }
`);

export type Rule = NonNullable<RuleEditorQuery['featureFlag']>['rule'];
interface Organization {
  id: string;
  name: string;
}

/** What the person is changing, on top of the rule version they started from. */
interface Draft {
  baseVersion: number;
  organizationRule: OrganizationRule;
  percentage: number;
  organizations: Organization[];
}

const choices: { value: OrganizationRule; label: string }[] = [
  { value: 'NONE', label: 'None' },
  { value: 'SOME', label: 'Some' },
  { value: 'PERCENTAGE', label: 'Percentage' },
  { value: 'ALL', label: 'All' },
];

function describe(rule: {
  organizationRule: string;
  percentage: number;
  organizations: Organization[];
}): string {
  switch (rule.organizationRule) {
    case 'NONE':
      return 'no organization';
    case 'ALL':
      return 'every organization';
    case 'SOME':
      return `${rule.organizations.length} chosen organization${rule.organizations.length === 1 ? '' : 's'}${rule.organizations.length ? `: ${rule.organizations.map((o) => o.name).join(', ')}` : ''}`;
    default:
      return `${rule.percentage}% of organizations${rule.organizations.length ? ` and ${rule.organizations.map((o) => o.name).join(', ')}` : ''}`;
  }
}

/**
 * One environment's rule on the flag page. Edits are a draft on top of the version they began
 * from, saved with `expectedVersion`: a change someone else made meanwhile (seen live, or
 * refused by the server as CONFLICT) is shown beside the draft, never silently replaced by it
 * nor replacing it.
 */
export function RuleEditor(props: { slug: string; environment: SessionEnvironment }) {
  const { slug } = props;
  const environment = props.environment.slug;
  const can = usePermissions();
  const editable = can.canChangeRules(environment);
  const [rule, setRuleState] = useState<Rule | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [conflict, setConflict] = useState<Rule | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const load = useCallback(async () => {
    const { featureFlag } = await request(ruleQuery, { slug, environment });
    return featureFlag?.rule ?? null;
  }, [slug, environment]);

  useEffect(() => {
    setDraft(null);
    setConflict(null);
    void load()
      .then(setRuleState)
      .catch((failure) => setError(messageOf(failure)));
  }, [load]);

  /** The server's rule changed: taken as is, unless it conflicts with the draft. */
  const receive = (next: Rule | null, ownChange = false) => {
    if (!next) return;
    setRuleState(next);
    setDraft((current) => {
      if (!current) return current;
      if (ownChange) return { ...current, baseVersion: next.version };
      if (next.version !== current.baseVersion) setConflict(next);
      return current;
    });
  };

  useLiveEvents((event) => {
    if (event.flagSlug !== slug || event.environment?.slug !== environment) return;
    void load()
      .then((next) => {
        if (next && rule && next.version === rule.version) return;
        receive(next);
      })
      .catch(() => {});
  });

  if (!rule) {
    return (
      <section class="card env-card" aria-labelledby={headingId}>
        <h2 id={headingId}>{props.environment.name}</h2>
        <ErrorMessage message={error} />
        {!error && <p>Loading…</p>}
      </section>
    );
  }

  const shown: Draft = draft ?? {
    baseVersion: rule.version,
    organizationRule: rule.organizationRule,
    percentage: rule.percentage,
    organizations: rule.organizations,
  };
  const edit = (change: Partial<Draft>) => {
    setSaved(null);
    setDraft({ ...shown, ...change });
  };

  const toggle = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const { setFeatureFlagEnabled } = await request(setEnabled, {
        input: { slug, environment, enabled, expectedVersion: rule.version },
      });
      // Own change: the draft, if any, moves onto the new version with it.
      if (draft && draft.baseVersion === rule.version)
        setDraft({ ...draft, baseVersion: setFeatureFlagEnabled.rule.version });
      setRuleState({ ...rule, ...setFeatureFlagEnabled.rule });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'CONFLICT') receive(await load());
      setError(conflictOr(failure, environment));
    } finally {
      setBusy(false);
    }
  };

  const save = async (base: Draft) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const { setOrganizationRule } = await request(setRule, {
        input: {
          slug,
          environment,
          rule: base.organizationRule,
          organizationIds: base.organizations.map((o) => o.id),
          ...(base.organizationRule === 'PERCENTAGE' ? { percentage: base.percentage } : {}),
          expectedVersion: base.baseVersion,
        },
      });
      setRuleState(setOrganizationRule.rule);
      setDraft(null);
      setConflict(null);
      setSaved(`Saved: ${describe(setOrganizationRule.rule)} (version ${setOrganizationRule.rule.version}).`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'CONFLICT') {
        const theirs = await load();
        if (theirs) {
          setRuleState(theirs);
          setConflict(theirs);
        }
      } else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const chosenIds = new Set(shown.organizations.map((o) => o.id));
  const showsOrganizations = shown.organizationRule === 'SOME' || shown.organizationRule === 'PERCENTAGE';
  return (
    <section class="card env-card" aria-labelledby={headingId}>
      <div class="env-head">
        <h2 id={headingId}>{props.environment.name}</h2>
        <Switch
          checked={rule.enabled}
          label={`${slug} in ${environment}`}
          disabled={!editable || busy}
          onChange={(enabled) => void toggle(enabled)}
        />
      </div>
      <p class="muted">
        Version {rule.version} · {rule.enabled ? 'on' : 'off'} for {describe(rule)}
        {!editable && ' · read-only for you'}
      </p>
      <ErrorMessage message={error} />
      {conflict && (
        <div class="conflict" role="alert">
          <p>
            <strong>Conflict:</strong> someone else changed this rule in {environment} while you were editing.
            It is now version {conflict.version}: {conflict.enabled ? 'on' : 'off'} for {describe(conflict)}.
            Your change was not saved.
          </p>
          <div class="buttons">
            <button
              type="button"
              onClick={() => {
                setDraft(null);
                setConflict(null);
              }}
            >
              Discard my change
            </button>
            {draft && (
              <button
                type="button"
                class="primary"
                disabled={busy}
                onClick={() => void save({ ...draft, baseVersion: conflict.version })}
              >
                Save mine over theirs
              </button>
            )}
          </div>
        </div>
      )}
      <fieldset disabled={!editable || busy}>
        <legend>Organizations in {environment}</legend>
        <div class="segmented">
          {choices.map((choice) => (
            <label key={choice.value}>
              <input
                type="radio"
                name={`rule-${environment}`}
                value={choice.value}
                checked={shown.organizationRule === choice.value}
                onChange={() => edit({ organizationRule: choice.value })}
              />
              {choice.label}
            </label>
          ))}
        </div>
        {shown.organizationRule === 'PERCENTAGE' && (
          <label class="field">
            Percentage of organizations in {environment}
            <input
              type="number"
              min={0}
              max={100}
              step={0.01}
              value={shown.percentage}
              onInput={(e) => edit({ percentage: Number(e.currentTarget.value) })}
            />
          </label>
        )}
        {showsOrganizations && (
          <>
            {shown.organizations.length === 0 ? (
              <p class="muted">No organization chosen yet.</p>
            ) : (
              <ul class="chosen" aria-label={`Chosen organizations in ${environment}`}>
                {shown.organizations.map((organization) => (
                  <li key={organization.id}>
                    <span>{organization.name}</span>
                    <button
                      type="button"
                      class="link-button"
                      aria-label={`Remove ${organization.name} in ${environment}`}
                      onClick={() =>
                        edit({ organizations: shown.organizations.filter((o) => o.id !== organization.id) })
                      }
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {editable && (
              <SearchPicker
                label={`Add an organization in ${environment}`}
                placeholder="Search organizations by name"
                search={async (text) => {
                  const { organizations } = await request(searchOrganizations, { environment, search: text });
                  return organizations.edges
                    .map((edge) => edge.node)
                    .filter((o) => !chosenIds.has(o.id))
                    .map((o) => ({ id: o.id, label: o.name, detail: o.externalId ?? undefined }));
                }}
                onPick={(item) =>
                  edit({ organizations: [...shown.organizations, { id: item.id, name: item.label }] })
                }
              />
            )}
          </>
        )}
        {editable && (
          <div class="buttons">
            <button
              type="button"
              class="primary"
              disabled={!draft || busy}
              onClick={() => draft && void save(draft)}
            >
              Save {environment} rule
            </button>
            {draft && (
              <button type="button" onClick={() => setDraft(null)}>
                Cancel
              </button>
            )}
          </div>
        )}
        {saved && (
          <p class="saved" role="status">
            {saved}
          </p>
        )}
      </fieldset>
      <UserTargets
        slug={slug}
        environment={environment}
        users={rule.users}
        editable={editable}
        onChanged={(next) => {
          if (draft && draft.baseVersion === rule.version) setDraft({ ...draft, baseVersion: next.version });
          setRuleState(next);
        }}
      />
    </section>
  );
}

function conflictOr(failure: unknown, environment: string): string {
  if (failure instanceof ApiError && failure.code === 'CONFLICT') {
    return `Someone else changed this flag in ${environment} meanwhile; the page now shows their change. Try again if you still want yours.`;
  }
  return messageOf(failure);
}
