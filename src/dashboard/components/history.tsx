/** One event's change, as the differing fields of its `before` and `after` ("enabled: false → true"). */
export function changeLines(before: unknown, after: unknown): string[] {
  const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));
  if (!isRecord(before) || !isRecord(after)) {
    if (before == null && isRecord(after)) return [`created ${summary(after)}`];
    if (after == null && isRecord(before)) return [`deleted ${summary(before)}`];
    return [`${show(before)} → ${show(after)}`];
  }
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    // Internal bookkeeping, not what a person changed.
    if (['version', 'updatedAt', 'rolloutSalt', 'id', 'ruleId', 'flagId', 'environmentId'].includes(key))
      continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      lines.push(`${key}: ${show(before[key])} → ${show(after[key])}`);
    }
  }
  return lines.length > 0 ? lines : ['no visible change'];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function summary(record: Record<string, unknown>): string {
  const name = record.slug ?? record.name ?? record.id;
  return typeof name === 'string' ? name : '';
}

export function When(props: { at: string }) {
  const date = new Date(props.at);
  return (
    <time dateTime={props.at} title={date.toISOString()}>
      {date.toLocaleString()}
    </time>
  );
}

export function actorLabel(event: {
  actorName?: string | null;
  actorType?: string | null;
  actorId?: string | null;
}): string {
  if (event.actorName) return event.actorName;
  if (event.actorType === 'api_key' || event.actorType === 'apiKey')
    return `API key ${event.actorId ?? ''}`.trim();
  return event.actorType ?? 'system';
}
